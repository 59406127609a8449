/**
 * The History page's state: the filters the user set (kept while they look elsewhere) and the
 * page of the audit log main answered for them. Main filters (`audit:list`); this store asks again
 * whenever the filters change, and only the answer to the latest question is shown.
 */
import { create } from 'zustand'
import type { ErrorInfo } from '../../../shared/errors'
import type { IpcResponse } from '../../../shared/ipc-contract'
import { call } from '../dialogs/ui/bridge'
import { historyRequest, NO_FILTERS, type HistoryFilters } from './history-query'

export type AuditPage = IpcResponse<'audit:list'>
export type AuditRow = AuditPage['entries'][number]

interface HistoryState {
  filters: HistoryFilters
  page: AuditPage | null
  error: ErrorInfo | null
  setFilter: (key: keyof HistoryFilters, value: string) => void
  clearFilters: () => void
  load: () => Promise<void>
}

let asked = 0

export const useHistoryStore = create<HistoryState>((set, get) => ({
  filters: NO_FILTERS,
  page: null,
  error: null,
  setFilter: (key, value) => set({ filters: { ...get().filters, [key]: value } }),
  clearFilters: () => set({ filters: NO_FILTERS }),
  async load() {
    const question = ++asked
    const result = await call((bridge) => bridge.audit.list(historyRequest(get().filters)))
    if (question !== asked) return
    if (result.ok) set({ page: result.value, error: null })
    else set({ error: result.error })
  },
}))
