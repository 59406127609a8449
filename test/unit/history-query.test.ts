import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  historyRequest,
  isFiltered,
  localMidnight,
  NO_FILTERS,
} from '../../src/renderer/src/history/history-query'
import { auditFilterSchema } from '../../src/shared/ipc-contract'

// History's filters as the page sends them to main: empty ones left out, a day as the instant its
// local midnight is, a scope as the contract's object; every request one main's schema accepts.

const zone = process.env['TZ']
beforeEach(() => {
  process.env['TZ'] = 'America/New_York'
})
afterEach(() => {
  if (zone === undefined) delete process.env['TZ']
  else process.env['TZ'] = zone
})

describe('History filters as requests', () => {
  it('asks for everything when nothing is set', () => {
    expect(historyRequest(NO_FILTERS)).toEqual({})
    expect(isFiltered(NO_FILTERS)).toBe(false)
    expect(isFiltered({ ...NO_FILTERS, secret: '   ' })).toBe(false)
  })

  it('sends a day as the instant it starts where the user is', () => {
    expect(localMidnight('2026-12-01')).toBe('2026-12-01T05:00:00.000Z')
    expect(localMidnight('2026-07-01')).toBe('2026-07-01T04:00:00.000Z')
    expect(historyRequest({ ...NO_FILTERS, since: '2026-12-01' })).toEqual({
      since: '2026-12-01T05:00:00.000Z',
    })
  })

  it('leaves out a day that is not one', () => {
    for (const day of ['2026-02-31', '2026-13-01', '12/01/2026', '', '2026-12-1']) {
      expect(localMidnight(day)).toBeNull()
      expect(historyRequest({ ...NO_FILTERS, since: day })).toEqual({})
    }
  })

  it('trims the name, and names each scope as the contract does', () => {
    expect(
      historyRequest({ secret: ' stripe ', action: 'used', since: '', scope: 'workspace:Ops' }),
    ).toEqual({ secret: 'stripe', action: 'used', scope: { kind: 'workspace', workspace: 'Ops' } })
    expect(historyRequest({ ...NO_FILTERS, scope: 'organization' }).scope).toEqual({
      kind: 'organization',
    })
    expect(historyRequest({ ...NO_FILTERS, scope: 'personal' }).scope).toEqual({
      kind: 'personal',
    })
  })

  it('makes requests main accepts', () => {
    const request = historyRequest({
      secret: 'x'.repeat(500),
      action: 'use-refused',
      since: '2026-12-01',
      scope: 'workspace:Platform',
    })
    expect(auditFilterSchema.safeParse(request).success).toBe(true)
  })
})
