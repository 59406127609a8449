import { describe, expect, it } from 'vitest'
import type { SecretSummary } from '../../src/shared/secret-view'
import {
  BANNER_DAYS,
  deletionsWithin,
  dueWithin30Days,
  vaultTimeline,
} from '../../src/renderer/src/listing/vault-timeline'
import { deletionWords, shortDate } from '../../src/renderer/src/components/deletion-words'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.parse('2030-03-10T12:00:00.000Z')
const at = (ms: number): string => new Date(ms).toISOString()

function secret(name: string, dates: { expiresAt?: string; deletesAt?: string }): SecretSummary {
  return {
    id: name,
    name,
    type: 'api-key',
    scope: 'personal',
    availability: null,
    createdAt: at(NOW - 100 * DAY),
    updatedAt: at(NOW - 100 * DAY),
    lastUsedAt: null,
    expiresAt: dates.expiresAt ?? null,
    status: dates.deletesAt ? 'scheduled-for-deletion' : 'active',
    deletesAt: dates.deletesAt ?? null,
    usages: [],
    fields: {},
    keys: [],
    certificateNames: null,
    notes: '',
    tags: [],
    favourite: false,
  }
}

describe('the vault timeline as Upcoming shows it', () => {
  const secrets = [
    secret('expired', { expiresAt: at(NOW - 3 * DAY) }),
    secret('now', { expiresAt: at(NOW) }),
    secret('in-29-days', { deletesAt: at(NOW + 29 * DAY) }),
    secret('at-the-limit', { expiresAt: at(NOW + 30 * DAY) }),
    secret('just-after', { expiresAt: at(NOW + 30 * DAY + 1) }),
    secret('next-year', { expiresAt: at(NOW + 365 * DAY) }),
    secret('both', { expiresAt: at(NOW + 2 * DAY), deletesAt: at(NOW + DAY) }),
    secret('none', {}),
  ]

  it('holds every pending deletion and expiry, not only 30 days, soonest first, in groups', () => {
    const events = vaultTimeline(secrets, NOW)
    expect(events.map((e) => `${e.secret.name}:${e.event}:${e.group}`)).toEqual([
      'expired:expiry:overdue',
      'now:expiry:overdue',
      'both:deletion:next-7-days',
      'both:expiry:next-7-days',
      'in-29-days:deletion:next-30-days',
      'at-the-limit:expiry:next-30-days',
      'just-after:expiry:later',
      'next-year:expiry:later',
    ])
  })

  it('counts for the sidebar the events due within 30 days, overdue ones included', () => {
    expect(dueWithin30Days(vaultTimeline(secrets, NOW), NOW)).toBe(6)
  })

  it('answers again from its cache only for the same list and instant', () => {
    const first = vaultTimeline(secrets, NOW)
    expect(vaultTimeline(secrets, NOW)).toBe(first)
    expect(vaultTimeline([...secrets], NOW)).not.toBe(first)
    expect(vaultTimeline(secrets, NOW + DAY)).not.toBe(first)
  })

  it('gives the banner and its Review the same deletions: within 15 days, overdue included', () => {
    const events = vaultTimeline(
      [
        secret('overdue', { deletesAt: at(NOW - DAY) }),
        secret('d5', { deletesAt: at(NOW + 5 * DAY) }),
        secret('d15', { deletesAt: at(NOW + 15 * DAY) }),
        secret('d16', { deletesAt: at(NOW + 16 * DAY) }),
        secret('e3', { expiresAt: at(NOW + 3 * DAY) }),
      ],
      NOW,
    )
    expect(deletionsWithin(events, BANNER_DAYS, NOW).map((e) => e.secret.name)).toEqual([
      'overdue',
      'd5',
      'd15',
    ])
  })
})

describe('the words of a pending deletion', () => {
  // Local calendar days: build instants from local dates so the test holds in any time zone.
  const now = new Date(2030, 2, 10, 12, 0).getTime()
  const on = (month: number, day: number, hour = 9, year = 2030): string =>
    new Date(year, month - 1, day, hour).toISOString()
  const date = (iso: string): string =>
    new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })

  it('says today and tomorrow within a day, in the danger tone', () => {
    expect(deletionWords(on(3, 10, 18), now)).toEqual({ text: 'Deletes today', tone: 'danger' })
    expect(deletionWords(on(3, 11, 8), now)).toEqual({ text: 'Deletes tomorrow', tone: 'danger' })
    expect(deletionWords(on(3, 10, 11), now)).toEqual({ text: 'Deletion due now', tone: 'danger' })
  })

  it('counts the days left up to 10 days, and says "in N days" up to 15, each its own tone', () => {
    expect(deletionWords(on(3, 12), now)).toEqual({
      text: `Deletes ${date(on(3, 12))} · 2 days left`,
      tone: 'urgent',
    })
    expect(deletionWords(on(3, 20), now).tone).toBe('urgent')
    expect(deletionWords(on(3, 21), now)).toEqual({
      text: `Deletes ${date(on(3, 21))} · in 11 days`,
      tone: 'warning',
    })
    expect(deletionWords(on(3, 25), now).tone).toBe('warning')
    expect(deletionWords(on(3, 26), now)).toEqual({
      text: `Deletes ${date(on(3, 26))}`,
      tone: 'neutral',
    })
  })

  it('names the year only for a date a year or more away', () => {
    expect(shortDate(on(12, 14), now)).toBe(date(on(12, 14)))
    expect(shortDate(on(12, 14), now)).not.toContain('2030')
    expect(shortDate(on(4, 1, 9, 2031), now)).toContain('2031')
  })
})
