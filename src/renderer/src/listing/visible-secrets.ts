/**
 * The secrets the listing shows: those of the current scope, sorted, then narrowed by the search
 * text and the filters. Each stage is memoised on its own inputs, so a keystroke only re-filters
 * the already sorted list (10,000 rows stay within a frame).
 */
import { useMemo } from 'react'
import type { SecretSummary } from '../../../shared/secret-view'
import { scopeTabString } from '../components/labels'
import { useSecretsStore } from '../store/secrets-store'
import { useListingStore } from './listing-store'
import { sortSecrets } from './table-columns'

export interface VisibleSecrets {
  /** Every secret of the current scope. */
  inScope: SecretSummary[]
  /** What the table shows, in order. */
  rows: SecretSummary[]
}

export function useVisibleSecrets(): VisibleSecrets {
  const secrets = useSecretsStore((s) => s.secrets)
  const scope = useSecretsStore((s) => s.scope)
  const { query, types, statuses, sort } = useListingStore()
  const scopeString = scopeTabString(scope)

  const inScope = useMemo(
    () => secrets.filter((secret) => secret.scope === scopeString),
    [secrets, scopeString],
  )
  const sorted = useMemo(
    () => sortSecrets(inScope, sort.key, sort.direction),
    [inScope, sort.key, sort.direction],
  )
  const rows = useMemo(() => {
    const needle = query.trim().toLowerCase()
    if (needle === '' && types.length === 0 && statuses.length === 0) return sorted
    return sorted.filter(
      (secret) =>
        (needle === '' || secret.name.toLowerCase().includes(needle)) &&
        (types.length === 0 || types.includes(secret.type)) &&
        (statuses.length === 0 || statuses.includes(secret.status)),
    )
  }, [sorted, query, types, statuses])

  return { inScope, rows }
}

export interface UpcomingEvent {
  secret: SecretSummary
  kind: 'deletion' | 'expiry'
  at: string
  /** `at` in epoch milliseconds. */
  time: number
}

const DAY_MS = 24 * 60 * 60 * 1000
let cache: { secrets: readonly SecretSummary[]; now: number; events: UpcomingEvent[] } | null = null

/**
 * Deletions and expiries between now and 30 days from now, soonest first, across every scope.
 * The sidebar, the banner and Upcoming all ask within one render, so the answer is cached.
 */
export function upcomingEvents(secrets: readonly SecretSummary[], now: number): UpcomingEvent[] {
  if (cache && cache.secrets === secrets && cache.now === now) return cache.events
  const limit = now + 30 * DAY_MS
  const events: UpcomingEvent[] = []
  const add = (secret: SecretSummary, kind: UpcomingEvent['kind'], at: string | null): void => {
    if (at === null) return
    const time = Date.parse(at)
    if (time >= now && time <= limit) events.push({ secret, kind, at, time })
  }
  for (const secret of secrets) {
    add(secret, 'deletion', secret.deletesAt)
    add(secret, 'expiry', secret.expiresAt)
  }
  events.sort((a, b) => a.time - b.time)
  cache = { secrets, now, events }
  return events
}

/** The deletions due within `days` days, soonest first. */
export function deletionsWithin(events: readonly UpcomingEvent[], days: number, now: number) {
  const limit = now + days * DAY_MS
  return events.filter((event) => event.kind === 'deletion' && event.time <= limit)
}
