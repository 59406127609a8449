/**
 * The vault's reminder settings and the launch-at-login choice, as main reports them. Saving goes
 * through `save`, which returns the error for the form to show beside its field.
 */
import { create } from 'zustand'
import type { IpcRequest, IpcResponse } from '../../../shared/ipc-contract'
import { call } from '../dialogs/ui/bridge'

export type SettingsView = IpcResponse<'settings:get'>

interface SettingsState {
  settings: SettingsView | null
  /** Why the settings could not be read, shown in their place. */
  loadError: string | null
  load: () => Promise<void>
  /** Saves a change; resolves to null on success, else the message to show. */
  save: (change: IpcRequest<'settings:update'>) => Promise<string | null>
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: null,
  loadError: null,
  async load() {
    const result = await call((bridge) => bridge.settings.get({}))
    if (result.ok) set({ settings: result.value, loadError: null })
    else set({ loadError: result.error.message })
  },
  async save(change) {
    const result = await call((bridge) => bridge.settings.update(change))
    if (!result.ok) return result.error.message
    set({ settings: result.value, loadError: null })
    return null
  },
}))
