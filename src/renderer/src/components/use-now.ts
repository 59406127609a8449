/**
 * The current time, shared by every component and re-read every minute, so countdowns ("in 3
 * days") stay true while the window is open and all parts of one render agree on "now".
 */
import { useEffect } from 'react'
import { create } from 'zustand'

const useClock = create<{ now: number }>(() => ({ now: Date.now() }))
let ticking = false

export function useNow(): number {
  useEffect(() => {
    if (ticking) return
    ticking = true
    setInterval(() => useClock.setState({ now: Date.now() }), 60_000)
  }, [])
  return useClock((state) => state.now)
}
