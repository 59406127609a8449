/**
 * The expiry reminder offsets as the Settings field reads them: days before expiry, 1 to 5
 * distinct whole numbers from 1 to 365 (the same rule main checks in settings:update), typed as
 * a list ("30, 7, 1"). Pure, so the form's error is the one a test can ask for.
 */

export const MAX_REMINDERS = 5
export const MAX_DAYS = 365

export type ReminderDaysParse = { ok: true; days: number[] } | { ok: false; error: string }

/** Largest first: the order reminders are sent in. */
export function parseReminderDays(text: string): ReminderDaysParse {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean)
  if (parts.length === 0) return { ok: false, error: 'Enter at least one number of days.' }
  if (parts.length > MAX_REMINDERS)
    return { ok: false, error: `At most ${MAX_REMINDERS} reminders; you entered ${parts.length}.` }
  const days: number[] = []
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return { ok: false, error: `"${part}" is not a whole number of days.` }
    const value = Number(part)
    if (value < 1 || value > MAX_DAYS)
      return { ok: false, error: `${value} is outside 1 to ${MAX_DAYS} days.` }
    if (days.includes(value)) return { ok: false, error: `${value} is listed twice.` }
    days.push(value)
  }
  return { ok: true, days: days.sort((a, b) => b - a) }
}

/** [30, 7, 1] → "30, 7, 1". */
export function formatReminderDays(days: readonly number[]): string {
  return days.join(', ')
}

/** [30, 7, 1] → "30, 7 and 1 days"; [1] → "1 day". */
export function describeReminderDays(days: readonly number[]): string {
  const unit = days.length === 1 && days[0] === 1 ? 'day' : 'days'
  if (days.length <= 1) return `${days.join('')} ${unit}`
  return `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]} ${unit}`
}
