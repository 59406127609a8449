/**
 * The notification centre as the bell shows it: every reminder main has sent, newest first, and
 * how many are unread. Main owns the list (the vault's ledger); this store only mirrors it, and
 * its actions are the one place a failure to reach main is turned into a toast.
 */
import { create } from 'zustand'
import type { IpcResponse } from '../../../shared/ipc-contract'
import { call } from '../dialogs/ui/bridge'
import { useSecretsStore } from './secrets-store'

export type NotificationView = IpcResponse<'notifications:list'>['items'][number]

interface NotificationsState {
  items: NotificationView[]
  unread: number
  /** Every reminder kept; main sends only the newest of them. */
  total: number
  /** True once a list has arrived; the bell says "No notifications yet" only then. */
  loaded: boolean
  refresh: () => Promise<void>
  markAllRead: () => Promise<void>
}

export const useNotificationsStore = create<NotificationsState>((set) => ({
  items: [],
  unread: 0,
  total: 0,
  loaded: false,
  async refresh() {
    const result = await call((bridge) => bridge.notifications.list({}))
    // A background refresh that fails keeps what was shown; the next one tries again.
    if (result.ok) set({ ...result.value, loaded: true })
  },
  async markAllRead() {
    const result = await call((bridge) => bridge.notifications.markAllRead({}))
    if (!result.ok) {
      useSecretsStore.getState().toast(result.error.message, 'error')
      return
    }
    set({ ...result.value, loaded: true })
  },
}))
