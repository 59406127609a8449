/**
 * A secret's status and pending deletion as a pure function of its dates and the time
 * (DESIGN.md §2). Nothing here reads a clock or changes anything.
 */
import type { SecretStatus } from '../../shared/domain'

export const DAY_MS = 86_400_000
export const INACTIVE_AFTER_DAYS = 30
export const AUTO_DELETE_AFTER_DAYS = 60
export const SCHEDULED_DELETE_AFTER_DAYS = 30

export interface LifecycleDates {
  lastActivityAt: string
  scheduledAt: string | null
  expiresAt: string | null
}

export interface LifecycleStatus {
  status: SecretStatus
  deletesAt: string | null
}

const plusDays = (iso: string, days: number): string =>
  new Date(Date.parse(iso) + days * DAY_MS).toISOString()

export function evaluateStatus(secret: LifecycleDates, now: Date): LifecycleStatus {
  if (secret.scheduledAt !== null) {
    return {
      status: 'scheduled-for-deletion',
      deletesAt: plusDays(secret.scheduledAt, SCHEDULED_DELETE_AFTER_DAYS),
    }
  }
  if (now.getTime() >= Date.parse(secret.lastActivityAt) + INACTIVE_AFTER_DAYS * DAY_MS) {
    return {
      status: 'inactive',
      deletesAt: plusDays(secret.lastActivityAt, AUTO_DELETE_AFTER_DAYS),
    }
  }
  if (secret.expiresAt !== null && Date.parse(secret.expiresAt) <= now.getTime()) {
    return { status: 'expired', deletesAt: null }
  }
  return { status: 'active', deletesAt: null }
}
