/**
 * What the listing shows of the secrets: the search text, the type and status filters, and the
 * sort. Kept apart from the vault data so a keystroke re-renders only the listing.
 */
import { create } from 'zustand'
import type { CredentialType, SecretStatus } from '../../../shared/domain'
import type { SortKey } from './table-columns'

export type SortDirection = 'asc' | 'desc'

interface ListingState {
  query: string
  /** Credential types to show; empty shows every type. */
  types: CredentialType[]
  /** Statuses to show; empty shows every status. */
  statuses: SecretStatus[]
  sort: { key: SortKey; direction: SortDirection }
  setQuery: (query: string) => void
  toggleType: (type: CredentialType) => void
  toggleStatus: (status: SecretStatus) => void
  clearFilters: () => void
  /** A new column sorts ascending; the sorted column flips its direction. */
  sortBy: (key: SortKey) => void
}

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item]
}

export const useListingStore = create<ListingState>((set, get) => ({
  query: '',
  types: [],
  statuses: [],
  sort: { key: 'name', direction: 'asc' },
  setQuery: (query) => set({ query }),
  toggleType: (type) => set({ types: toggle(get().types, type) }),
  toggleStatus: (status) => set({ statuses: toggle(get().statuses, status) }),
  clearFilters: () => set({ query: '', types: [], statuses: [] }),
  sortBy(key) {
    const { sort } = get()
    set({
      sort:
        sort.key === key
          ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
          : { key, direction: 'asc' },
    })
  },
}))
