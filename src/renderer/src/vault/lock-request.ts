/**
 * "Lock now" from the window (the sidebar's button, Ctrl/Cmd+L): it locks at once, unless a form
 * holds data the user typed — then it asks first, and only "Lock and discard" locks. One lock at a
 * time: pressing again while a lock is on its way changes nothing. (A lock main decides on — idle,
 * the OS, the tray — asks nobody; the window just follows it.)
 */
import { createStore, type StoreApi } from 'zustand/vanilla'

export interface LockRequest {
  /** "Lock and discard what you typed?" is on screen. */
  asking: boolean
  /** The lock is on its way to main. */
  locking: boolean
  /** Lock now: at once, or after asking when a form holds typed data. */
  request: () => Promise<void>
  /** The answer "Lock and discard". */
  confirm: () => Promise<void>
  /** The answer "Keep editing". */
  keep: () => void
}

export interface LockRequestDeps {
  hasDirtyForm: () => boolean
  lock: () => Promise<unknown>
}

export function createLockRequest(deps: LockRequestDeps): StoreApi<LockRequest> {
  return createStore<LockRequest>((set, get) => {
    const lockNow = async (): Promise<void> => {
      set({ asking: false, locking: true })
      try {
        await deps.lock()
      } finally {
        set({ locking: false })
      }
    }
    return {
      asking: false,
      locking: false,
      async request() {
        const { asking, locking } = get()
        if (asking || locking) return
        if (deps.hasDirtyForm()) set({ asking: true })
        else await lockNow()
      },
      async confirm() {
        if (!get().asking || get().locking) return
        await lockNow()
      },
      keep: () => set({ asking: false }),
    }
  })
}
