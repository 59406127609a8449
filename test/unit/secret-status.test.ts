/**
 * The statuses of DESIGN.md §2 as a pure function of a secret's instants (epoch ms) and the time:
 * a fake clock walks 120 days, six hours at a time, and the status and pending deletion a user
 * would see are checked at every step.
 */
import { describe, expect, it } from 'vitest'
import type { SecretStatus } from '../../src/shared/domain'
import {
  DAY_MS,
  evaluateStatus,
  instantsOf,
  statusOf,
  type LifecycleInstants,
} from '../../src/main/lifecycle/secret-status'

const T0 = Date.parse('2026-01-10T09:30:00.000Z')
const at = (days: number): number => T0 + days * DAY_MS
const iso = at

function secret(dates: Partial<LifecycleInstants> = {}): LifecycleInstants {
  return { lastActivityAt: iso(0), scheduledAt: null, expiresAt: null, ...dates }
}

/** A clock that walks from day 0 to day 120 in steps of six hours. */
function* walk(): Generator<number> {
  for (let quarter = 0; quarter <= 120 * 4; quarter++) yield quarter / 4
}

describe('Active and Inactive', () => {
  it('is Active for 30 days after the last activity, then Inactive with deletion due at +60 days', () => {
    const seen = new Map<SecretStatus, number>()
    for (const day of walk()) {
      const { status, deletesAt } = evaluateStatus(secret(), at(day))
      seen.set(status, (seen.get(status) ?? 0) + 1)
      if (day < 30) {
        expect({ day, status, deletesAt }).toEqual({ day, status: 'active', deletesAt: null })
      } else {
        expect({ day, status, deletesAt }).toEqual({ day, status: 'inactive', deletesAt: iso(60) })
      }
    }
    expect([...seen.keys()]).toEqual(['active', 'inactive'])
  })

  it('turns Inactive exactly at lastActivityAt + 30 days, not a millisecond before', () => {
    const boundary = T0 + 30 * DAY_MS
    expect(evaluateStatus(secret(), boundary - 1).status).toBe('active')
    expect(evaluateStatus(secret(), boundary)).toEqual({
      status: 'inactive',
      deletesAt: Date.parse('2026-03-11T09:30:00.000Z'),
    })
  })

  it('counts from the latest activity: a use on day 25 keeps it Active until day 55', () => {
    const used = secret({ lastActivityAt: iso(25) })
    expect(evaluateStatus(used, at(54.99)).status).toBe('active')
    expect(evaluateStatus(used, at(55))).toEqual({ status: 'inactive', deletesAt: iso(85) })
  })
})

describe('Scheduled for deletion', () => {
  it('is Scheduled from the moment the user schedules, with deletion due 30 days after that', () => {
    const scheduled = secret({ scheduledAt: iso(10) })
    for (const day of walk()) {
      if (day < 10) continue
      expect({ day, ...evaluateStatus(scheduled, at(day)) }).toEqual({
        day,
        status: 'scheduled-for-deletion',
        deletesAt: iso(40),
      })
    }
  })

  it('wins over Inactive: a secret scheduled on day 50 is deleted on day 80, not day 60', () => {
    const scheduled = secret({ scheduledAt: iso(50) })
    expect(evaluateStatus(secret(), at(50))).toEqual({ status: 'inactive', deletesAt: iso(60) })
    expect(evaluateStatus(scheduled, at(50))).toEqual({
      status: 'scheduled-for-deletion',
      deletesAt: iso(80),
    })
  })

  it('wins over Expired', () => {
    const both = secret({ scheduledAt: iso(5), expiresAt: iso(3) })
    expect(evaluateStatus(both, at(6))).toEqual({
      status: 'scheduled-for-deletion',
      deletesAt: iso(35),
    })
  })

  it('after a cancelled deletion (activity on day 20) the secret is Active again until day 50', () => {
    const cancelled = secret({ lastActivityAt: iso(20), scheduledAt: null })
    expect(evaluateStatus(cancelled, at(20))).toEqual({ status: 'active', deletesAt: null })
    expect(evaluateStatus(cancelled, at(49.75)).status).toBe('active')
    expect(evaluateStatus(cancelled, at(50)).status).toBe('inactive')
  })
})

describe('Expired', () => {
  it('shows Expired from expiresAt while the secret is otherwise Active; expiry deletes nothing', () => {
    const expiring = secret({ lastActivityAt: iso(0), expiresAt: iso(12) })
    const statuses: string[] = []
    for (const day of walk()) {
      const { status, deletesAt } = evaluateStatus(expiring, at(day))
      if (statuses.at(-1) !== status) statuses.push(status)
      if (day < 12)
        expect({ day, status, deletesAt }).toEqual({ day, status: 'active', deletesAt: null })
      if (day >= 12 && day < 30) {
        expect({ day, status, deletesAt }).toEqual({ day, status: 'expired', deletesAt: null })
      }
      if (day >= 30) {
        expect({ day, status, deletesAt }).toEqual({ day, status: 'inactive', deletesAt: iso(60) })
      }
    }
    expect(statuses).toEqual(['active', 'expired', 'inactive'])
  })

  it('is Expired at the very instant of expiry (expiresAt ≤ now)', () => {
    const expiring = secret({ expiresAt: iso(5) })
    expect(evaluateStatus(expiring, T0 + 5 * DAY_MS - 1).status).toBe('active')
    expect(evaluateStatus(expiring, at(5))).toEqual({ status: 'expired', deletesAt: null })
  })

  it('an expiry far in the future changes nothing', () => {
    const later = secret({ lastActivityAt: iso(100), expiresAt: iso(400) })
    expect(evaluateStatus(later, at(120))).toEqual({ status: 'active', deletesAt: null })
  })
})

describe('stored secrets', () => {
  const stored = {
    updatedAt: '2026-01-10T09:30:00.000Z',
    lastActivityAt: '2026-01-10T09:30:00.000Z',
    scheduledAt: '2026-01-20T09:30:00.000Z',
    expiresAt: null,
  }

  it('reads the ISO instants a secret stores as epoch ms, once per stored object', () => {
    expect(instantsOf(stored)).toEqual({
      updatedAt: T0,
      lastActivityAt: T0,
      scheduledAt: at(10),
      expiresAt: null,
    })
    expect(instantsOf(stored)).toBe(instantsOf(stored))
    expect(statusOf(stored, at(11))).toEqual({
      status: 'scheduled-for-deletion',
      deletesAt: at(40),
    })
  })

  it('a changed secret is a new object, and so is evaluated afresh', () => {
    const cancelled = { ...stored, scheduledAt: null, lastActivityAt: '2026-01-21T09:30:00.000Z' }
    expect(statusOf(cancelled, at(11))).toEqual({ status: 'active', deletesAt: null })
  })
})
