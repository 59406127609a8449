/**
 * What the quick switcher (Ctrl/Cmd+K) offers for a query, best first. Pure. Without a query: the
 * favourites, then every other secret, by name. With one: names that start with it, then names
 * that hold it, then secrets that hold it in another field; favourites first within each, then by
 * name. At most `limit` are returned, with the count of all hits.
 */
import type { SecretSummary } from '../../../shared/secret-view'
import { fold, type SearchIndex } from './search-index'

export const SWITCHER_LIMIT = 50

export interface SwitcherResults {
  secrets: SecretSummary[]
  /** Every hit, of which `secrets` holds the best `limit`. */
  total: number
}

function rankOf(secret: SecretSummary, needle: string): number {
  if (needle === '') return 0
  const at = fold(secret.name).indexOf(needle)
  return at === 0 ? 0 : at > 0 ? 1 : 2
}

/**
 * `byName`: every secret in name order (favourites may come first: they are split out anyway).
 * One pass, no sort, so each keystroke costs the same as the listing's.
 */
export function switcherResults(
  byName: readonly SecretSummary[],
  index: SearchIndex,
  needle: string,
  limit = SWITCHER_LIMIT,
): SwitcherResults {
  // Six buckets: rank 0, 1, 2, each favourites first.
  const buckets: SecretSummary[][] = [[], [], [], [], [], []]
  let total = 0
  for (const secret of index.filter(byName, needle)) {
    total++
    const bucket = buckets[rankOf(secret, needle) * 2 + (secret.favourite ? 0 : 1)]!
    if (bucket.length < limit) bucket.push(secret)
  }
  return { secrets: buckets.flat().slice(0, limit), total }
}
