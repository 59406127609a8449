/**
 * The Details section: every non-secret fact of a secret (fields, keys, certificate facts, the
 * fingerprint, dates and countdowns, notes and tags). Values are never here: the renderer never
 * receives them. Notes and tags are the user's text, shown as text: React escapes them, line
 * breaks are kept by CSS, and nothing in them is read as markup or a link.
 */
import type { ReactNode } from 'react'
import { CREDENTIAL_TYPE_LABELS, TYPE_FIELDS } from '../../../shared/domain'
import { FIELD_LABELS } from '../../../shared/secret-rules'
import type { SecretDetails } from '../../../shared/secret-view'
import { formatDateTime, relativeDays } from '../components/dates'
import { availabilityLabel, scopeStringLabel } from '../components/labels'
import { certificateRows } from '../components/certificate-rows'
import { NotesText } from '../components/notes-text'
import { TagChips } from '../components/tag-chips'

export function Fact({ term, children }: { term: string; children: ReactNode }): React.JSX.Element {
  return (
    <div className="fact">
      <dt className="fact__term">{term}</dt>
      <dd className="fact__value">{children}</dd>
    </div>
  )
}

export function When({ iso, now }: { iso: string | null; now: number }): React.JSX.Element {
  if (iso === null) return <span className="muted">—</span>
  return (
    <>
      <time dateTime={iso}>{formatDateTime(iso)}</time>
      <span className="fact__hint"> · {relativeDays(iso, now)}</span>
    </>
  )
}

/** Safehold's own fingerprint of the stored value(s), not to be confused with a certificate's. */
export const VALUE_FINGERPRINT_LABEL = 'Value fingerprint'
const VALUE_FINGERPRINT_HINT =
  "Safehold's check of the stored value: the same value always gives the same 8 characters, and they reveal nothing of it."

function fieldLabel(key: string): string {
  return (FIELD_LABELS as Record<string, string>)[key] ?? key
}

export function DetailsFacts({
  secret,
  now,
}: {
  secret: SecretDetails
  now: number
}): React.JSX.Element {
  const cert = secret.certificate
  const plainFields = TYPE_FIELDS[secret.type].plain.filter((key) => key in secret.fields)
  return (
    <dl className="facts">
      <Fact term="Credential type">{CREDENTIAL_TYPE_LABELS[secret.type]}</Fact>
      <Fact term="Scope">{scopeStringLabel(secret.scope)}</Fact>
      {secret.availability !== null && (
        <Fact term="Availability">{availabilityLabel(secret.availability)}</Fact>
      )}
      {plainFields.map((key) => (
        <Fact key={key} term={fieldLabel(key)}>
          <span className="mono fact__wrap">{secret.fields[key]}</span>
        </Fact>
      ))}
      {secret.type === 'key-value' && (
        <Fact term={`Keys (${secret.keys.length})`}>
          <ul className="key-list">
            {secret.keys.map((key) => (
              <li key={key} className="mono">
                {key}
              </li>
            ))}
          </ul>
        </Fact>
      )}
      {cert &&
        certificateRows(cert, secret.hasPrivateKey).map(([term, detail]) => (
          <Fact key={term} term={term}>
            {detail}
          </Fact>
        ))}
      <Fact term={VALUE_FINGERPRINT_LABEL}>
        <span className="mono fingerprint" aria-describedby="value-fingerprint-hint">
          {secret.fingerprint}
        </span>
        <span id="value-fingerprint-hint" className="fact__hint fact__line">
          {VALUE_FINGERPRINT_HINT}
        </span>
      </Fact>
      <Fact term="Expiration date">
        {secret.expiresAt === null ? (
          <span className="muted">Does not expire</span>
        ) : (
          <When iso={secret.expiresAt} now={now} />
        )}
      </Fact>
      {secret.deletesAt !== null && (
        <Fact term="Deletion">
          <When iso={secret.deletesAt} now={now} />
        </Fact>
      )}
      <Fact term="Creation date">
        <When iso={secret.createdAt} now={now} />
      </Fact>
      <Fact term="Last change">
        <When iso={secret.updatedAt} now={now} />
      </Fact>
      <Fact term="Last use">
        {secret.lastUsedAt === null ? (
          <span className="muted">Never used</span>
        ) : (
          <When iso={secret.lastUsedAt} now={now} />
        )}
      </Fact>
      {secret.notes !== '' && (
        <Fact term="Notes">
          <NotesText notes={secret.notes} />
        </Fact>
      )}
      {secret.tags.length > 0 && (
        <Fact term="Tags">
          <TagChips tags={secret.tags} />
        </Fact>
      )}
    </dl>
  )
}
