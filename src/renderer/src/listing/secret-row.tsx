/** One row of the listing. Memoised: scrolling re-renders only the rows that enter the view. */
import { memo } from 'react'
import { CREDENTIAL_TYPE_LABELS } from '../../../shared/domain'
import type { SecretSummary } from '../../../shared/secret-view'
import { formatDate, formatDateTime, isWithinDays, relativeDays } from '../components/dates'
import { deletionWords } from '../components/deletion-words'
import { availabilityLabel } from '../components/labels'
import { StatusBadge } from '../components/status-badge'
import { TypeIcon } from '../components/type-icon'

interface SecretRowProps {
  secret: SecretSummary
  index: number
  focusable: boolean
  selected: boolean
  /** The instant every row of one render counts from (use-now.ts). */
  now: number
  onActivate: (id: string, index: number) => void
}

export const SecretRow = memo(function SecretRow({
  secret,
  index,
  focusable,
  selected,
  now,
  onActivate,
}: SecretRowProps): React.JSX.Element {
  const expiringSoon = isWithinDays(secret.expiresAt, 30, now)
  const expired = secret.expiresAt !== null && Date.parse(secret.expiresAt) <= now
  const deletion = secret.deletesAt === null ? null : deletionWords(secret.deletesAt, now)
  return (
    <tr
      className={selected ? 'secret-row secret-row--selected' : 'secret-row'}
      tabIndex={focusable ? 0 : -1}
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      data-row-index={index}
      data-secret-id={secret.id}
      onClick={() => onActivate(secret.id, index)}
    >
      <td className="cell-name" title={secret.name}>
        <span className="secret-name">{secret.name}</span>
      </td>
      <td>
        <span className="cell-type">
          <TypeIcon type={secret.type} />
          <span className="cell-type__label">{CREDENTIAL_TYPE_LABELS[secret.type]}</span>
        </span>
      </td>
      <td
        className={secret.availability === null ? 'cell-muted' : undefined}
        title={availabilityLabel(secret.availability)}
      >
        {availabilityLabel(secret.availability)}
      </td>
      <td>
        <time dateTime={secret.createdAt} title={formatDateTime(secret.createdAt)}>
          {formatDate(secret.createdAt)}
        </time>
      </td>
      <td className={secret.expiresAt === null ? 'cell-muted' : undefined}>
        {secret.expiresAt === null ? (
          '—'
        ) : (
          <time
            dateTime={secret.expiresAt}
            title={`${formatDateTime(secret.expiresAt)} (${relativeDays(secret.expiresAt, now)})`}
          >
            {formatDate(secret.expiresAt)}
            {expiringSoon && (
              <span className="cell-soon"> · {relativeDays(secret.expiresAt, now)}</span>
            )}
            {expired && <span className="cell-expired"> · Expired</span>}
          </time>
        )}
      </td>
      <td
        title={
          secret.deletesAt === null ? undefined : `Deletes ${formatDateTime(secret.deletesAt)}`
        }
      >
        {deletion === null ? (
          <StatusBadge status={secret.status} />
        ) : (
          <span className="status-cell">
            <StatusBadge status={secret.status} className="status-badge--compact" />
            <span className={`deletion-words deletion-words--${deletion.tone}`}>
              <span className="visually-hidden">, </span>
              {deletion.text}
            </span>
          </span>
        )}
      </td>
    </tr>
  )
})
