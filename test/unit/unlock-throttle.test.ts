/**
 * Passphrase guessing is slowed (DESIGN §4), as a pure function of a clock: five wrong tries are
 * free, then 1 s, 2 s, 4 s … up to five minutes; a try while it must wait is refused with
 * TOO_MANY_ATTEMPTS saying how long, beside the Passphrase field; the right passphrase resets it.
 */
import { describe, expect, it } from 'vitest'
import { SafeholdError } from '../../src/shared/errors'
import { MAX_DELAY_MS, UnlockThrottle } from '../../src/main/app/unlock-throttle'
import { fixedClock } from '../support/vault-fixtures'

const T0 = Date.parse('2030-03-01T09:00:00.000Z')

function refusal(throttle: UnlockThrottle): SafeholdError | null {
  try {
    throttle.check()
    return null
  } catch (error) {
    return error as SafeholdError
  }
}

describe('the unlock throttle', () => {
  it('lets five wrong tries through, then makes each wait twice as long, up to five minutes', () => {
    const clock = fixedClock(new Date(T0).toISOString())
    const throttle = new UnlockThrottle(clock)
    for (let i = 0; i < 4; i++) {
      throttle.failed()
      expect(throttle.retryAfterMs()).toBe(0)
      expect(refusal(throttle)).toBeNull()
    }
    const waits: number[] = []
    let now = T0
    for (let i = 0; i < 12; i++) {
      throttle.failed()
      waits.push(throttle.retryAfterMs())
      now += throttle.retryAfterMs()
      clock.set(new Date(now).toISOString())
      expect(refusal(throttle)).toBeNull()
    }
    expect(waits).toEqual([
      1_000,
      2_000,
      4_000,
      8_000,
      16_000,
      32_000,
      64_000,
      128_000,
      256_000,
      MAX_DELAY_MS,
      MAX_DELAY_MS,
      MAX_DELAY_MS,
    ])
  })

  it('refuses a try during the wait, saying how long, beside the passphrase field', () => {
    const clock = fixedClock(new Date(T0).toISOString())
    const throttle = new UnlockThrottle(clock)
    for (let i = 0; i < 7; i++) throttle.failed()
    const error = refusal(throttle)
    expect(error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', field: 'passphrase' })
    expect(error?.message).toBe('Too many wrong passphrases. Wait 4 seconds, then try again.')
    clock.set(new Date(T0 + 3_500).toISOString())
    expect(refusal(throttle)?.message).toMatch(/Wait 1 second,/)
    for (let i = 0; i < 5; i++) throttle.failed()
    expect(refusal(throttle)?.message).toMatch(/Wait 3 minutes,/)
  })

  it('a clock set back never stretches the wait beyond the one it started as', () => {
    const clock = fixedClock(new Date(T0).toISOString())
    const throttle = new UnlockThrottle(clock)
    for (let i = 0; i < 5; i++) throttle.failed()
    clock.set(new Date(T0 - 86_400_000).toISOString())
    expect(throttle.retryAfterMs()).toBe(1_000)
  })

  it('is reset by the right passphrase', () => {
    const clock = fixedClock(new Date(T0).toISOString())
    const throttle = new UnlockThrottle(clock)
    for (let i = 0; i < 6; i++) throttle.failed()
    throttle.succeeded()
    expect(throttle.retryAfterMs()).toBe(0)
    for (let i = 0; i < 4; i++) throttle.failed()
    expect(throttle.retryAfterMs()).toBe(0)
  })
})
