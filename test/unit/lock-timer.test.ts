/**
 * The idle lock (DESIGN §4) with an injected clock and timers: the vault locks once no touch came
 * for its auto-lock minutes, and not a moment before, however early or late its timer fires; a
 * touch starts the wait again; a changed setting applies at once; a clock set back never makes it
 * wait longer than the limit; no timer is ever longer than 2³¹−1 ms.
 */
import { describe, expect, it } from 'vitest'
import { autoLockMs, createLockTimer, MAX_TIMER_MS } from '../../src/main/app/lock-timer'
import { fakeTimers } from '../support/fake-timers'
import { fixedClock } from '../support/vault-fixtures'

const T0 = '2030-03-01T09:00:00.000Z'
const MINUTE = 60_000
const at = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString()

function timer(minutes = 10, limitMs?: number) {
  const clock = fixedClock(T0)
  const timers = fakeTimers()
  const locks: string[] = []
  const settings = { minutes }
  const idle = createLockTimer({
    clock,
    timers,
    minutes: () => settings.minutes,
    limitMs,
    onIdle: () => locks.push(clock.now().toISOString()),
  })
  return { clock, timers, locks, settings, idle }
}

describe('the idle lock timer', () => {
  it('locks after the auto-lock minutes without a touch, and says how long is left', () => {
    const { clock, timers, locks, idle } = timer(10)
    idle.start()
    expect(idle.locksInMs()).toBe(10 * MINUTE)
    expect([...timers.armed.values()].map((t) => t.ms)).toEqual([10 * MINUTE])
    clock.set(at(4 * MINUTE))
    expect(idle.locksInMs()).toBe(6 * MINUTE)
    clock.set(at(10 * MINUTE))
    timers.fireAll()
    expect(locks).toEqual([at(10 * MINUTE)])
    expect(idle.locksInMs()).toBeNull()
    expect(timers.armed.size).toBe(0)
  })

  it('a touch starts the wait again: a timer that fires then finds time left and waits on', () => {
    const { clock, timers, locks, idle } = timer(10)
    idle.start()
    clock.set(at(9 * MINUTE))
    idle.touch()
    expect(idle.locksInMs()).toBe(10 * MINUTE)
    clock.set(at(10 * MINUTE))
    timers.fireAll()
    expect(locks).toEqual([])
    expect([...timers.armed.values()].map((t) => t.ms)).toEqual([9 * MINUTE])
    clock.set(at(19 * MINUTE))
    timers.fireAll()
    expect(locks).toEqual([at(19 * MINUTE)])
  })

  it('never locks early, whatever the timer does: one fired too soon re-arms for the rest', () => {
    const { clock, timers, locks, idle } = timer(5)
    idle.start()
    clock.set(at(2 * MINUTE))
    timers.fireAll()
    expect(locks).toEqual([])
    expect([...timers.armed.values()].map((t) => t.ms)).toEqual([3 * MINUTE])
  })

  it('a timer that fires late (a machine that slept) locks at once', () => {
    const { clock, timers, locks, idle } = timer(10)
    idle.start()
    clock.set(at(3 * 60 * MINUTE))
    timers.fireAll()
    expect(locks).toHaveLength(1)
  })

  it('applies a changed setting at once: shorter locks now when the idle time already passed it', () => {
    const { clock, timers, locks, settings, idle } = timer(10)
    idle.start()
    clock.set(at(3 * MINUTE))
    settings.minutes = 5
    idle.reschedule()
    expect([...timers.armed.values()].map((t) => t.ms)).toEqual([2 * MINUTE])
    settings.minutes = 1
    idle.reschedule()
    expect([...timers.armed.values()].map((t) => t.ms)).toEqual([0])
    timers.fireAll()
    expect(locks).toEqual([at(3 * MINUTE)])
  })

  it('counts from the new time when the clock is set back, never from the future', () => {
    const { clock, timers, locks, idle } = timer(10)
    clock.set(at(60 * MINUTE))
    idle.start()
    clock.set(at(0))
    expect(idle.locksInMs()).toBe(10 * MINUTE)
    clock.set(at(10 * MINUTE))
    timers.fireAll()
    expect(locks).toEqual([at(10 * MINUTE)])
  })

  it('stops: no lock, no timer, nothing left to say', () => {
    const { clock, timers, locks, idle } = timer(10)
    idle.start()
    idle.stop()
    expect(timers.armed.size).toBe(0)
    expect(idle.locksInMs()).toBeNull()
    idle.touch()
    idle.reschedule()
    clock.set(at(60 * MINUTE))
    timers.fireAll()
    expect(locks).toEqual([])
    expect(timers.armed.size).toBe(0)
  })

  it('keeps every timer within 2³¹−1 ms and takes only the minutes the contract allows', () => {
    for (const minutes of [1, 10, 240]) {
      const { timers, idle } = timer(minutes)
      idle.start()
      expect(timers.asked.every((ms) => ms >= 0 && ms <= MAX_TIMER_MS)).toBe(true)
      expect(idle.locksInMs()).toBe(minutes * MINUTE)
    }
    expect(autoLockMs(0)).toBe(10 * MINUTE)
    expect(autoLockMs(241)).toBe(10 * MINUTE)
    expect(autoLockMs(2.5)).toBe(10 * MINUTE)
    expect(autoLockMs(Number.NaN)).toBe(10 * MINUTE)
  })

  it('takes a limit in ms over the minutes when given one (the harness, for tests that cannot wait)', () => {
    const { clock, timers, locks, settings, idle } = timer(10, 3000)
    idle.start()
    expect(idle.locksInMs()).toBe(3000)
    settings.minutes = 240
    idle.reschedule()
    expect(idle.locksInMs()).toBe(3000)
    clock.set(at(2999))
    timers.fireAll()
    expect(locks).toEqual([])
    clock.set(at(3000))
    timers.fireAll()
    expect(locks).toEqual([at(3000)])
  })
})
