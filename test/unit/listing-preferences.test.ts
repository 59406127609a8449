import { describe, expect, it } from 'vitest'
import {
  defaultPreferences,
  readPreferences,
  writePreferences,
  type ListingPreferences,
} from '../../src/renderer/src/listing/listing-preferences'
import { COLUMNS, MAX_COLUMN_WIDTH } from '../../src/renderer/src/listing/table-columns'

// Sort, filters and column widths are remembered across restarts (issue item 5); what storage
// gives back is checked field by field. Hostile stored values: test/security.

const chosen: ListingPreferences = {
  sort: { key: 'expiresAt', direction: 'desc' },
  types: ['certificate', 'api-key'],
  statuses: ['scheduled-for-deletion'],
  tags: ['prod', 'billing-eu'],
  widths: { type: 220, status: 190 },
}

describe('remembered listing preferences', () => {
  it('come back as they were written', () => {
    expect(readPreferences(writePreferences(chosen))).toEqual(chosen)
  })

  it('are the defaults when nothing was stored', () => {
    expect(readPreferences(null)).toEqual(defaultPreferences())
    expect(defaultPreferences()).toEqual({
      sort: { key: 'name', direction: 'asc' },
      types: [],
      statuses: [],
      tags: [],
      widths: {},
    })
  })

  it('never store the search text', () => {
    const withQuery = { ...chosen, query: 'stripe' } as ListingPreferences
    expect(writePreferences(withQuery)).not.toContain('stripe')
  })

  it('keep each valid field when another is damaged', () => {
    const stored = JSON.stringify({ ...chosen, sort: { key: 'colour', direction: 'up' } })
    expect(readPreferences(stored)).toEqual({ ...chosen, sort: defaultPreferences().sort })
    const noTypes = JSON.stringify({ ...chosen, types: 'api-key' })
    expect(readPreferences(noTypes)).toEqual({ ...chosen, types: [] })
  })

  it('drop unknown or repeated list members, keeping the rest in order', () => {
    const stored = JSON.stringify({
      statuses: ['expired', 'gone', 'expired', 'active'],
      types: ['key-value', 'password'],
      tags: ['prod', 'has space', '', 'x'.repeat(33), 'prod', 'ok_tag-1'],
    })
    const read = readPreferences(stored)
    expect(read.statuses).toEqual(['expired', 'active'])
    expect(read.types).toEqual(['key-value'])
    expect(read.tags).toEqual(['prod', 'ok_tag-1'])
  })

  it('keep widths within each column’s bounds, whole pixels, the name never fixed', () => {
    const stored = JSON.stringify({
      widths: { type: 10, status: 100_000, expiresAt: 150.6, name: 500, scope: null },
    })
    expect(readPreferences(stored).widths).toEqual({
      type: COLUMNS.type.minWidth,
      status: MAX_COLUMN_WIDTH,
      expiresAt: 151,
    })
  })
})
