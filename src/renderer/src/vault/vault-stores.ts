/**
 * The window's vault state and its Lock now, bound to window.safehold and to the stores that hold
 * what the window shows of an open vault. `forgetVault` drops all of that — secrets, profile,
 * selection, open dialog, notifications, settings, toasts (they may name secrets) and the search
 * text — whenever the window leaves the open vault or comes back to one.
 */
import { useStore } from 'zustand'
import { hasDirtyForm } from '../dialogs/ui/dirty-form'
import { useListingStore } from '../listing/listing-store'
import { useNotificationsStore } from '../store/notifications-store'
import { api, useSecretsStore } from '../store/secrets-store'
import { useSettingsStore } from '../store/settings-store'
import { createLockRequest, type LockRequest } from './lock-request'
import { onRefusal } from './refusals'
import { createVaultWindow, type VaultWindow } from './vault-window'

export function forgetVault(): void {
  useSecretsStore.setState(useSecretsStore.getInitialState(), true)
  useNotificationsStore.setState(useNotificationsStore.getInitialState(), true)
  useSettingsStore.setState(useSettingsStore.getInitialState(), true)
  useListingStore.getState().setQuery('')
  // A question left open by a lock that main made meanwhile must not come back after the unlock.
  lockRequest.getState().keep()
}

export const vaultWindow = createVaultWindow({ vault: () => api().vault, forget: forgetVault })

onRefusal(() => void vaultWindow.getState().check())

export const lockRequest = createLockRequest({
  hasDirtyForm,
  async lock() {
    const result = await vaultWindow.getState().lock()
    if (!result.ok) useSecretsStore.getState().toast(result.error.message, 'error')
  },
})

export function useVaultWindow<T>(select: (state: VaultWindow) => T): T {
  return useStore(vaultWindow, select)
}

export function useLockRequest<T>(select: (state: LockRequest) => T): T {
  return useStore(lockRequest, select)
}
