/**
 * The listing's columns (DESIGN §6.3: their header names are a contract with the tests), the
 * widths each asks for and how far each may shrink, and how each one sorts. Missing dates sort
 * last in both directions; ties fall back to the name. Pure: unit tests import it.
 */
import { CREDENTIAL_TYPE_LABELS, STATUS_LABELS } from '../../../shared/domain'
import type { SecretSummary } from '../../../shared/secret-view'
import { availabilityLabel, scopeStringLabel } from '../components/labels'

export const COLUMN_KEYS = [
  'name',
  'type',
  'scope',
  'availability',
  'createdAt',
  'expiresAt',
  'status',
] as const
export type ColumnKey = (typeof COLUMN_KEYS)[number]
export type SortKey = ColumnKey
export type SortDirection = 'asc' | 'desc'

export interface Column {
  key: ColumnKey
  label: string
  className: string
  /** Width in px before the user resizes it; the name column takes what the others leave. */
  width: number
  /** The narrowest it may be drawn; below that it is hidden, if it may be. */
  minWidth: number
  /** The name and the status are always shown. */
  hideable: boolean
}

export const COLUMNS: Readonly<Record<ColumnKey, Column>> = {
  name: {
    key: 'name',
    label: 'Secret name',
    className: 'col-name',
    width: 0,
    minWidth: 0,
    hideable: false,
  },
  type: {
    key: 'type',
    label: 'Credential type',
    className: 'col-type',
    width: 164,
    minWidth: 44,
    hideable: true,
  },
  scope: {
    key: 'scope',
    label: 'Scope',
    className: 'col-scope',
    width: 168,
    minWidth: 104,
    hideable: true,
  },
  availability: {
    key: 'availability',
    label: 'Availability',
    className: 'col-availability',
    width: 168,
    minWidth: 112,
    hideable: true,
  },
  createdAt: {
    key: 'createdAt',
    label: 'Creation date',
    className: 'col-created',
    width: 124,
    minWidth: 112,
    hideable: true,
  },
  expiresAt: {
    key: 'expiresAt',
    label: 'Expiration date',
    className: 'col-expires',
    width: 176,
    minWidth: 124,
    hideable: true,
  },
  status: {
    key: 'status',
    label: 'Status',
    className: 'col-status',
    width: 188,
    minWidth: 168,
    hideable: false,
  },
}

/** The widest a resized column may be made. */
export const MAX_COLUMN_WIDTH = 640

/** Below this the type column shows its icon alone (the label stays for screen readers). */
export const TYPE_LABEL_WIDTH = 104

/**
 * Which columns say something where: Availability only in Organization (it is null elsewhere),
 * Scope only in search results, which span every scope.
 */
export function columnsFor(context: 'organization' | 'scope' | 'search'): ColumnKey[] {
  return COLUMN_KEYS.filter((key) =>
    key === 'availability'
      ? context === 'organization'
      : key === 'scope'
        ? context === 'search'
        : true,
  )
}

/**
 * The order in which the other columns give way to the name when the listing is narrow: each
 * shrinks to its minimum, in this order, and then, if that is not enough, they hide in this order.
 */
export const GIVE_WAY: readonly ColumnKey[] = [
  'createdAt',
  'availability',
  'expiresAt',
  'type',
  'scope',
  'status',
]

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** The value a column sorts by: text, or epoch milliseconds for dates (null when absent). */
function sortValueOf(secret: SecretSummary, key: SortKey): string | number | null {
  switch (key) {
    case 'name':
      return secret.name
    case 'type':
      return CREDENTIAL_TYPE_LABELS[secret.type]
    case 'scope':
      return scopeStringLabel(secret.scope)
    case 'availability':
      return availabilityLabel(secret.availability)
    case 'status':
      return STATUS_LABELS[secret.status]
    case 'createdAt':
      return Date.parse(secret.createdAt)
    case 'expiresAt':
      return secret.expiresAt === null ? null : Date.parse(secret.expiresAt)
  }
}

function compareValues(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number'
    ? a - b
    : collator.compare(String(a), String(b))
}

/**
 * A sorted copy; `secrets` itself is left alone. Favourites come first whatever the sort (they
 * are pinned to the top), each group in the order asked for.
 */
export function sortSecrets(
  secrets: readonly SecretSummary[],
  key: SortKey,
  direction: SortDirection,
): SecretSummary[] {
  const sign = direction === 'asc' ? 1 : -1
  const keyed = secrets.map((secret) => ({ secret, value: sortValueOf(secret, key) }))
  keyed.sort((a, b) => {
    if (a.secret.favourite !== b.secret.favourite) return a.secret.favourite ? -1 : 1
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1
    } else {
      const byKey = compareValues(a.value, b.value)
      if (byKey !== 0) return sign * byKey
    }
    return collator.compare(a.secret.name, b.secret.name)
  })
  return keyed.map((k) => k.secret)
}
