/**
 * A secret's status and pending deletion as a pure function of its instants and the time
 * (DESIGN.md §2). Instants are epoch-ms numbers: the ISO strings a secret stores are parsed once
 * per stored object (instantsOf), so evaluating 10,000 secrets is arithmetic. Nothing here reads
 * a clock or changes anything.
 */
import type { SecretStatus } from '../../shared/domain'
import type { StoredSecret } from '../vault/vault-state'

export const DAY_MS = 86_400_000
export const INACTIVE_AFTER_DAYS = 30
export const AUTO_DELETE_AFTER_DAYS = 60
export const SCHEDULED_DELETE_AFTER_DAYS = 30
/** How long an edit keeps the value it replaced (DESIGN §1.1) before it is purged. */
export const PREVIOUS_VALUE_DAYS = 30

export interface LifecycleInstants {
  lastActivityAt: number
  scheduledAt: number | null
  expiresAt: number | null
}

export interface LifecycleStatus {
  status: SecretStatus
  /** When the pending deletion (automatic or by hand) is due; null when none is pending. */
  deletesAt: number | null
}

/** The instant the secret is deleted unless something happens first. Every secret has one. */
export function deletionDueAt(secret: LifecycleInstants): number {
  return secret.scheduledAt !== null
    ? secret.scheduledAt + SCHEDULED_DELETE_AFTER_DAYS * DAY_MS
    : secret.lastActivityAt + AUTO_DELETE_AFTER_DAYS * DAY_MS
}

export function evaluateStatus(secret: LifecycleInstants, nowMs: number): LifecycleStatus {
  if (secret.scheduledAt !== null) {
    return {
      status: 'scheduled-for-deletion',
      deletesAt: secret.scheduledAt + SCHEDULED_DELETE_AFTER_DAYS * DAY_MS,
    }
  }
  if (nowMs >= secret.lastActivityAt + INACTIVE_AFTER_DAYS * DAY_MS) {
    return {
      status: 'inactive',
      deletesAt: secret.lastActivityAt + AUTO_DELETE_AFTER_DAYS * DAY_MS,
    }
  }
  if (secret.expiresAt !== null && secret.expiresAt <= nowMs) {
    return { status: 'expired', deletesAt: null }
  }
  return { status: 'active', deletesAt: null }
}

type DatedSecret = Pick<StoredSecret, 'lastActivityAt' | 'scheduledAt' | 'expiresAt' | 'updatedAt'>

/** A stored secret's instants, and when it last changed (see reminder-rules `since`). */
export interface StoredInstants extends LifecycleInstants {
  updatedAt: number
}

/**
 * Parsed instants by stored object. Stored secrets are never changed in place (every op puts a new
 * object), so an object's instants never go stale.
 */
const instants = new WeakMap<DatedSecret, StoredInstants>()

export function instantsOf(secret: DatedSecret): StoredInstants {
  let found = instants.get(secret)
  if (found === undefined) {
    found = {
      updatedAt: Date.parse(secret.updatedAt),
      lastActivityAt: Date.parse(secret.lastActivityAt),
      scheduledAt: secret.scheduledAt === null ? null : Date.parse(secret.scheduledAt),
      expiresAt: secret.expiresAt === null ? null : Date.parse(secret.expiresAt),
    }
    instants.set(secret, found)
  }
  return found
}

/**
 * When the previous value an edit kept is purged (epoch ms), or null when the secret keeps none.
 * From then on it is gone to every reader, whether or not a pass has purged it yet.
 */
export function previousPurgeAt(secret: Pick<StoredSecret, 'previous'>): number | null {
  const previous = secret.previous
  if (previous === undefined || previous === null) return null
  return Date.parse(previous.replacedAt) + PREVIOUS_VALUE_DAYS * DAY_MS
}

/** evaluateStatus of a stored secret. */
export function statusOf(secret: DatedSecret, nowMs: number): LifecycleStatus {
  return evaluateStatus(instantsOf(secret), nowMs)
}

export const toIso = (ms: number): string => new Date(ms).toISOString()
