/**
 * What locking does to an open vault (DESIGN §4), in this order: the lifecycle stops and the pass
 * in flight settles (nothing may write with a key about to vanish), a copy of the metadata that
 * reminders need is taken, a copied value still on the clipboard is cleared, and the store
 * overwrites its key buffers with zeros and lets go of every decrypted value. The store is closed
 * whatever fails on the way.
 */
import { metadataOnly } from '../lifecycle/locked-lifecycle'
import type { Timers } from '../usage/clipboard'
import type { VaultState } from '../vault/vault-state'
import type { AppServices } from './app-services'

/** How long a lock waits for the clipboard to be cleared before it goes on. */
export const CLIPBOARD_PATIENCE_MS = 1000

function settledWithin(work: Promise<void>, ms: number, timers: Timers): Promise<void> {
  return new Promise((resolve) => {
    const timer = timers.setTimeout(resolve, ms)
    void work
      .catch(() => undefined)
      .then(() => {
        timers.clearTimeout(timer)
        resolve()
      })
  })
}

/** Closes `services` for a lock; returns the metadata copy for reminders. */
export async function closeForLock(services: AppServices, timers: Timers): Promise<VaultState> {
  try {
    services.lifecycle.stop()
    await services.lifecycle.settled()
    const copy = metadataOnly(services.store.state)
    await settledWithin(services.close().cleared, CLIPBOARD_PATIENCE_MS, timers)
    return copy
  } finally {
    services.store.close()
  }
}
