/**
 * The listing's columns (DESIGN §6.3: their header names are a contract with the tests) and how
 * each one sorts. Missing dates sort last in both directions; ties fall back to the name.
 */
import { CREDENTIAL_TYPE_LABELS, STATUS_LABELS } from '../../../shared/domain'
import type { SecretSummary } from '../../../shared/secret-view'
import { availabilityLabel } from '../components/labels'

export type SortKey = 'name' | 'type' | 'availability' | 'createdAt' | 'expiresAt' | 'status'

export interface Column {
  key: SortKey
  label: string
  className: string
}

export const COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Secret name', className: 'col-name' },
  { key: 'type', label: 'Credential type', className: 'col-type' },
  { key: 'availability', label: 'Availability', className: 'col-availability' },
  { key: 'createdAt', label: 'Creation date', className: 'col-created' },
  { key: 'expiresAt', label: 'Expiration date', className: 'col-expires' },
  { key: 'status', label: 'Status', className: 'col-status' },
]

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** The value a column sorts by: text, or epoch milliseconds for dates (null when absent). */
function sortValueOf(secret: SecretSummary, key: SortKey): string | number | null {
  switch (key) {
    case 'name':
      return secret.name
    case 'type':
      return CREDENTIAL_TYPE_LABELS[secret.type]
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

/** A sorted copy; `secrets` itself is left alone. */
export function sortSecrets(
  secrets: readonly SecretSummary[],
  key: SortKey,
  direction: 'asc' | 'desc',
): SecretSummary[] {
  const sign = direction === 'asc' ? 1 : -1
  const keyed = secrets.map((secret) => ({ secret, value: sortValueOf(secret, key) }))
  keyed.sort((a, b) => {
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
