/**
 * What a pending deletion is called wherever it is shown: the day it happens ("Deletes Dec 14",
 * the year only when it is a year or more away) and how urgent it is. The words carry the
 * urgency on their own ("today", "tomorrow", "N days left", "in N days"); the tone only picks a
 * colour that repeats them. Days are calendar days in the user's time zone.
 */

import { DAY_MS } from '../../../shared/upcoming-timeline'

export type DeletionTone = 'danger' | 'urgent' | 'warning' | 'neutral'

export interface DeletionWords {
  text: string
  tone: DeletionTone
}

const monthDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })
const monthDayYear = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
})

function startOfDay(time: number): number {
  const day = new Date(time)
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}

/** Calendar days from today to the day of `time`, in local time: 0 today, 1 tomorrow. */
export function daysUntil(time: number, now: number): number {
  return Math.round((startOfDay(time) - startOfDay(now)) / DAY_MS)
}

/** "Dec 14" within a year of now (either way), "Dec 14, 2028" beyond. */
export function shortDate(iso: string, now: number): string {
  const time = Date.parse(iso)
  return Math.abs(time - now) < 365 * DAY_MS ? monthDay.format(time) : monthDayYear.format(time)
}

export function deletionWords(deletesAt: string, now: number): DeletionWords {
  const time = Date.parse(deletesAt)
  if (time <= now) return { text: 'Deletion due now', tone: 'danger' }
  const days = daysUntil(time, now)
  if (days <= 0) return { text: 'Deletes today', tone: 'danger' }
  if (days === 1) return { text: 'Deletes tomorrow', tone: 'danger' }
  const date = shortDate(deletesAt, now)
  if (days <= 10) return { text: `Deletes ${date} · ${days} days left`, tone: 'urgent' }
  if (days <= 15) return { text: `Deletes ${date} · in ${days} days`, tone: 'warning' }
  return { text: `Deletes ${date}`, tone: 'neutral' }
}
