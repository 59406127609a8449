/** A secret's own history from the audit log, newest first, in the UI's words; never a value. */
import { formatDateTime } from '../components/dates'
import { actionLabel, detailText } from './history-words'
import type { HistoryEntry } from './use-secret-details'

export function HistorySection({
  history,
}: {
  history: readonly HistoryEntry[] | null
}): React.JSX.Element {
  if (history === null) return <p className="section-empty">Loading history…</p>
  if (history.length === 0) return <p className="section-empty">No history recorded.</p>
  return (
    <ol className="history-list" aria-label="History">
      {history.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className="history-entry">
          <span className="history-entry__dot" aria-hidden="true" />
          <span className="history-entry__action">{actionLabel(entry.action)}</span>
          <span className="history-entry__actor">by {entry.actor}</span>
          {entry.detail !== undefined && entry.detail !== '' && (
            <span className="history-entry__detail">{detailText(entry.action, entry.detail)}</span>
          )}
          <time className="history-entry__time" dateTime={entry.at}>
            {formatDateTime(entry.at)}
          </time>
        </li>
      ))}
    </ol>
  )
}
