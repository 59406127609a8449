/**
 * The wait main imposes after five wrong passphrases (retryAfterMs), as the unlock screen counts
 * it down: until when, and how long is left in words a person reads at a glance.
 */

/** Whole seconds left until `until`, rounded up; 0 once it has passed. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000))
}

/** "8 s", "1 min 5 s", "5 min". */
export function waitWords(seconds: number): string {
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
}

/** The line beside the Passphrase field while the next try must wait. */
export function waitMessage(seconds: number): string {
  return `Too many wrong passphrases. You can try again in ${waitWords(seconds)}.`
}
