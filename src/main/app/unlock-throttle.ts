/**
 * Passphrase guessing through the unlock screen is slowed down (DESIGN §4): five wrong tries are
 * free, then each wrong try makes the next wait 1 s, 2 s, 4 s … up to five minutes. A try while it
 * must wait is refused at once, before any key derivation runs. A clock set back never stretches
 * a wait beyond the one it started as. Kept in memory: the vault files themselves can be copied
 * and guessed at offline, where scrypt's cost is what protects them.
 */
import { SafeholdError } from '../../shared/errors'
import type { Clock } from '../lifecycle/clock'

export const FREE_TRIES = 5
export const FIRST_DELAY_MS = 1_000
export const MAX_DELAY_MS = 5 * 60_000

function waitWords(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`
  return `${Math.ceil(seconds / 60)} minutes`
}

export class UnlockThrottle {
  private failures = 0
  private until = 0
  private delay = 0

  constructor(private readonly clock: Clock) {}

  /** How long until the next try is taken; 0 when it is now. */
  retryAfterMs(): number {
    const wait = this.until - this.clock.now().getTime()
    return wait <= 0 ? 0 : Math.min(wait, this.delay)
  }

  /** Refuses a try that comes before its time: TOO_MANY_ATTEMPTS, saying how long to wait. */
  check(): void {
    const wait = this.retryAfterMs()
    if (wait > 0) {
      throw new SafeholdError(
        'TOO_MANY_ATTEMPTS',
        `Too many wrong passphrases. Wait ${waitWords(wait)}, then try again.`,
        'passphrase',
      )
    }
  }

  failed(): void {
    this.failures++
    if (this.failures < FREE_TRIES) return
    const doublings = Math.min(this.failures - FREE_TRIES, 30)
    this.delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** doublings)
    this.until = this.clock.now().getTime() + this.delay
  }

  succeeded(): void {
    this.failures = 0
    this.until = 0
    this.delay = 0
  }
}
