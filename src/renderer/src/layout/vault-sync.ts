/**
 * Keeps the window true to the vault while the lifecycle engine in main changes it: the secrets
 * and the notification centre are read again at load, whenever the window gains focus and every
 * 60 s (a deletion carried out or a reminder sent shows up without a click), and whatever a
 * notification click or the tray asked main to show is taken and shown — after the reload, so the
 * secret it names is in the list.
 */
import { useEffect } from 'react'
import { call } from '../dialogs/ui/bridge'
import { useListingStore } from '../listing/listing-store'
import { useNotificationsStore } from '../store/notifications-store'
import { useSecretsStore } from '../store/secrets-store'

const REFRESH_EVERY_MS = 60_000

async function takeNavigation(): Promise<void> {
  const result = await call((bridge) => bridge.app.takeNavigation({}))
  // Nothing to show is the usual answer; a failure here has nothing for the user to act on.
  if (!result.ok) return
  const { secretId, view } = result.value
  if (secretId !== null) useListingStore.getState().showSecret(secretId)
  else if (view === 'upcoming') useSecretsStore.getState().showUpcoming('all')
}

export async function syncWithVault(): Promise<void> {
  await Promise.all([
    useSecretsStore.getState().refresh(),
    useNotificationsStore.getState().refresh(),
  ])
  await takeNavigation()
}

export function useVaultSync(): void {
  useEffect(() => {
    const sync = (): void => void syncWithVault()
    sync()
    window.addEventListener('focus', sync)
    const timer = window.setInterval(sync, REFRESH_EVERY_MS)
    return () => {
      window.removeEventListener('focus', sync)
      window.clearInterval(timer)
    }
  }, [])
}
