/**
 * The user is at the window: main's idle timer hears so (vault:touch) on key and pointer presses,
 * but at most once every `everyMs`, the first press at once. The idle limit is whole minutes, so a
 * touch a few seconds late never locks a window in use; a clock that went back sends at once.
 */
export interface TouchThrottleDeps {
  everyMs: number
  now: () => number
  send: () => void
}

export function createTouchThrottle(deps: TouchThrottleDeps): { touch: () => void } {
  let last: number | null = null
  return {
    touch() {
      const at = deps.now()
      if (last !== null && at >= last && at - last < deps.everyMs) return
      last = at
      deps.send()
    },
  }
}
