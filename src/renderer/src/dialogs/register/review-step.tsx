import type { ReactNode } from 'react'
import { CREDENTIAL_TYPE_LABELS, TYPE_FIELDS } from '../../../../shared/domain'
import { FIELD_LABELS, parseExpiration } from '../../../../shared/secret-rules'
import type { CertDraft } from '../secret-form/certificate-draft'
import { filledRows } from '../secret-form/form-rules'
import { tagsToSave } from '../secret-form/metadata-rules'
import { NotesText } from '../../components/notes-text'
import { TagChips } from '../../components/tag-chips'
import { FormAlert } from '../ui/form-alert'
import { availabilityText, formatDateTime, scopeText } from '../ui/format'
import { kvRows, scopeString, type WizardDraft } from './wizard-model'

interface ReviewStepProps {
  draft: WizardDraft
  cert: CertDraft
}

/** Step 4: what will be stored, without a single value, and the one chance to copy it. */
export function ReviewStep({ draft, cert }: ReviewStepProps): ReactNode {
  const type = draft.type ?? 'api-key'
  const many = type === 'key-value' || type === 'certificate'
  const rows: [string, ReactNode][] = [
    ['Secret name', <span className="dlg-mono">{draft.name}</span>],
    ['Scope', scopeText(scopeString(draft))],
  ]
  if (draft.scope === 'organization') {
    const availability =
      draft.availability === 'organization' ? 'organization' : `spot:${draft.availability}`
    rows.push(['Availability', availabilityText(availability)])
  }
  rows.push(['Credential type', CREDENTIAL_TYPE_LABELS[type]])
  for (const key of TYPE_FIELDS[type].plain) {
    rows.push([(FIELD_LABELS as Record<string, string>)[key] ?? key, draft.fields[key] ?? ''])
  }
  for (const key of TYPE_FIELDS[type].secret) {
    if (type === 'certificate') continue
    rows.push([(FIELD_LABELS as Record<string, string>)[key] ?? key, <Hidden />])
  }
  if (type === 'key-value') {
    const keys = filledRows(kvRows(draft)).map((row) => row.key)
    rows.push([
      'Keys',
      <span className="dlg-mono">
        {keys.join(', ')} <Hidden count={keys.length} />
      </span>,
    ])
  }
  if (type === 'certificate') {
    rows.push(['Certificate file', cert.certificate?.fileName ?? '—'])
    if (cert.facts) {
      rows.push(['Subject', cert.facts.subject])
      rows.push(['Issuer', cert.facts.issuer])
      rows.push(['Key type', cert.facts.keyType])
      rows.push(['Valid from', formatDateTime(cert.facts.notBefore)])
    }
    rows.push(['Private key', cert.hasPrivateKey ? 'Included' : 'Not included'])
  }
  if (type === 'certificate') {
    const notAfter = cert.facts?.notAfter
    rows.push(['Expiration date', notAfter ? `${formatDateTime(notAfter)} (valid until)` : '—'])
  } else {
    const expires = draft.expiresAt ? parseExpiration(draft.expiresAt) : null
    rows.push(['Expiration date', expires ? formatDateTime(expires.toISOString()) : 'None'])
  }
  const tags = tagsToSave(draft)
  rows.push(['Notes', draft.notes === '' ? 'None' : <NotesText notes={draft.notes} />])
  rows.push(['Tags', tags.length === 0 ? 'None' : <TagChips tags={tags} />])
  return (
    <>
      <FormAlert tone="warning" live={false}>
        <strong>Copy it now: it will not be shown again.</strong>
        <span>
          {many
            ? 'After you register them, Safehold never displays these values again. If you need them anywhere else, take them from their source now; later Safehold can only copy them to the clipboard or hand them to programs, without showing them.'
            : 'After you register it, Safehold never displays this value again. If you need it anywhere else, take it from its source now; later Safehold can only copy it to the clipboard or hand it to programs, without showing it.'}
        </span>
      </FormAlert>
      <dl className="dlg-summary" aria-label="Summary">
        {rows.map(([term, detail]) => (
          <div key={term} className="dlg-summary-row">
            <dt>{term}</dt>
            <dd>{detail}</dd>
          </div>
        ))}
      </dl>
    </>
  )
}

function Hidden({ count }: { count?: number }): ReactNode {
  const what = count === undefined ? 'Value' : count === 1 ? '1 value' : `${count} values`
  return <span className="dlg-muted">({what} hidden)</span>
}
