/**
 * The search box and the quick switcher take whatever is typed or pasted: a 5 MB paste, regular
 * expression syntax, control characters, or names that are also the names of every object's
 * properties (`__proto__`, `constructor`, both valid tags). None of it may make a keystroke's work
 * grow without bound, be read as a pattern, or find what is not there. The query is cut to
 * MAX_QUERY_LENGTH before any other work, matched as plain text, and secrets are looked up in
 * their own lists, never as object keys.
 */
import { describe, expect, it } from 'vitest'
import {
  buildSearchIndex,
  findMatch,
  MAX_QUERY_LENGTH,
  normalizeQuery,
} from '../../src/renderer/src/listing/search-index'
import { switcherResults } from '../../src/renderer/src/listing/switcher-results'
import { summary } from '../support/secret-summaries'

const secrets = [
  summary('regex-[a-z]+-key', { fields: { headerName: 'X-Api-Key' } }),
  summary('proto-tagged', { tags: ['__proto__', 'constructor'] }),
  summary('plain', { notes: 'nothing to see' }),
]
const index = buildSearchIndex(secrets)
const hits = (query: string): string[] => {
  const needle = normalizeQuery(query)
  return secrets.filter((secret) => index.matches(secret, needle)).map((secret) => secret.name)
}

describe('a hostile search', () => {
  it('is cut to its limit before anything else is done with it', () => {
    const paste = `x-api${'A'.repeat(5 * 1024 * 1024)}`
    const needle = normalizeQuery(paste)
    expect(needle.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH)
    expect(hits(paste)).toEqual([])
    expect(switcherResults(secrets, index, needle).total).toBe(0)
  })

  it('is plain text, never a pattern', () => {
    expect(hits('.*')).toEqual([])
    expect(hits('[a-z]+')).toEqual(['regex-[a-z]+-key'])
    expect(hits('(a|b)')).toEqual([])
    expect(findMatch(secrets[0]!, normalizeQuery('[A-Z]+'))).toMatchObject({
      label: 'Secret name',
      start: 6,
      end: 12,
    })
  })

  it('finds the secrets tagged __proto__ and constructor, and only them', () => {
    expect(hits('__proto__')).toEqual(['proto-tagged'])
    expect(hits('constructor')).toEqual(['proto-tagged'])
    expect(hits('toString')).toEqual([])
    expect(hits('hasOwnProperty')).toEqual([])
    expect(findMatch(secrets[1]!, '__proto__')).toMatchObject({ label: 'Tag', text: '__proto__' })
  })

  it('cannot use control characters to match across the gap between two fields', () => {
    // The fields are joined by U+0000 inside the index; a query can never hold one.
    expect(hits('key\u0000x-api')).toEqual([])
    expect(hits('\u0000')).toEqual(secrets.map((s) => s.name))
  })
})
