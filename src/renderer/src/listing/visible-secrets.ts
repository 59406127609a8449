/**
 * The secrets the listing shows. Without a search: those of the current scope. With one: the hits
 * of every scope. Either way sorted (favourites first) and narrowed by the filters. Every secret is
 * sorted once per list and sort, so neither a keystroke nor a change of scope sorts again; a
 * keystroke is one pass over that sorted list through the search index.
 */
import { useEffect, useMemo } from 'react'
import type { SecretSummary } from '../../../shared/secret-view'
import { scopeTabString } from '../components/labels'
import { useSecretsStore } from '../store/secrets-store'
import { isFiltered, passesFilters } from './listing-filters'
import { useListingStore } from './listing-store'
import { buildSearchIndex, normalizeQuery, type SearchIndex } from './search-index'
import { sortSecrets } from './table-columns'

/** The longest the search index is folded in one go, so a key pressed meanwhile hardly waits. */
const WARM_SLICE_MS = 6

/** Warms `index` a slice per task until done; returns the cancel. */
function warmInSlices(index: SearchIndex): () => void {
  // A message port, not setTimeout: nested timers are held back 4 ms each, a port's are not.
  const channel = new MessageChannel()
  channel.port1.onmessage = () => {
    const until = performance.now() + WARM_SLICE_MS
    if (!index.warm(() => performance.now() < until)) channel.port2.postMessage(null)
  }
  channel.port2.postMessage(null)
  return () => channel.port1.close()
}

export interface VisibleSecrets {
  /** Searching spans every scope; otherwise the listing is the current scope's. */
  searching: boolean
  /** The normalized search text ('' without a search). */
  needle: string
  /** What the rows are taken from: the scope's secrets, or every secret while searching. */
  pool: SecretSummary[]
  /** What the table shows, in order. */
  rows: SecretSummary[]
}

export function useVisibleSecrets(): VisibleSecrets {
  const secrets = useSecretsStore((s) => s.secrets)
  const scope = useSecretsStore((s) => s.scope)
  const query = useListingStore((s) => s.query)
  const types = useListingStore((s) => s.types)
  const statuses = useListingStore((s) => s.statuses)
  const tags = useListingStore((s) => s.tags)
  const sort = useListingStore((s) => s.sort)
  const scopeString = scopeTabString(scope)
  const needle = normalizeQuery(query)
  const searching = needle !== ''

  const sorted = useMemo(
    () => sortSecrets(secrets, sort.key, sort.direction),
    [secrets, sort.key, sort.direction],
  )
  const index = useMemo(() => buildSearchIndex(secrets), [secrets])
  const inScope = useMemo(
    () => sorted.filter((secret) => secret.scope === scopeString),
    [sorted, scopeString],
  )
  const pool = searching ? sorted : inScope

  // Fold every secret's text for the search index as soon as the list is shown, a few milliseconds
  // at a time: each slice is its own task, so a key pressed meanwhile is handled between two
  // slices (input comes first) and the first keystroke finds the index ready, or nearly.
  useEffect(() => warmInSlices(index), [index])

  const hits = useMemo(
    () => (searching ? index.filter(pool, needle) : pool),
    [pool, index, needle, searching],
  )
  const rows = useMemo(() => {
    const filters = { types, statuses, tags }
    return isFiltered(filters) ? hits.filter((secret) => passesFilters(secret, filters)) : hits
  }, [hits, types, statuses, tags])

  return { searching, needle, pool, rows }
}
