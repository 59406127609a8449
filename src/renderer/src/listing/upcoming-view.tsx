/**
 * Upcoming: the one timeline of every pending deletion and expiry in the vault, across every
 * scope, soonest first, under the headings Overdue / Next 7 days / Next 30 days / Later. The
 * banner's "Review" opens it showing exactly the deletions the banner counted, and says so.
 */
import { CalendarCheck } from 'lucide-react'
import { TIMELINE_GROUP_LABELS, TIMELINE_GROUPS } from '../../../shared/upcoming-timeline'
import { useNow } from '../components/use-now'
import { useSecretsStore } from '../store/secrets-store'
import { TimelineEntry } from './timeline-entry'
import { BANNER_DAYS, deletionsWithin, vaultTimeline, type TimelineEvent } from './vault-timeline'
import './upcoming-view.css'

/** A list, not a virtualised table: beyond this many the rest is counted, not drawn. */
const MAX_SHOWN = 500

function FilterNote({ count }: { count: number }): React.JSX.Element {
  const showUpcoming = useSecretsStore((s) => s.showUpcoming)
  return (
    <p className="timeline-filter" role="status">
      <span>
        Showing the {count} {count === 1 ? 'deletion' : 'deletions'} within {BANNER_DAYS} days
      </span>
      <span aria-hidden="true">·</span>
      <button type="button" className="link-button" onClick={() => showUpcoming('all')}>
        Show all
      </button>
    </p>
  )
}

export function UpcomingView(): React.JSX.Element {
  const secrets = useSecretsStore((s) => s.secrets)
  const selectedId = useSecretsStore((s) => s.selectedId)
  const filter = useSecretsStore((s) => s.upcomingFilter)
  const now = useNow()
  const all = vaultTimeline(secrets, now)
  const events = filter === 'all' ? all : deletionsWithin(all, BANNER_DAYS, now)
  const shown = events.slice(0, MAX_SHOWN)
  const groups = TIMELINE_GROUPS.map((group) => ({
    group,
    events: shown.filter((event) => event.group === group),
  })).filter((entry) => entry.events.length > 0)

  return (
    <section className="page upcoming" aria-labelledby="upcoming-title">
      <header className="page__header">
        <h1 id="upcoming-title" className="page__title">
          Upcoming
        </h1>
        <p className="page__subtitle">
          Every pending deletion and expiration in the vault, across every scope, soonest first.
        </p>
      </header>
      {filter !== 'all' && <FilterNote count={events.length} />}
      {events.length === 0 ? (
        <div className="empty-state empty-state--compact">
          <CalendarCheck className="empty-state__icon" aria-hidden="true" />
          <h2 className="empty-state__title">Nothing scheduled</h2>
          <p className="empty-state__text">
            No secret is due for deletion and none has an expiration date.
          </p>
        </div>
      ) : (
        <>
          {groups.map(({ group, events: inGroup }) => (
            <TimelineGroup
              key={group}
              id={`timeline-${group}`}
              title={TIMELINE_GROUP_LABELS[group]}
              events={inGroup}
              now={now}
              selectedId={selectedId}
            />
          ))}
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

function TimelineGroup(props: {
  id: string
  title: string
  events: TimelineEvent[]
  now: number
  selectedId: string | null
}): React.JSX.Element {
  return (
    <section className="timeline-group" aria-labelledby={props.id}>
      <h2 id={props.id} className="timeline-group__title">
        {props.title}
        <span className="timeline-group__count" aria-hidden="true">
          {props.events.length}
        </span>
      </h2>
      <ul className="event-list">
        {props.events.map((event) => (
          <TimelineEntry
            key={`${event.secret.id}-${event.event}`}
            event={event}
            now={props.now}
            selected={event.secret.id === props.selectedId}
          />
        ))}
      </ul>
    </section>
  )
}
