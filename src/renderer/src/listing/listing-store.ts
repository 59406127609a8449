/**
 * What the listing shows of the secrets: the search text, the type, status and tag filters, the
 * sort and the column widths. Kept apart from the vault data so a keystroke re-renders only the
 * listing. Sort, filters and widths are remembered across restarts (preferences-storage.ts); the
 * search text is not. Showing one secret (a notification, the quick switcher, a registration)
 * goes through `showSecret`, which first clears whatever would hide its row.
 */
import { create } from 'zustand'
import type { CredentialType, SecretStatus } from '../../../shared/domain'
import type { SecretSummary } from '../../../shared/secret-view'
import { call } from '../dialogs/ui/bridge'
import { useSecretsStore } from '../store/secrets-store'
import { passesFilters, type ListingFilters } from './listing-filters'
import type { ListingPreferences } from './listing-preferences'
import { loadPreferences, savePreferences } from './preferences-storage'
import { openDetails, revealRow } from './row-focus'
import { MAX_COLUMN_WIDTH, COLUMNS, type ColumnKey, type SortKey } from './table-columns'

interface ListingState extends ListingPreferences {
  query: string
  setQuery: (query: string) => void
  toggleType: (type: CredentialType) => void
  toggleStatus: (status: SecretStatus) => void
  toggleTag: (tag: string) => void
  clearFilter: (filter: 'types' | 'statuses' | 'tags') => void
  clearFilters: () => void
  /** A new column sorts ascending; the sorted column flips its direction. */
  sortBy: (key: SortKey) => void
  /** A column's width in px, kept within its bounds; null returns it to its default. */
  setColumnWidth: (key: ColumnKey, width: number | null) => void
  /**
   * Shows one secret: its scope's listing, its row selected and scrolled into view, the drawer
   * open. False (and a toast) when the vault no longer holds it.
   */
  showSecret: (id: string, options?: { focusDrawer?: boolean }) => boolean
  /** After a registration: reads the vault again, then shows the new secret. */
  showRegistered: (id: string) => Promise<void>
  /**
   * Stars or unstars a secret: shown at once, kept by main through secrets:edit. On failure the
   * star goes back and one toast says why.
   */
  setFavourite: (id: string, favourite: boolean) => Promise<void>
}

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item]
}

/** The filters without any that would hide `secret`. */
function filtersShowing(state: ListingPreferences, secret: SecretSummary): Partial<ListingState> {
  const change: Partial<ListingState> = {}
  const only = (filters: Partial<ListingFilters>): boolean =>
    passesFilters(secret, { types: [], statuses: [], tags: [], ...filters })
  if (!only({ types: state.types })) change.types = []
  if (!only({ statuses: state.statuses })) change.statuses = []
  if (!only({ tags: state.tags })) change.tags = []
  return change
}

export const useListingStore = create<ListingState>((set, get) => ({
  ...loadPreferences(),
  query: '',
  setQuery: (query) => set({ query }),
  toggleType: (type) => set({ types: toggle(get().types, type) }),
  toggleStatus: (status) => set({ statuses: toggle(get().statuses, status) }),
  toggleTag: (tag) => set({ tags: toggle(get().tags, tag) }),
  clearFilter: (filter) => set({ [filter]: [] }),
  clearFilters: () => set({ query: '', types: [], statuses: [], tags: [] }),
  sortBy(key) {
    const { sort } = get()
    set({
      sort:
        sort.key === key
          ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
          : { key, direction: 'asc' },
    })
  },
  setColumnWidth(key, width) {
    const widths = { ...get().widths }
    if (width === null || key === 'name') delete widths[key]
    else {
      widths[key] = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(COLUMNS[key].minWidth, width)))
    }
    set({ widths })
  },
  showSecret(id, options = {}) {
    const secrets = useSecretsStore.getState()
    const secret = secrets.secrets.find((candidate) => candidate.id === id)
    if (!secret || !secrets.openSecret(id)) {
      secrets.toast('That secret is no longer in the vault.', 'info')
      return false
    }
    set({ query: '', ...filtersShowing(get(), secret) })
    openDetails(id, { focusDrawer: options.focusDrawer ?? true })
    // Once the scope's table has rendered its rows, scroll the selected one into view.
    requestAnimationFrame(() => revealRow(id))
    return true
  },
  async showRegistered(id) {
    await useSecretsStore.getState().refresh()
    // Focus stays where the closing wizard returns it; the drawer opens beside the row.
    get().showSecret(id, { focusDrawer: false })
  },
  async setFavourite(id, favourite) {
    const mark = (value: boolean): void =>
      useSecretsStore.setState(({ secrets }) => ({
        secrets: secrets.map((s) =>
          s.id === id && s.favourite !== value ? { ...s, favourite: value } : s,
        ),
      }))
    mark(favourite)
    const result = await call((bridge) => bridge.secrets.edit({ id, favourite }))
    if (!result.ok) {
      mark(!favourite)
      useSecretsStore.getState().toast(result.error.message, 'error')
      return
    }
    // What main kept is what the star shows.
    mark(result.value.secret.favourite)
  },
}))

// Remembered on every change of what is remembered (not on keystrokes in the search box).
useListingStore.subscribe((state, previous) => {
  if (
    state.sort !== previous.sort ||
    state.types !== previous.types ||
    state.statuses !== previous.statuses ||
    state.tags !== previous.tags ||
    state.widths !== previous.widths
  ) {
    savePreferences(state)
  }
})
