/**
 * The Leak scan page's state: the scan main is running or ran last, and the places it found so
 * far. Main reads the folder off its main thread; this store asks how far it has got every
 * POLL_MS while it runs and gathers the places page by page. Leaving the page cancels a scan
 * that is still running; a finished scan's places stay until the next scan.
 */
import { create } from 'zustand'
import type { ErrorInfo } from '../../../shared/errors'
import { call } from '../dialogs/ui/bridge'
import type { ScanPlace, ScanView } from './scan-words'

const POLL_MS = 200

interface ScanState {
  /** The scan's counts and state (its `findings` are in `places`); null before the first scan. */
  scan: ScanView | null
  places: ScanPlace[]
  /** The folder picker is open, or main is starting the scan. */
  starting: boolean
  error: ErrorInfo | null
  /** "Scan a folder…" (`choose`), or the same folder again with its git history (`same`). */
  start: (folder: 'choose' | 'same', gitHistory: boolean) => Promise<void>
  cancel: () => Promise<void>
  /** The page is shown: a scan may run. */
  enter: () => void
  /** The user left the page: a running scan stops, and one still starting stops when it starts. */
  leave: () => void
}

const wait = (ms: number) => new Promise((done) => window.setTimeout(done, ms))

let shown = false

export const useScanStore = create<ScanState>((set, get) => {
  /** True while `id` is still the scan this page shows. */
  const current = (id: string): boolean => get().scan?.id === id

  const follow = async (id: string): Promise<void> => {
    for (;;) {
      const { scan, places: gathered } = get()
      if (scan === null || scan.id !== id) return
      if (scan.state !== 'running' && gathered.length >= scan.found) return
      if (scan.state === 'running') await wait(POLL_MS)
      if (!current(id)) return
      const from = get().places.length
      const result = await call((bridge) => bridge.scan.status({ id, from }))
      if (!current(id)) return
      if (!result.ok) {
        set({ error: result.error })
        return
      }
      const view = result.value
      // An answer from before a cancel must not bring back "running".
      const state = get().scan?.state === 'cancelled' ? 'cancelled' : view.state
      const places = get().places
      set({
        scan: { ...view, state, findings: [] },
        // Only the page that follows what is here: an answer to a question asked twice adds none.
        places: view.from === places.length ? [...places, ...view.findings] : places,
      })
    }
  }

  return {
    scan: null,
    places: [],
    starting: false,
    error: null,
    async start(folder, gitHistory) {
      if (get().starting) return
      set({ starting: true, error: null })
      const result = await call((bridge) => bridge.scan.start({ folder, gitHistory }))
      set({ starting: false })
      if (!result.ok) {
        set({ error: result.error })
        return
      }
      // A cancelled pick changes nothing: the last scan stays on the page.
      const first = result.value.scan
      if (first === null) return
      set({ scan: { ...first, findings: [] }, places: first.findings })
      if (!shown) await get().cancel()
      await follow(first.id)
    },
    async cancel() {
      const scan = get().scan
      if (scan === null || scan.state !== 'running') return
      set({ scan: { ...scan, state: 'cancelled' } })
      const result = await call((bridge) => bridge.scan.cancel({ id: scan.id }))
      // The places found before it stopped are gathered by the scan's own follow loop.
      if (result.ok && current(scan.id)) set({ scan: { ...result.value, findings: [] } })
    },
    enter() {
      shown = true
    },
    leave() {
      shown = false
      void get().cancel()
    },
  }
})
