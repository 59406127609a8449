/**
 * The listing reads its remembered sort, filters and column widths from the page's storage at
 * start. Whatever can write there (an older version, a damaged profile, a hand with DevTools,
 * another page of the same origin) could hand it a `__proto__` key to pollute every object of the
 * page, a width of 1e308 to push Status out of reach, a list of a million tags, ten megabytes of
 * text or plain garbage, and the window would break or obey. Now each field is checked on its
 * own, only own known keys are read, lists are capped, widths clamped, long text is not parsed,
 * and a damaged value is the default: the page opens, and nothing else changes.
 */
import { describe, expect, it } from 'vitest'
import {
  defaultPreferences,
  MAX_STORED_LENGTH,
  MAX_TAG_FILTERS,
  readPreferences,
} from '../../src/renderer/src/listing/listing-preferences'
import { COLUMNS, MAX_COLUMN_WIDTH } from '../../src/renderer/src/listing/table-columns'

describe('a hostile remembered listing', () => {
  it('cannot pollute the prototypes of the page', () => {
    const read = readPreferences(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},' +
        '"sort":{"__proto__":{"key":"status"},"key":"__proto__","direction":"asc"},' +
        '"widths":{"__proto__":{"type":9999},"constructor":5}}',
    )
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(read).toEqual(defaultPreferences())
    expect(Object.keys(read.widths)).toEqual([])
  })

  it('cannot push Status out of reach with absurd widths', () => {
    const read = readPreferences(
      JSON.stringify({ widths: { type: 1e308, status: -1e308, scope: 'wide', expiresAt: null } }),
    )
    expect(read.widths).toEqual({ type: MAX_COLUMN_WIDTH, status: COLUMNS.status.minWidth })
    // JSON has no Infinity or NaN; text that tries is not JSON, and so the defaults.
    expect(readPreferences('{"widths":{"type":Infinity}}')).toEqual(defaultPreferences())
  })

  it('cannot make the listing carry a filter of a million tags', () => {
    const tags = Array.from({ length: 1_000_000 }, (_, i) => `t${i}`)
    expect(readPreferences(JSON.stringify({ tags })).tags).toHaveLength(0)
    const fewer = Array.from({ length: 500 }, (_, i) => `t${i}`)
    expect(readPreferences(JSON.stringify({ tags: fewer })).tags).toHaveLength(MAX_TAG_FILTERS)
  })

  it('does not even parse ten megabytes of text', () => {
    const huge = JSON.stringify({
      sort: { key: 'status', direction: 'desc' },
      pad: 'x'.repeat(1e7),
    })
    expect(huge.length).toBeGreaterThan(MAX_STORED_LENGTH)
    expect(readPreferences(huge)).toEqual(defaultPreferences())
  })

  it('takes garbage, wrong types and deep nesting for the defaults', () => {
    for (const stored of [
      '',
      'null',
      '42',
      '"sort"',
      '[]',
      '{"sort": {"key": "name", "dir',
      '{"types":{"length":2,"0":"api-key"}}',
      '{"statuses":[["active"]],"types":[{"toString":"api-key"}]}',
      '['.repeat(5000) + ']'.repeat(5000),
    ]) {
      expect(readPreferences(stored), stored.slice(0, 40)).toEqual(defaultPreferences())
    }
  })

  it('drops tags that carry control or bidi characters', () => {
    const read = readPreferences(
      JSON.stringify({ tags: ['prod', 'ev\u202Eil', 'a\u0000b', 'x\u200By', 'ok'] }),
    )
    expect(read.tags).toEqual(['prod', 'ok'])
  })
})
