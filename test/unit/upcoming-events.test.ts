import { describe, expect, it } from 'vitest'
import type { SecretSummary } from '../../src/shared/secret-view'
import { deletionsWithin, upcomingEvents } from '../../src/renderer/src/listing/upcoming-events'

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
  }
}

describe('upcomingEvents', () => {
  it('keeps deletions and expiries from now to 30 days on, soonest first, inclusive at both ends', () => {
    const secrets = [
      secret('past', { expiresAt: at(NOW - 1) }),
      secret('now', { expiresAt: at(NOW) }),
      secret('in-29-days', { deletesAt: at(NOW + 29 * DAY) }),
      secret('at-the-limit', { expiresAt: at(NOW + 30 * DAY) }),
      secret('just-after', { expiresAt: at(NOW + 30 * DAY + 1) }),
      secret('next-year', { expiresAt: at(NOW + 365 * DAY) }),
      secret('both', { expiresAt: at(NOW + 2 * DAY), deletesAt: at(NOW + DAY) }),
      secret('none', {}),
    ]
    const events = upcomingEvents(secrets, NOW)
    expect(events.map((e) => `${e.secret.name}:${e.kind}`)).toEqual([
      'now:expiry',
      'both:deletion',
      'both:expiry',
      'in-29-days:deletion',
      'at-the-limit:expiry',
    ])
    expect(events.map((e) => e.time)).toEqual(events.map((e) => Date.parse(e.at)))
  })

  it('reads instants without milliseconds or with an offset the same way', () => {
    const secrets = [
      secret('no-millis', { expiresAt: '2030-03-11T00:00:00Z' }),
      secret('offset', { expiresAt: '2030-04-09T23:30:00-01:00' }), // 2030-04-10T00:30Z: beyond
      secret('offset-inside', { expiresAt: '2030-04-09T10:00:00+02:00' }),
    ]
    expect(upcomingEvents(secrets, NOW).map((e) => e.secret.name)).toEqual([
      'no-millis',
      'offset-inside',
    ])
  })

  it('answers again from its cache only for the same list and instant', () => {
    const secrets = [secret('soon', { expiresAt: at(NOW + DAY) })]
    const first = upcomingEvents(secrets, NOW)
    expect(upcomingEvents(secrets, NOW)).toBe(first)
    expect(upcomingEvents(secrets, NOW + 2 * DAY)).toEqual([])
    expect(upcomingEvents([...secrets], NOW)).not.toBe(first)
  })

  it('deletionsWithin keeps the deletions due within the given days', () => {
    const events = upcomingEvents(
      [
        secret('d5', { deletesAt: at(NOW + 5 * DAY) }),
        secret('d20', { deletesAt: at(NOW + 20 * DAY) }),
        secret('e3', { expiresAt: at(NOW + 3 * DAY) }),
      ],
      NOW,
    )
    expect(deletionsWithin(events, 15, NOW).map((e) => e.secret.name)).toEqual(['d5'])
  })
})
