import type { ReactNode } from 'react'
import { ShieldCheck } from 'lucide-react'
import type { CertificateFacts } from '../../../../shared/domain'
import { formatUtc } from '../ui/format'

interface CertificateFactsViewProps {
  title: string
  facts: CertificateFacts
  hasPrivateKey: boolean
}

/** What main read from a certificate: enough to recognise it, nothing secret. */
export function CertificateFactsView({
  title,
  facts,
  hasPrivateKey,
}: CertificateFactsViewProps): ReactNode {
  const rows: [string, string][] = [
    ['Subject', facts.subject],
    ['Issuer', facts.issuer],
    ['Key type', facts.keyType],
    ['Not before', formatUtc(facts.notBefore)],
    ['Not after', formatUtc(facts.notAfter)],
    ['Private key', hasPrivateKey ? 'Included' : 'Not included'],
  ]
  if (facts.subjectAltNames.length)
    rows.push(['Alternative names', facts.subjectAltNames.join(', ')])
  if (facts.chainLength > 1) rows.push(['Chain', `${facts.chainLength} certificates`])
  return (
    <section className="dlg-facts" aria-label={title}>
      <h3 className="dlg-facts-title">
        <ShieldCheck aria-hidden size={16} /> {title}
      </h3>
      <dl className="dlg-facts-list">
        {rows.map(([term, detail]) => (
          <div key={term} className="dlg-facts-row">
            <dt>{term}</dt>
            <dd>{detail}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
