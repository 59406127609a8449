/**
 * Opening one secret from outside the listing (a notification, the bell, main's navigation): its
 * scope's listing, its row selected, the details drawer open with focus in it. Filters that would
 * hide its row are cleared first, so the row is there to return to when the drawer closes.
 */
import { useSecretsStore } from '../store/secrets-store'
import { useListingStore } from './listing-store'
import { openDetails, revealRow } from './row-focus'

export function showSecret(id: string): void {
  const store = useSecretsStore.getState()
  useListingStore.getState().clearFilters()
  if (!store.openSecret(id)) {
    store.toast('That secret is no longer in the vault.', 'info')
    return
  }
  openDetails(id, { focusDrawer: true })
  // Once the scope's table has rendered its rows, scroll the selected one into view.
  requestAnimationFrame(() => revealRow(id))
}
