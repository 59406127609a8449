/**
 * One event of Upcoming: the secret (its name opens the details), its scope, what happens and
 * when, and what can be done about it here — each action opens the same dialog the drawer does.
 * The role rule is only explained by disabling (main enforces it).
 */
import { CalendarClock, CalendarPlus, Pencil, RotateCcw, Trash2 } from 'lucide-react'
import { CREDENTIAL_TYPE_LABELS } from '../../../shared/domain'
import { Button } from '../components/button'
import { formatDateTime } from '../components/dates'
import {
  daysUntil,
  deletionWords,
  shortDate,
  type DeletionWords,
} from '../components/deletion-words'
import { scopeStringLabel } from '../components/labels'
import { useSecretsStore } from '../store/secrets-store'
import { openDetails } from './row-focus'
import type { TimelineEvent } from './vault-timeline'

/** "Expires Dec 14 · in 9 days", "Expires tomorrow", "Expired Nov 30". */
function expiryWords(at: string, now: number): DeletionWords {
  const time = Date.parse(at)
  const date = shortDate(at, now)
  if (time <= now) return { text: `Expired ${date}`, tone: 'urgent' }
  const days = daysUntil(time, now)
  if (days <= 0) return { text: 'Expires today', tone: 'urgent' }
  if (days === 1) return { text: 'Expires tomorrow', tone: 'urgent' }
  return { text: `Expires ${date} · in ${days} days`, tone: days <= 7 ? 'warning' : 'neutral' }
}

export function TimelineEntry({
  event,
  now,
  selected,
}: {
  event: TimelineEvent
  now: number
  selected: boolean
}): React.JSX.Element {
  const role = useSecretsStore((s) => s.profile?.role)
  const openDialog = useSecretsStore((s) => s.openDialog)
  const { secret } = event
  const forbidden = secret.scope === 'organization' && role === 'member'
  const words =
    event.event === 'deletion' ? deletionWords(event.at, now) : expiryWords(event.at, now)
  const nameId = `timeline-${secret.id}-${event.event}`
  const Icon = event.event === 'deletion' ? Trash2 : CalendarClock

  return (
    <li
      className={selected ? 'timeline-entry timeline-entry--selected' : 'timeline-entry'}
      aria-labelledby={nameId}
    >
      <Icon className={`timeline-entry__icon tone--${words.tone}`} aria-hidden="true" />
      <span className="timeline-entry__main">
        <button
          type="button"
          id={nameId}
          className="timeline-entry__name"
          // Closing the drawer puts focus back here (row-focus.ts).
          data-secret-id={secret.id}
          onClick={() => openDetails(secret.id, { focusDrawer: true })}
        >
          {secret.name}
        </button>
        <span className="timeline-entry__meta">
          {scopeStringLabel(secret.scope)} · {CREDENTIAL_TYPE_LABELS[secret.type]}
        </span>
      </span>
      <span className="timeline-entry__when">
        <span className={`timeline-entry__event tone--${words.tone}`}>{words.text}</span>
        <time className="timeline-entry__date" dateTime={event.at}>
          {formatDateTime(event.at)}
        </time>
      </span>
      <span
        className="timeline-entry__actions"
        role="group"
        aria-label={`Actions for ${secret.name}`}
      >
        {/* One slot for the event's own action, kept when empty so the columns line up. */}
        <span className="timeline-entry__primary">
          {event.event === 'deletion' && secret.status === 'scheduled-for-deletion' && (
            <Button
              size="sm"
              icon={<RotateCcw />}
              disabled={forbidden}
              onClick={() => openDialog({ kind: 'cancel-deletion', id: secret.id })}
            >
              Cancel deletion
            </Button>
          )}
          {event.event === 'expiry' && secret.deletesAt === null && (
            <Button
              size="sm"
              icon={<CalendarPlus />}
              disabled={forbidden}
              onClick={() => openDialog({ kind: 'delete', id: secret.id, choice: 'schedule' })}
            >
              Schedule deletion
            </Button>
          )}
        </span>
        <Button
          size="sm"
          variant="ghost"
          className="btn--danger-text"
          icon={<Trash2 />}
          disabled={forbidden}
          onClick={() => openDialog({ kind: 'delete', id: secret.id })}
        >
          Delete secret
        </Button>
        <Button
          size="sm"
          variant="ghost"
          icon={<Pencil />}
          disabled={forbidden}
          onClick={() => openDialog({ kind: 'edit', id: secret.id })}
        >
          Edit
        </Button>
      </span>
    </li>
  )
}
