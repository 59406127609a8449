/**
 * What the listing remembers across restarts: the sort, the type, status and tag filters, and
 * the column widths. Pure. The stored text is read as untrusted: anything else may have written
 * to the page's storage (an older version, a damaged profile, a hostile hand), so each field is
 * checked on its own and one bad field falls back to its default without costing the others.
 * Only known keys are read, and only as own properties: a stored `__proto__` or `constructor`
 * is ignored like any other stranger. The search text is never stored.
 */
import {
  CREDENTIAL_TYPES,
  SECRET_STATUSES,
  type CredentialType,
  type SecretStatus,
} from '../../../shared/domain'
import {
  COLUMN_KEYS,
  COLUMNS,
  MAX_COLUMN_WIDTH,
  type ColumnKey,
  type SortDirection,
  type SortKey,
} from './table-columns'

export interface ListingPreferences {
  sort: { key: SortKey; direction: SortDirection }
  types: CredentialType[]
  statuses: SecretStatus[]
  tags: string[]
  widths: Partial<Record<ColumnKey, number>>
}

export const STORAGE_KEY = 'safehold.listing.v1'
/** Stored text longer than this is not even parsed. */
export const MAX_STORED_LENGTH = 16 * 1024
/** DESIGN §1.1: a secret has at most 20 tags; a filter of more is not one a person chose. */
export const MAX_TAG_FILTERS = 50
// DESIGN §1.1: letters, digits, '-' and '_'; letters of any script pass, should main allow them.
const TAG = /^[\p{L}\p{N}_-]{1,32}$/u

export function defaultPreferences(): ListingPreferences {
  return { sort: { key: 'name', direction: 'asc' }, types: [], statuses: [], tags: [], widths: {} }
}

type Bag = Record<string, unknown>

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function own(bag: Bag, key: string): unknown {
  return Object.hasOwn(bag, key) ? bag[key] : undefined
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
}

/** The allowed members of a stored list, each once, in stored order; anything else: []. */
function listOf<T extends string>(value: unknown, keep: (item: unknown) => item is T): T[] {
  if (!Array.isArray(value)) return []
  const out: T[] = []
  for (const item of value.slice(0, MAX_TAG_FILTERS)) {
    if (keep(item) && !out.includes(item)) out.push(item)
  }
  return out
}

function readSort(value: unknown): ListingPreferences['sort'] {
  if (!isBag(value)) return defaultPreferences().sort
  const key = own(value, 'key')
  const direction = own(value, 'direction')
  if (!oneOf(COLUMN_KEYS, key) || (direction !== 'asc' && direction !== 'desc')) {
    return defaultPreferences().sort
  }
  return { key, direction }
}

function readWidths(value: unknown): ListingPreferences['widths'] {
  const widths: ListingPreferences['widths'] = {}
  if (!isBag(value)) return widths
  for (const key of COLUMN_KEYS) {
    const width = own(value, key)
    if (key === 'name' || typeof width !== 'number' || !Number.isFinite(width)) continue
    widths[key] = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(COLUMNS[key].minWidth, width)))
  }
  return widths
}

/** The preferences in `stored` (what storage held, or null); the defaults for whatever is not valid. */
export function readPreferences(stored: string | null): ListingPreferences {
  if (stored === null || stored.length > MAX_STORED_LENGTH) return defaultPreferences()
  let parsed: unknown
  try {
    parsed = JSON.parse(stored)
  } catch {
    return defaultPreferences()
  }
  if (!isBag(parsed)) return defaultPreferences()
  return {
    sort: readSort(own(parsed, 'sort')),
    types: listOf(own(parsed, 'types'), (item) => oneOf(CREDENTIAL_TYPES, item)),
    statuses: listOf(own(parsed, 'statuses'), (item) => oneOf(SECRET_STATUSES, item)),
    tags: listOf(own(parsed, 'tags'), (item): item is string => isTag(item)),
    widths: readWidths(own(parsed, 'widths')),
  }
}

export function isTag(value: unknown): value is string {
  return typeof value === 'string' && TAG.test(value)
}

export function writePreferences(preferences: ListingPreferences): string {
  const { sort, types, statuses, tags, widths } = preferences
  return JSON.stringify({ sort, types, statuses, tags, widths })
}
