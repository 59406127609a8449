/**
 * The user is at the window: key and pointer presses tell main (vault:touch), throttled, so the
 * idle lock measures time away from the window rather than time since the vault opened.
 */
import { useEffect } from 'react'
import { call } from '../dialogs/ui/bridge'
import { createTouchThrottle } from './touch-throttle'

/** Often enough for an idle limit of whole minutes, rarely enough to cost nothing. */
export const TOUCH_EVERY_MS = 20_000

export function useActivity(): void {
  useEffect(() => {
    const throttle = createTouchThrottle({
      everyMs: TOUCH_EVERY_MS,
      now: () => performance.now(),
      // Sent once the window is idle, so a key press draws its frame first. Nothing to tell the
      // user when it fails: the next press tries again.
      send: () =>
        void requestIdleCallback(() => void call((bridge) => bridge.vault.touch({})), {
          timeout: 1000,
        }),
      setTimer: (callback, ms) => window.setTimeout(callback, ms),
      clearTimer: (handle) => window.clearTimeout(handle as number),
    })
    const touch = (): void => throttle.touch()
    const options = { capture: true, passive: true }
    window.addEventListener('keydown', touch, options)
    window.addEventListener('pointerdown', touch, options)
    return () => {
      window.removeEventListener('keydown', touch, options)
      window.removeEventListener('pointerdown', touch, options)
      throttle.stop()
    }
  }, [])
}
