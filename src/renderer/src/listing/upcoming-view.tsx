/**
 * Upcoming: every secret of the vault with a deletion or an expiry in the next 30 days, soonest
 * first. Choosing one opens its details.
 */
import { CalendarCheck, CalendarClock, Trash2 } from 'lucide-react'
import { CREDENTIAL_TYPE_LABELS } from '../../../shared/domain'
import { formatDate, relativeDays } from '../components/dates'
import { scopeStringLabel } from '../components/labels'
import { StatusBadge } from '../components/status-badge'
import { useNow } from '../components/use-now'
import { useSecretsStore } from '../store/secrets-store'
import { openDetails } from './row-focus'
import { upcomingEvents } from './upcoming-events'
import './upcoming-view.css'

/** A list, not a virtualised table: beyond this many the rest is counted, not drawn. */
const MAX_SHOWN = 500

export function UpcomingView(): React.JSX.Element {
  const secrets = useSecretsStore((s) => s.secrets)
  const selectedId = useSecretsStore((s) => s.selectedId)
  const now = useNow()
  const events = upcomingEvents(secrets, now)
  const shown = events.slice(0, MAX_SHOWN)

  return (
    <section className="page" aria-labelledby="upcoming-title">
      <header className="page__header">
        <h1 id="upcoming-title" className="page__title">
          Upcoming
        </h1>
        <p className="page__subtitle">
          Deletions and expirations in the next 30 days, across every scope.
        </p>
      </header>
      {events.length === 0 ? (
        <div className="empty-state empty-state--compact">
          <CalendarCheck className="empty-state__icon" aria-hidden="true" />
          <h2 className="empty-state__title">Nothing due in the next 30 days</h2>
          <p className="empty-state__text">
            No secret expires or is due for deletion within 30 days.
          </p>
        </div>
      ) : (
        <>
          <ul className="event-list" aria-label="Upcoming deletions and expirations">
            {shown.map(({ secret, kind, at }) => (
              <li key={`${secret.id}-${kind}`}>
                <button
                  type="button"
                  className={
                    secret.id === selectedId ? 'event-item event-item--selected' : 'event-item'
                  }
                  data-secret-id={secret.id}
                  onClick={() => openDetails(secret.id, { focusDrawer: true })}
                >
                  {kind === 'deletion' ? (
                    <Trash2
                      className="event-item__icon event-item__icon--danger"
                      aria-hidden="true"
                    />
                  ) : (
                    <CalendarClock className="event-item__icon" aria-hidden="true" />
                  )}
                  <span className="event-item__main">
                    <span className="event-item__name">{secret.name}</span>
                    <span className="event-item__meta" id={`event-meta-${secret.id}-${kind}`}>
                      {CREDENTIAL_TYPE_LABELS[secret.type]} · {scopeStringLabel(secret.scope)}
                    </span>
                  </span>
                  <span className="event-item__when">
                    {kind === 'deletion' ? 'Deleted' : 'Expires'} {relativeDays(at, now)}
                    <span className="event-item__date">{formatDate(at)}</span>
                  </span>
                  <StatusBadge status={secret.status} />
                </button>
              </li>
            ))}
          </ul>
          {events.length > shown.length && (
            <p className="event-list__more">
              Showing the first {shown.length} of {events.length.toLocaleString()}; filter the
              listing by status to see the rest.
            </p>
          )}
        </>
      )}
    </section>
  )
}
