/**
 * Keeps the window true to the vault while the lifecycle engine in main changes it: the secrets
 * and the notification centre are read again at load, whenever the window gains focus and every
 * 60 s (a deletion carried out or a reminder sent shows up without a click), and whatever a
 * notification click, the tray or the menu asked main to show is taken and shown — after a reload,
 * so the secret it names is in the list. That last is asked every couple of seconds too, as the
 * window's lock state is.
 */
import { useEffect } from 'react'
import { call } from '../dialogs/ui/bridge'
import { useListingStore } from '../listing/listing-store'
import { useNotificationsStore } from '../store/notifications-store'
import { useSecretsStore } from '../store/secrets-store'

const REFRESH_EVERY_MS = 60_000
/** How often the window asks whether main wants it somewhere (a menu item, a notification). */
const NAVIGATION_EVERY_MS = 2_000

/** `fresh`: the list was read just before, so a secret named is in it if it exists. */
async function takeNavigation(fresh: boolean): Promise<void> {
  const result = await call((bridge) => bridge.app.takeNavigation({}))
  // Nothing to show is the usual answer; a failure here has nothing for the user to act on.
  if (!result.ok) return
  const { secretId, view } = result.value
  const secrets = useSecretsStore.getState()
  if (secretId !== null) {
    if (fresh) useListingStore.getState().showSecret(secretId)
    else await useListingStore.getState().showRegistered(secretId)
  } else if (view === 'upcoming') secrets.showUpcoming('all')
  else if (view === 'import-env') {
    // A dialog the user is filling in is never replaced by one the menu asked for.
    if (secrets.dialog === null) secrets.openDialog({ kind: 'import-env' })
    else secrets.toast('Finish or close the open dialog, then choose Import .env again.', 'info')
  }
}

export async function syncWithVault(): Promise<void> {
  await Promise.all([
    useSecretsStore.getState().refresh(),
    useNotificationsStore.getState().refresh(),
  ])
  await takeNavigation(true)
}

export function useVaultSync(): void {
  useEffect(() => {
    const sync = (): void => void syncWithVault()
    sync()
    window.addEventListener('focus', sync)
    const timer = window.setInterval(sync, REFRESH_EVERY_MS)
    // A menu item of a window that already has the focus sends no focus event: ask often.
    let asking = false
    const ask = (): void => {
      // One question at a time: a busy vault queue is not sent a pile of them.
      if (asking) return
      asking = true
      void takeNavigation(false).finally(() => (asking = false))
    }
    const asked = window.setInterval(ask, NAVIGATION_EVERY_MS)
    return () => {
      window.removeEventListener('focus', sync)
      window.clearInterval(timer)
      window.clearInterval(asked)
    }
  }, [])
}
