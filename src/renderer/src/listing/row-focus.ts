/**
 * Focus hand-over between the listing and the details drawer: a row opens the drawer (moving
 * focus into it when opened from the keyboard), and closing the drawer puts focus back on the
 * row it came from, scrolling the virtualised table to it if it has left the view.
 */
import { useSecretsStore } from '../store/secrets-store'

/** Scrolls the table to a row (and focuses it when `focus`); false when the row is not shown. */
type RowRevealer = (id: string, focus: boolean) => boolean

let revealer: RowRevealer | null = null
let focusDrawer = false

/** The mounted table registers how to scroll to and focus a row; returns the unregister. */
export function registerRowRevealer(reveal: RowRevealer): () => void {
  revealer = reveal
  return () => {
    if (revealer === reveal) revealer = null
  }
}

export function openDetails(id: string, options: { focusDrawer: boolean }): void {
  focusDrawer = options.focusDrawer
  useSecretsStore.getState().select(id)
}

/** True once after a keyboard open: the drawer then moves focus to its heading. */
export function takeDrawerFocus(): boolean {
  const take = focusDrawer
  focusDrawer = false
  return take
}

/** Closes the drawer and returns focus to the secret's row (or any element marked with its id). */
export function closeDetails(): void {
  const id = useSecretsStore.getState().selectedId
  useSecretsStore.getState().select(null)
  if (id === null) return
  if (revealer?.(id, true)) return
  document.querySelector<HTMLElement>(`[data-secret-id="${CSS.escape(id)}"]`)?.focus()
}

/** Brings a row into view without taking focus (the drawer beside it has it). */
export function revealRow(id: string): boolean {
  return revealer?.(id, false) ?? false
}

/**
 * After the drawer's secret is gone (deleted from a dialog), focus would fall to the page: put
 * it on the table's current row instead.
 */
export function focusTableIfLost(): void {
  setTimeout(() => {
    if (document.activeElement !== document.body && document.activeElement !== null) return
    document.querySelector<HTMLElement>('.secrets-table tbody tr[tabindex="0"]')?.focus()
  }, 50)
}
