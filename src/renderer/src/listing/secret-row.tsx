/** One row of the listing. Memoised: scrolling re-renders only the rows that enter the view. */
import { memo } from 'react'
import { CREDENTIAL_TYPE_LABELS } from '../../../shared/domain'
import type { SecretSummary } from '../../../shared/secret-view'
import { formatDate, formatDateTime, isWithinDays, relativeDays } from '../components/dates'
import { availabilityLabel } from '../components/labels'
import { StatusBadge } from '../components/status-badge'
import { TypeIcon } from '../components/type-icon'

interface SecretRowProps {
  secret: SecretSummary
  index: number
  focusable: boolean
  selected: boolean
  onActivate: (id: string, index: number) => void
}

export const SecretRow = memo(function SecretRow({
  secret,
  index,
  focusable,
  selected,
  onActivate,
}: SecretRowProps): React.JSX.Element {
  const expiringSoon = isWithinDays(secret.expiresAt, 30)
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
            title={`${formatDateTime(secret.expiresAt)} (${relativeDays(secret.expiresAt)})`}
          >
            {formatDate(secret.expiresAt)}
            {expiringSoon && <span className="cell-soon"> · {relativeDays(secret.expiresAt)}</span>}
          </time>
        )}
      </td>
      <td>
        <StatusBadge status={secret.status} />
      </td>
    </tr>
  )
})
