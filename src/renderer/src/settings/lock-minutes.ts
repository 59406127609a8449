/**
 * "Lock after" in Settings: the idle minutes before the vault locks itself, as the user types
 * them, checked against the same range main enforces (1–240) before anything is sent.
 */
import { AUTO_LOCK_MINUTES } from '../../../shared/domain'
import { parseWholeNumber } from './whole-number'

export type LockMinutes = { ok: true; minutes: number } | { ok: false; error: string }

export function parseLockMinutes(text: string): LockMinutes {
  const { min, max } = AUTO_LOCK_MINUTES
  const parsed = parseWholeNumber(text, AUTO_LOCK_MINUTES, {
    empty: 'Enter a number of minutes.',
    notWhole: `Enter whole minutes, from ${min} to ${max}.`,
    outOfRange: `Lock after ${min} to ${max} minutes.`,
  })
  return parsed.ok ? { ok: true, minutes: parsed.value } : parsed
}

/** "1 minute", "10 minutes". */
export function minutesWords(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
}
