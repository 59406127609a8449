/**
 * The listing's preferences in the page's localStorage: the one place that touches it. Storage
 * that cannot be read or written (turned off, full) costs the memory of the preferences, never
 * the listing: it then starts from the defaults and carries on.
 */
import {
  defaultPreferences,
  readPreferences,
  STORAGE_KEY,
  writePreferences,
  type ListingPreferences,
} from './listing-preferences'

export function loadPreferences(): ListingPreferences {
  try {
    return readPreferences(window.localStorage.getItem(STORAGE_KEY))
  } catch {
    return defaultPreferences()
  }
}

export function savePreferences(preferences: ListingPreferences): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, writePreferences(preferences))
  } catch {
    // Nothing for the user to do: the listing keeps working, only unremembered.
  }
}
