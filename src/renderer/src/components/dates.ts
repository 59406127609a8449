/**
 * How dates look in the UI, the one convention everywhere: instants arrive as ISO-8601 UTC strings
 * and are shown in the user's locale and time zone, with the zone whenever a time of day is shown
 * (src/shared/time-text.ts, which main's messages use too); a missing date is an em dash, never
 * "Invalid Date".
 */
import { instantText } from '../../../shared/time-text'

const DAY_MS = 24 * 60 * 60 * 1000

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

/** `Dec 19, 2026`: a day, in local time. */
export function formatDate(iso: string | null): string {
  if (iso === null) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date)
}

/** `Dec 19, 2026, 11:59 PM GMT+1`: an instant, in local time with its zone. */
export function formatDateTime(iso: string | null): string {
  return iso === null ? '—' : instantText(iso)
}

function startOfDay(time: number): number {
  const day = new Date(time)
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}

/** Calendar days from today to the day of `iso` in local time: 0 today, 1 tomorrow, -1 yesterday. */
export function calendarDaysUntil(iso: string, now: number = Date.now()): number {
  return Math.round((startOfDay(Date.parse(iso)) - startOfDay(now)) / DAY_MS)
}

/** "today", "tomorrow", "in 12 days", "yesterday", "3 days ago". */
export function relativeDays(iso: string, now: number = Date.now()): string {
  const days = calendarDaysUntil(iso, now)
  if (days === 0) return 'today'
  if (days === 1) return 'tomorrow'
  if (days === -1) return 'yesterday'
  return days > 0 ? `in ${days} days` : `${-days} days ago`
}

/** True when `iso` lies between now and `days` days from now. */
export function isWithinDays(iso: string | null, days: number, now: number = Date.now()): boolean {
  if (iso === null) return false
  const at = Date.parse(iso)
  return at >= now && at - now <= days * DAY_MS
}
