/**
 * The user is at the window: main's idle timer hears so (vault:touch) on key and pointer presses,
 * at most once every `everyMs`. The first press goes at once; presses within the interval are
 * told once at its end, so the idle time main measures is never longer than the real one by more
 * than the interval's rest, and never shorter. A clock that went back sends at once.
 */
export interface TouchThrottleDeps {
  everyMs: number
  now: () => number
  send: () => void
  setTimer: (callback: () => void, ms: number) => unknown
  clearTimer: (handle: unknown) => void
}

export interface TouchThrottle {
  touch: () => void
  /** Cancels a press still to be told (the window left the open vault). */
  stop: () => void
}

export function createTouchThrottle(deps: TouchThrottleDeps): TouchThrottle {
  let last: number | null = null
  let pending: unknown = null

  const sendNow = (at: number): void => {
    last = at
    deps.send()
  }
  return {
    touch() {
      const at = deps.now()
      if (last === null || at < last || at - last >= deps.everyMs) {
        if (pending !== null) deps.clearTimer(pending)
        pending = null
        return sendNow(at)
      }
      if (pending !== null) return
      pending = deps.setTimer(
        () => {
          pending = null
          sendNow(deps.now())
        },
        last + deps.everyMs - at,
      )
    },
    stop() {
      if (pending !== null) deps.clearTimer(pending)
      pending = null
    },
  }
}
