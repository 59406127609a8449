import { describe, expect, it } from 'vitest'
import { buildSearchIndex, normalizeQuery } from '../../src/renderer/src/listing/search-index'
import { switcherResults } from '../../src/renderer/src/listing/switcher-results'
import { sortSecrets } from '../../src/renderer/src/listing/table-columns'
import { summary, usage } from '../support/secret-summaries'

// The order of the listing (favourites pinned to the top of their scope whatever the sort) and of
// the quick switcher's hits.

const names = (secrets: { name: string }[]): string[] => secrets.map((s) => s.name)

describe('the listing order', () => {
  const secrets = [
    summary('delta', { expiresAt: '2030-05-01T00:00:00.000Z' }),
    summary('alpha', { expiresAt: '2030-09-01T00:00:00.000Z', favourite: true }),
    summary('Charlie', { favourite: true }),
    summary('bravo', { expiresAt: '2030-02-01T00:00:00.000Z' }),
    summary('echo'),
  ]

  it('puts favourites first in either direction, each group sorted as asked', () => {
    expect(names(sortSecrets(secrets, 'name', 'asc'))).toEqual([
      'alpha',
      'Charlie',
      'bravo',
      'delta',
      'echo',
    ])
    expect(names(sortSecrets(secrets, 'name', 'desc'))).toEqual([
      'Charlie',
      'alpha',
      'echo',
      'delta',
      'bravo',
    ])
  })

  it('sorts missing dates last in both directions, favourites still first', () => {
    expect(names(sortSecrets(secrets, 'expiresAt', 'asc'))).toEqual([
      'alpha',
      'Charlie',
      'bravo',
      'delta',
      'echo',
    ])
    expect(names(sortSecrets(secrets, 'expiresAt', 'desc'))).toEqual([
      'alpha',
      'Charlie',
      'delta',
      'bravo',
      'echo',
    ])
  })

  it('sorts by scope in the words the listing shows', () => {
    const scoped = [
      summary('p', { scope: 'personal' }),
      summary('w', { scope: 'workspace:Ops' }),
      summary('o', { scope: 'organization' }),
    ]
    expect(names(sortSecrets(scoped, 'scope', 'asc'))).toEqual(['o', 'p', 'w'])
  })

  it('leaves the list it was given as it was', () => {
    const copy = [...secrets]
    sortSecrets(secrets, 'name', 'desc')
    expect(secrets).toEqual(copy)
  })
})

describe('the quick switcher', () => {
  const all = [
    summary('billing-key', { fields: { headerName: 'X-Stripe' } }),
    summary('old-stripe', { favourite: false }),
    summary('stripe-live'),
    summary('stripe-test', { favourite: true }),
    summary('webhook', { usages: [usage('stripe-cron')] }),
    summary('unrelated'),
  ]
  const byName = sortSecrets(all, 'name', 'asc')
  const index = buildSearchIndex(all)
  const results = (query: string, limit?: number) =>
    switcherResults(byName, index, normalizeQuery(query), limit)

  it('offers names that start with the text, then names that hold it, then other fields', () => {
    expect(names(results('stripe').secrets)).toEqual([
      'stripe-test',
      'stripe-live',
      'old-stripe',
      'billing-key',
      'webhook',
    ])
    expect(results('stripe').total).toBe(5)
  })

  it('without text offers every secret, favourites first, then by name', () => {
    expect(names(results('').secrets)).toEqual([
      'stripe-test',
      'billing-key',
      'old-stripe',
      'stripe-live',
      'unrelated',
      'webhook',
    ])
  })

  it('offers at most its limit, and counts every hit', () => {
    const limited = results('e', 2)
    expect(names(limited.secrets)).toEqual(['stripe-test', 'billing-key'])
    expect(limited.total).toBe(6)
  })
})
