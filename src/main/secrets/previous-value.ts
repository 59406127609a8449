/**
 * The previous value (DESIGN §1.1): an edit that replaces a secret value keeps what it replaced
 * for 30 days, write-only like every value, and "Restore previous value" swaps the two in one
 * step, so a restore can itself be undone. Only the latest is kept. A previous value whose 30
 * days are over is gone to every reader, whether or not the lifecycle pass has purged it yet.
 * Pure: records in, new records out; the stored ones are never changed.
 */
import { SafeholdError } from '../../shared/errors'
import { previousPurgeAt } from '../lifecycle/secret-status'
import type { PreviousValue, StoredSecret, VaultOp } from '../vault/vault-state'

/** What "the value" of a secret is: its secret fields, Key/Value keys, certificate and expiry. */
type ValueParts = Pick<StoredSecret, 'values' | 'keys' | 'certificate' | 'expiresAt'>

function partsOf(secret: ValueParts, replacedAt: string): PreviousValue {
  return {
    values: { ...secret.values },
    keys: [...secret.keys],
    certificate: secret.certificate,
    expiresAt: secret.expiresAt,
    replacedAt,
  }
}

/** Whether two records hold different values (a changed, added or removed key counts). */
export function valuesDiffer(a: ValueParts, b: ValueParts): boolean {
  const aKeys = Object.keys(a.values)
  if (aKeys.length !== Object.keys(b.values).length) return true
  if (aKeys.some((key) => !Object.hasOwn(b.values, key) || b.values[key] !== a.values[key]))
    return true
  return a.keys.length !== b.keys.length || a.keys.some((key, i) => b.keys[i] !== key)
}

/** `next` keeping `current`'s values as its previous value, when the edit replaced any. */
export function keepPrevious(current: StoredSecret, next: StoredSecret, now: Date): StoredSecret {
  if (!valuesDiffer(current, next)) return next
  return { ...next, previous: partsOf(current, now.toISOString()) }
}

/**
 * An edit that keeps a newer previous value drops the one kept before: it is purged in the same
 * transaction, so its ciphertext leaves the live files at once, as at the end of its 30 days,
 * rather than whenever the vault is next compacted.
 */
export function purgeOfReplaced(current: StoredSecret, next: StoredSecret): VaultOp[] {
  const dropped = current.previous
  if (dropped === undefined || dropped === null || next.previous === dropped) return []
  return [{ op: 'previous.purge', id: current.id, replacedAt: dropped.replacedAt }]
}

/** The previous value still restorable at `now`, or null. */
export function livePrevious(secret: StoredSecret, nowMs: number): PreviousValue | null {
  const purgeAt = previousPurgeAt(secret)
  return purgeAt === null || purgeAt <= nowMs ? null : secret.previous!
}

export interface Restored {
  secret: StoredSecret
  /** The previous value as it was, for the audit. */
  restored: PreviousValue
  warnings: string[]
}

/**
 * Current and previous swapped: the replaced current becomes the previous (replacedAt = now), so
 * the restore can be undone the same way. An edit: it counts as activity.
 */
export function restorePrevious(current: StoredSecret, now: Date): Restored {
  const previous = livePrevious(current, now.getTime())
  if (previous === null) {
    throw new SafeholdError(
      'NOT_FOUND',
      `"${current.name}" has no previous value to restore: an edit that replaces a value keeps the old one for 30 days.`,
      'previous',
    )
  }
  const at = now.toISOString()
  const secret: StoredSecret = {
    ...current,
    values: { ...previous.values },
    keys: [...previous.keys],
    certificate: previous.certificate,
    expiresAt: previous.expiresAt,
    previous: partsOf(current, at),
    updatedAt: at,
    lastActivityAt: at,
  }
  const warnings =
    previous.expiresAt !== null && Date.parse(previous.expiresAt) <= now.getTime()
      ? [`The restored value expired on ${previous.expiresAt.slice(0, 10)}.`]
      : []
  return { secret, restored: previous, warnings }
}
