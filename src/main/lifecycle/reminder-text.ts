/**
 * What a reminder says (DESIGN §2), as a pure function of its record: the title and body of the
 * system notification, and the line the CLI prints. Names and dates only, never a value. Dates are
 * in the local time of the process that shows them, as the OS shows its own.
 */
import type { NotificationRecord } from '../vault/vault-state'
import { DAY_MS } from './secret-status'

/**
 * Made on first use: building a date format loads the locale and time-zone data, a quarter of
 * `safehold get`'s own start-up, and most processes that load this file format no date.
 */
let dateFormat: Intl.DateTimeFormat | null = null

export function reminderDate(iso: string): string {
  dateFormat ??= new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  })
  return dateFormat.format(new Date(iso))
}

const inDays = (days: number): string =>
  days <= 0 ? 'today' : days === 1 ? 'in 1 day' : `in ${days} days`

/**
 * Whole days from sending to the event, as the user reads them: a reminder caught up late (the
 * 15-day one sent when 13 days are left) says 13, not the 15 its offset was due at.
 */
function daysLeft(record: { at?: string; dueAt: string; offsetDays: number }): number {
  if (record.at === undefined) return record.offsetDays
  const left = (Date.parse(record.dueAt) - Date.parse(record.at)) / DAY_MS
  return Number.isFinite(left) ? Math.max(0, Math.ceil(left - 1e-6)) : record.offsetDays
}

export function reminderText(
  record: Pick<NotificationRecord, 'secretName' | 'kind' | 'dueAt' | 'offsetDays'> &
    Partial<Pick<NotificationRecord, 'at'>>,
): { title: string; body: string } {
  const name = `"${record.secretName}"`
  const when = reminderDate(record.dueAt)
  switch (record.kind) {
    case 'inactive':
      return {
        title: `${name} is inactive`,
        body: `Not used or changed for 30 days. It will be deleted on ${when} unless it is used or edited before then.`,
      }
    case 'deletion-reminder':
      return {
        title: `${name} will be deleted ${inDays(daysLeft(record))}`,
        body: `On ${when}. Use it, or cancel the deletion, to keep it.`,
      }
    case 'deleted':
      return {
        title: `${name} was deleted`,
        body: `Its deletion was due on ${when}. It can no longer be used, and its encrypted copy leaves every vault file within 30 days.`,
      }
    case 'expiry-reminder':
      return {
        title: `${name} expires ${inDays(daysLeft(record))}`,
        body: `On ${when}. Give it its new value before then: Edit, then Save changes.`,
      }
    case 'expired':
      return {
        title: `${name} has expired`,
        body: `It expired on ${when}. Programs that use it may now be refused; expiry alone deletes nothing.`,
      }
    case 'reactivated':
      return {
        title: `${name} was used again; its deletion was cancelled`,
        body: `It is Active again. It was to be deleted on ${when}.`,
      }
  }
}

/**
 * A deletion that fell due while the vault was locked: it needs the key, so it waits for the next
 * unlock (or the next `safehold` command), and the user is told so once.
 */
export function deletionWaitsText(record: Pick<NotificationRecord, 'secretName' | 'dueAt'>): {
  title: string
  body: string
} {
  return {
    title: `"${record.secretName}" is due for deletion`,
    body: `Its deletion was due on ${reminderDate(record.dueAt)}. It will be deleted when Safehold is unlocked, or by the next "safehold" command.`,
  }
}
