import { describe, expect, it } from 'vitest'
import {
  isFiltered,
  passesFilters,
  type ListingFilters,
} from '../../src/renderer/src/listing/listing-filters'
import { summary } from '../support/secret-summaries'

// The Type, Status and Tags menus: any ticked choice within a menu, every menu across them.

const secrets = [
  summary('prod-api', { tags: ['prod', 'billing'] }),
  summary('staging-api', { tags: ['staging'] }),
  summary('prod-cert', { type: 'certificate', tags: ['prod'], status: 'expired' }),
  summary('untagged'),
  summary('odd-tags', { tags: ['__proto__', 'constructor'] }),
]
const none: ListingFilters = { types: [], statuses: [], tags: [] }
const shown = (filters: Partial<ListingFilters>): string[] =>
  secrets.filter((s) => passesFilters(s, { ...none, ...filters })).map((s) => s.name)

describe('the filter menus', () => {
  it('with nothing ticked, let every secret through', () => {
    expect(isFiltered(none)).toBe(false)
    expect(shown({})).toEqual(secrets.map((s) => s.name))
  })

  it('by tag: a secret with any of the ticked tags', () => {
    expect(isFiltered({ ...none, tags: ['prod'] })).toBe(true)
    expect(shown({ tags: ['prod'] })).toEqual(['prod-api', 'prod-cert'])
    expect(shown({ tags: ['billing', 'staging'] })).toEqual(['prod-api', 'staging-api'])
    expect(shown({ tags: ['nobody-has-it'] })).toEqual([])
  })

  it('across menus, every menu must agree', () => {
    expect(shown({ tags: ['prod'], types: ['certificate'] })).toEqual(['prod-cert'])
    expect(shown({ tags: ['prod'], statuses: ['active'] })).toEqual(['prod-api'])
    expect(shown({ tags: ['staging'], types: ['certificate'] })).toEqual([])
  })

  it('a tag named like an object property is a tag like any other', () => {
    expect(shown({ tags: ['__proto__'] })).toEqual(['odd-tags'])
    expect(shown({ tags: ['constructor'] })).toEqual(['odd-tags'])
    expect(shown({ tags: ['toString'] })).toEqual([])
  })
})
