import { describe, expect, it } from 'vitest'
import { fitColumns } from '../../src/renderer/src/listing/column-fit'
import { COLUMNS, columnsFor } from '../../src/renderer/src/listing/table-columns'

// How the listing's columns share its width: the name keeps its 24 characters, the others give
// way first (issue: "a table that fits"). Widths in px, as use-column-layout.ts measures them.

const NAME_MIN = 262
const organization = columnsFor('organization')
const fit = (available: number, widths = {}, columns = organization) =>
  fitColumns({ available, columns, nameMin: NAME_MIN, widths })

describe('which columns say something where', () => {
  it('Availability only in Organization, Scope only in search results', () => {
    expect(columnsFor('organization')).toEqual([
      'name',
      'type',
      'availability',
      'createdAt',
      'expiresAt',
      'status',
    ])
    expect(columnsFor('scope')).toEqual(['name', 'type', 'createdAt', 'expiresAt', 'status'])
    expect(columnsFor('search')).toEqual([
      'name',
      'type',
      'scope',
      'createdAt',
      'expiresAt',
      'status',
    ])
  })
})

describe('fitting the columns to the listing', () => {
  it('with room to spare, every column gets its width and the name the rest', () => {
    const layout = fit(1400)
    expect(layout.keys).toEqual(organization)
    for (const key of organization.slice(1)) expect(layout.widths[key]).toBe(COLUMNS[key].width)
    expect(layout.total).toBe(1400)
    expect(layout.widths.name).toBeGreaterThan(NAME_MIN)
  })

  it('narrower, the others shrink in give-way order before the name goes below its minimum', () => {
    const layout = fit(1000)
    expect(layout.keys).toEqual(organization)
    expect(layout.total).toBe(1000)
    expect(layout.widths.name).toBe(NAME_MIN)
    // Creation date gives way first, then Availability, then Expiration date.
    expect(layout.widths.createdAt).toBe(COLUMNS.createdAt.minWidth)
    expect(layout.widths.availability).toBe(COLUMNS.availability.minWidth)
    expect(layout.widths.type).toBe(COLUMNS.type.width)
    expect(layout.widths.status).toBe(COLUMNS.status.width)
  })

  it('beside the details at 1024 px, columns hide, but never the name or Status', () => {
    // 1024 − the sidebar (220) − the drawer (336): what the listing has.
    const layout = fit(468)
    expect(layout.keys).toEqual(['name', 'status'])
    expect(layout.total).toBe(468)
    expect(layout.widths.name).toBeGreaterThanOrEqual(NAME_MIN)
    // A little more room brings back the type, as its icon.
    expect(fit(480).keys).toEqual(['name', 'type', 'status'])
    expect(fit(480).widths.type).toBe(COLUMNS.type.minWidth)
  })

  it('hides in give-way order: Creation date, Expiration date, Type, then Scope', () => {
    const seen: string[][] = []
    for (let available = 1000; available >= 300; available -= 4) {
      const keys = fit(available, {}, columnsFor('search')).keys
      if (seen.at(-1)?.join() !== keys.join()) seen.push(keys)
    }
    expect(seen).toEqual([
      ['name', 'type', 'scope', 'createdAt', 'expiresAt', 'status'],
      ['name', 'type', 'scope', 'expiresAt', 'status'],
      ['name', 'type', 'scope', 'status'],
      ['name', 'scope', 'status'],
      ['name', 'status'],
    ])
  })

  it('when even the name and Status do not fit, both keep their minimum and the table is wider', () => {
    const layout = fit(300)
    expect(layout.keys).toEqual(['name', 'status'])
    expect(layout.widths).toEqual({ name: NAME_MIN, status: COLUMNS.status.minWidth })
    expect(layout.total).toBeGreaterThan(layout.available)
  })

  it('a width the user chose is kept while there is room, taken from the name', () => {
    const layout = fit(1400, { type: 300, expiresAt: 130 })
    expect(layout.widths.type).toBe(300)
    expect(layout.widths.expiresAt).toBe(130)
    expect(layout.total).toBe(1400)
  })

  it('a column the user widened is the last to give its width back', () => {
    const layout = fit(1040, { type: 260 })
    expect(layout.widths.type).toBe(260)
    // Every column at its default width gave way first, Status included.
    expect(layout.widths.expiresAt).toBe(COLUMNS.expiresAt.minWidth)
    expect(layout.widths.status).toBe(COLUMNS.status.width - 18)
    expect(fit(1000, { type: 260 }).widths.type).toBeLessThan(260)
  })

  it('a chosen width is never drawn below the column minimum', () => {
    expect(fit(1400, { type: 3 }).widths.type).toBe(COLUMNS.type.minWidth)
  })
})
