/**
 * The vault's timeline (src/shared/upcoming-timeline.ts) as the renderer asks for it: the sidebar
 * count, the banner and Upcoming all read it within one render, so the last answer is kept for
 * the same list and instant.
 */
import type { SecretSummary } from '../../../shared/secret-view'
import { DAY_MS, timeline, type TimelineEvent } from '../../../shared/upcoming-timeline'

export { deletionsWithin } from '../../../shared/upcoming-timeline'
export type { TimelineEvent } from '../../../shared/upcoming-timeline'

/** The banner's horizon (DESIGN §6.4): deletions within this many days are warned about. */
export const BANNER_DAYS = 15

let cache: { secrets: readonly SecretSummary[]; now: number; events: TimelineEvent[] } | null = null

export function vaultTimeline(secrets: readonly SecretSummary[], now: number): TimelineEvent[] {
  if (cache && cache.secrets === secrets && cache.now === now) return cache.events
  const events = timeline(secrets, now)
  cache = { secrets, now, events }
  return events
}

/**
 * The sidebar's count: the events due within 30 days, overdue ones included — what needs
 * attention soon, not the whole timeline (an expiry two years out is no reason to look).
 */
export function dueWithin30Days(events: readonly TimelineEvent[], now: number): number {
  const limit = now + 30 * DAY_MS
  let count = 0
  for (const event of events) if (event.time <= limit) count++
  return count
}
