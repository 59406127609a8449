/**
 * The idle lock (DESIGN §4): the vault locks once no touch has come for the vault's auto-lock
 * minutes. Elapsed time is read from the injected clock whenever the timer fires, so a timer that
 * fires late or early, or a setting changed meanwhile, never locks early and never forgets to
 * lock; a clock set back counts from then, never from the future. No timer is longer than 2³¹−1 ms.
 */
import { AUTO_LOCK_MINUTES } from '../../shared/ipc-contract'
import type { Clock } from '../lifecycle/clock'
import type { Timers } from '../usage/clipboard'

export const MAX_TIMER_MS = 2 ** 31 - 1
const MINUTE_MS = 60_000

export interface LockTimer {
  /** Starts counting idle time from now (the vault was opened). */
  start(): void
  /** The user is at the window: idle time starts again. */
  touch(): void
  /** How long until it locks; null when it is not counting. */
  locksInMs(): number | null
  /** The auto-lock minutes changed: the new limit applies at once. */
  reschedule(): void
  stop(): void
}

export interface LockTimerDeps {
  clock: Clock
  timers: Timers
  /** The vault's auto-lock minutes, read afresh each time. */
  minutes: () => number
  /** Overrides the minutes (the harness's --idle-lock-seconds, for tests that cannot wait). */
  limitMs?: number | undefined
  onIdle: () => void
}

/** Whole minutes within the contract's range; anything else is the default. */
export function autoLockMs(minutes: number): number {
  const valid =
    Number.isInteger(minutes) &&
    minutes >= AUTO_LOCK_MINUTES.min &&
    minutes <= AUTO_LOCK_MINUTES.max
  return (valid ? minutes : AUTO_LOCK_MINUTES.default) * MINUTE_MS
}

export function createLockTimer(deps: LockTimerDeps): LockTimer {
  const { clock, timers } = deps
  let last: number | null = null
  let handle: unknown = null

  const now = (): number => {
    const at = clock.now().getTime()
    if (last !== null && at < last) last = at
    return at
  }
  const left = (): number | null => {
    if (last === null) return null
    const at = now()
    const limit = deps.limitMs ?? autoLockMs(deps.minutes())
    return Math.max(0, last + limit - at)
  }

  const clear = (): void => {
    if (handle !== null) timers.clearTimeout(handle)
    handle = null
  }
  const arm = (): void => {
    clear()
    const ms = left()
    if (ms !== null) handle = timers.setTimeout(fire, Math.min(ms, MAX_TIMER_MS))
  }
  const fire = (): void => {
    handle = null
    if (left() !== 0) return arm()
    last = null
    deps.onIdle()
  }

  return {
    start() {
      last = clock.now().getTime()
      arm()
    },
    touch() {
      if (last !== null) last = clock.now().getTime()
    },
    locksInMs: left,
    reschedule() {
      if (last !== null) arm()
    },
    stop() {
      last = null
      clear()
    },
  }
}
