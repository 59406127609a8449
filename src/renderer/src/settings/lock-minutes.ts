/**
 * "Lock after" in Settings: the idle minutes before the vault locks itself, as the user types
 * them, checked against the same range main enforces (1–240) before anything is sent.
 */
import { AUTO_LOCK_MINUTES } from '../../../shared/domain'

export type LockMinutes = { ok: true; minutes: number } | { ok: false; error: string }

export function parseLockMinutes(text: string): LockMinutes {
  const trimmed = text.trim()
  const { min, max } = AUTO_LOCK_MINUTES
  if (trimmed === '') return { ok: false, error: 'Enter a number of minutes.' }
  if (!/^\d+$/.test(trimmed)) {
    return { ok: false, error: `Enter whole minutes, from ${min} to ${max}.` }
  }
  const minutes = Number(trimmed)
  if (minutes < min || minutes > max) {
    return { ok: false, error: `Lock after ${min} to ${max} minutes.` }
  }
  return { ok: true, minutes }
}

/** "1 minute", "10 minutes". */
export function minutesWords(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
}
