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
import { useListingStore } from './listing-store'
import { buildSearchIndex, normalizeQuery } from './search-index'
import { sortSecrets } from './table-columns'

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

  // Fold every secret's text while the window is idle, so the first keystroke finds it done.
  useEffect(() => {
    const handle = requestIdleCallback(() => index.warm(), { timeout: 2000 })
    return () => cancelIdleCallback(handle)
  }, [index])

  const rows = useMemo(() => {
    if (!searching && types.length === 0 && statuses.length === 0 && tags.length === 0) return pool
    return pool.filter(
      (secret) =>
        (types.length === 0 || types.includes(secret.type)) &&
        (statuses.length === 0 || statuses.includes(secret.status)) &&
        (tags.length === 0 || tags.some((tag) => secret.tags.includes(tag))) &&
        index.matches(secret, needle),
    )
  }, [pool, index, needle, searching, types, statuses, tags])

  return { searching, needle, pool, rows }
}
