/** A secret's status as a coloured badge that always carries its words, never colour alone. */
import { STATUS_LABELS, type SecretStatus } from '../../../shared/domain'

export interface StatusBadgeProps {
  status: SecretStatus
  className?: string
}

export function StatusBadge({ status, className }: StatusBadgeProps): React.JSX.Element {
  return (
    <span
      className={['status-badge', `status-badge--${status}`, className].filter(Boolean).join(' ')}
      title={STATUS_LABELS[status]}
    >
      <span className="status-badge__dot" aria-hidden="true" />
      <span className="status-badge__label">{STATUS_LABELS[status]}</span>
    </span>
  )
}
