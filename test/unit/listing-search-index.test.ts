import { describe, expect, it } from 'vitest'
import {
  buildSearchIndex,
  findMatch,
  fold,
  MAX_QUERY_LENGTH,
  normalizeQuery,
  searchFields,
} from '../../src/renderer/src/listing/search-index'
import { summary, usage } from '../support/secret-summaries'

// "Search secrets" looks across every non-secret field of every secret and says where it matched
// (DESIGN §6.3): the pure index under the listing and the quick switcher.

const stripe = summary('stripe-live', {
  scope: 'workspace:Payments',
  fields: { headerName: 'X-Api-Key' },
  usages: [usage('deploy-script'), usage('spot:CodeCrafters')],
  tags: ['billing', 'prod'],
  notes: 'Rotate before the Q3 audit.\nOwner: payments team',
})
const okta = summary('okta-sso', {
  type: 'client-credentials',
  scope: 'organization',
  availability: 'organization',
  fields: { clientId: 'acme-portal', url: 'https://login.acme.test/oauth2/token' },
})
const mtls = summary('mtls-gateway', {
  type: 'certificate',
  certificateNames: {
    subject: 'CN=gateway.internal.example.com, O=Acme',
    issuer: 'CN=Acme Issuing CA 2, O=Acme',
    subjectAltNames: ['DNS:gateway.internal.example.com', 'DNS:gw.acme.test'],
  },
})
const env = summary('analytics-env', { type: 'key-value', keys: ['SEGMENT_WRITE_KEY', 'REGION'] })
const all = [stripe, okta, mtls, env]

function hits(query: string): string[] {
  const index = buildSearchIndex(all)
  const needle = normalizeQuery(query)
  return all.filter((secret) => index.matches(secret, needle)).map((secret) => secret.name)
}

describe('what search looks at', () => {
  it('every non-secret field, each under the label the details give it, the name first', () => {
    expect(searchFields(stripe).map((f) => `${f.label}: ${f.text}`)).toEqual([
      'Secret name: stripe-live',
      'Header name: X-Api-Key',
      'Tag: billing',
      'Tag: prod',
      'Notes: Rotate before the Q3 audit.\nOwner: payments team',
      'Used by: deploy-script',
      'Used by: spot:CodeCrafters',
    ])
    expect(searchFields(okta).map((f) => f.label)).toEqual(['Secret name', 'Client ID', 'URL'])
    expect(searchFields(mtls).map((f) => f.label)).toEqual([
      'Secret name',
      'Certificate subject',
      'Certificate issuer',
      'Subject alternative name',
      'Subject alternative name',
    ])
    expect(searchFields(env).map((f) => `${f.label}: ${f.text}`)).toEqual([
      'Secret name: analytics-env',
      'Key: SEGMENT_WRITE_KEY',
      'Key: REGION',
    ])
  })

  it('finds a secret by any of them, whatever the case', () => {
    expect(hits('x-api')).toEqual(['stripe-live'])
    expect(hits('ACME-PORTAL')).toEqual(['okta-sso'])
    expect(hits('login.acme.test')).toEqual(['okta-sso'])
    expect(hits('gateway.internal')).toEqual(['mtls-gateway'])
    expect(hits('issuing ca')).toEqual(['mtls-gateway'])
    expect(hits('gw.acme')).toEqual(['mtls-gateway'])
    expect(hits('segment_write')).toEqual(['analytics-env'])
    expect(hits('billing')).toEqual(['stripe-live'])
    expect(hits('q3 audit')).toEqual(['stripe-live'])
    expect(hits('codecrafters')).toEqual(['stripe-live'])
    expect(hits('acme')).toEqual(['okta-sso', 'mtls-gateway'])
  })

  it('never joins the end of one field to the start of the next', () => {
    // "stripe-live" then "X-Api-Key": "livex" would only exist across the boundary.
    expect(hits('livex')).toEqual([])
    expect(hits('live x')).toEqual([])
  })

  it('an empty or blank query finds everything; surrounding spaces do not count', () => {
    expect(hits('')).toEqual(all.map((s) => s.name))
    expect(hits('   ')).toEqual(all.map((s) => s.name))
    expect(hits('  okta ')).toEqual(['okta-sso'])
  })

  it('finds nothing that is not there', () => {
    expect(hits('no-such-text')).toEqual([])
  })
})

describe('where a hit was found', () => {
  it('is the first field that holds it, with the span marked in the original text', () => {
    expect(findMatch(stripe, normalizeQuery('STRIPE'))).toEqual({
      label: 'Secret name',
      text: 'stripe-live',
      start: 0,
      end: 6,
    })
    expect(findMatch(stripe, normalizeQuery('api-key'))).toEqual({
      label: 'Header name',
      text: 'X-Api-Key',
      start: 2,
      end: 9,
    })
    expect(findMatch(stripe, normalizeQuery('owner'))).toMatchObject({
      label: 'Notes',
      start: 28,
      end: 33,
    })
    expect(findMatch(mtls, normalizeQuery('gateway.internal'))).toMatchObject({
      label: 'Certificate subject',
      start: 3,
    })
    expect(findMatch(stripe, normalizeQuery('nothing'))).toBeNull()
    expect(findMatch(stripe, '')).toBeNull()
  })
})

describe('folding to lower case', () => {
  it('keeps every string the length it was, so offsets mark the original characters', () => {
    // "İ" is the one character whose lower case is longer ("i̇"): it is kept as it is.
    for (const text of ['Straße', 'İstanbul-key', 'ΣΊΣΥΦΟΣ', 'MIXED-Case_09', '𝐀𝐁-emoji-🔑']) {
      expect(fold(text)).toHaveLength(text.length)
    }
    expect(fold('İstanbul-KEY')).toBe('İstanbul-key')
    const named = summary('vault', { notes: 'Owned by İlker in IZMIR' })
    expect(findMatch(named, normalizeQuery('izmir'))).toMatchObject({ start: 18, end: 23 })
  })
})

describe('the query', () => {
  it('is cut to its limit, trimmed and folded; control characters become spaces', () => {
    expect(normalizeQuery('  X-Api\u0000Key\u001b ')).toBe('x-api key')
    expect(normalizeQuery('a'.repeat(MAX_QUERY_LENGTH + 50))).toHaveLength(MAX_QUERY_LENGTH)
  })
})

describe('the index', () => {
  it('filters any list drawn from the secrets, keeping its order', () => {
    const index = buildSearchIndex(all)
    const reversed = [...all].reverse()
    expect(index.filter(reversed, 'acme').map((s) => s.name)).toEqual(['mtls-gateway', 'okta-sso'])
    expect(index.filter(reversed, '').map((s) => s.name)).toEqual(reversed.map((s) => s.name))
    // The same list again (its texts now made) answers the same.
    expect(index.filter(reversed, 'acme').map((s) => s.name)).toEqual(['mtls-gateway', 'okta-sso'])
  })

  it('warms a slice at a time, as long as it is let, and says when it is done', () => {
    const fresh = all.map((secret) => ({ ...secret }))
    const index = buildSearchIndex(fresh)
    let budget = 2
    expect(index.warm(() => budget-- > 0)).toBe(false)
    expect(index.warm(() => false)).toBe(false)
    expect(index.warm()).toBe(true)
    expect(index.warm(() => false)).toBe(true)
    expect(index.filter(fresh, 'x-api').map((s) => s.name)).toEqual(['stripe-live'])
  })

  it('answers for a new list in which one secret changed, the changed one included', () => {
    const index = buildSearchIndex(all)
    index.warm()
    const starred = [{ ...stripe, favourite: true }, okta, mtls, env]
    const again = buildSearchIndex(starred)
    expect(again.filter(starred, 'acme').map((s) => s.name)).toEqual(['okta-sso', 'mtls-gateway'])
    expect(again.matches(starred[0]!, 'x-api')).toBe(true)
  })
})
