/**
 * The one timeline of every pending deletion and expiry in the vault (DESIGN §2), soonest first,
 * grouped as Upcoming shows it and as `safehold upcoming` prints it. Pure: the same secrets and
 * instant always give the same timeline, in the renderer and in the CLI alike.
 */
import type { SecretSummary } from './secret-view'

export const DAY_MS = 86_400_000

export type TimelineGroup = 'overdue' | 'next-7-days' | 'next-30-days' | 'later'

export const TIMELINE_GROUPS: readonly TimelineGroup[] = [
  'overdue',
  'next-7-days',
  'next-30-days',
  'later',
]

export const TIMELINE_GROUP_LABELS: Record<TimelineGroup, string> = {
  overdue: 'Overdue',
  'next-7-days': 'Next 7 days',
  'next-30-days': 'Next 30 days',
  later: 'Later',
}

export interface TimelineEvent<S extends SecretSummary = SecretSummary> {
  secret: S
  event: 'deletion' | 'expiry'
  /** ISO-8601 UTC, as main sent it. */
  at: string
  /** `at` in epoch milliseconds. */
  time: number
  group: TimelineGroup
}

export function timelineGroup(time: number, now: number): TimelineGroup {
  if (time <= now) return 'overdue'
  if (time <= now + 7 * DAY_MS) return 'next-7-days'
  if (time <= now + 30 * DAY_MS) return 'next-30-days'
  return 'later'
}

/**
 * Every pending deletion and every expiry, soonest first (ties: deletions first, then by name).
 * An expiry already passed stays on the timeline as overdue, since an expired secret stays in
 * the vault until it is replaced or deleted; a deletion past due is overdue until carried out.
 */
export function timeline<S extends SecretSummary>(
  secrets: readonly S[],
  now: number,
): TimelineEvent<S>[] {
  const events: TimelineEvent<S>[] = []
  for (const secret of secrets) {
    if (secret.deletesAt !== null) {
      const time = Date.parse(secret.deletesAt)
      events.push({
        secret,
        event: 'deletion',
        at: secret.deletesAt,
        time,
        group: timelineGroup(time, now),
      })
    }
    if (secret.expiresAt !== null) {
      const time = Date.parse(secret.expiresAt)
      events.push({
        secret,
        event: 'expiry',
        at: secret.expiresAt,
        time,
        group: timelineGroup(time, now),
      })
    }
  }
  return events.sort(
    (a, b) =>
      a.time - b.time ||
      (a.event === b.event ? 0 : a.event === 'deletion' ? -1 : 1) ||
      a.secret.name.localeCompare(b.secret.name),
  )
}

/** The deletions due within `days` days from now (overdue ones included), soonest first. */
export function deletionsWithin<S extends SecretSummary>(
  events: readonly TimelineEvent<S>[],
  days: number,
  now: number,
): TimelineEvent<S>[] {
  const limit = now + days * DAY_MS
  return events.filter((e) => e.event === 'deletion' && e.time <= limit)
}
