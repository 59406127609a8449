import type { ReactNode } from 'react'
import { ShieldCheck } from 'lucide-react'
import type { CertificateFacts } from '../../../../shared/domain'
import { certificateRows } from '../../components/certificate-rows'

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
  return (
    <section className="dlg-facts" aria-label={title}>
      <h3 className="dlg-facts-title">
        <ShieldCheck aria-hidden size={16} /> {title}
      </h3>
      <dl className="dlg-facts-list">
        {certificateRows(facts, hasPrivateKey).map(([term, detail]) => (
          <div key={term} className="dlg-facts-row">
            <dt>{term}</dt>
            <dd>{detail}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
