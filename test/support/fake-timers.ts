/**
 * Timers that fire only when a test says so, each kept with its delay; for the lifecycle, the
 * idle lock and the reminders while locked, driven beside a fake clock.
 */
import type { Timers } from '../../src/main/usage/clipboard'

export interface FakeTimers extends Timers {
  armed: Map<number, { fire: () => void; ms: number }>
  /** Every delay ever asked for, in order. */
  asked: number[]
  /** Fires every armed timer once (those armed meanwhile wait for the next call). */
  fireAll(): void
}

export function fakeTimers(): FakeTimers {
  const armed = new Map<number, { fire: () => void; ms: number }>()
  const asked: number[] = []
  let next = 0
  return {
    armed,
    asked,
    setTimeout(fire, ms) {
      asked.push(ms)
      armed.set(++next, { fire, ms })
      return next
    },
    clearTimeout(handle) {
      armed.delete(handle as number)
    },
    fireAll() {
      const due = [...armed]
      for (const [handle] of due) armed.delete(handle)
      for (const [, timer] of due) timer.fire()
    },
  }
}
