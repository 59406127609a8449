import { describe, expect, it } from 'vitest'
import { nameTakenMessage } from '../../src/shared/name-text'
import type { SecretDetails, SecretSummary } from '../../src/shared/secret-view'
import {
  checkMetadata,
  initialMetadata,
  metadataChange,
  metadataDirty,
} from '../../src/renderer/src/dialogs/edit/edit-metadata'

// The edit dialog sends main only what the user changed of the name, availability, notes and
// tags, and refuses a taken name with main's own NAME_TAKEN text before it asks.

function summary(overrides: Partial<SecretSummary>): SecretSummary {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'stripe-live',
    type: 'api-key',
    scope: 'organization',
    availability: 'organization',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt: null,
    expiresAt: null,
    status: 'active',
    deletesAt: null,
    usages: [],
    fields: { headerName: 'Authorization' },
    keys: [],
    certificateNames: null,
    notes: 'Rotated by billing.\nAsk Ada.',
    tags: ['prod', 'billing'],
    favourite: false,
    ...overrides,
  }
}

const details: SecretDetails = {
  ...summary({}),
  certificate: null,
  hasPrivateKey: false,
  fingerprint: '0a1b2c3d',
  previous: null,
}

const others = [
  summary({ id: '00000000-0000-4000-8000-000000000002', name: 'okta-sso' }),
  summary({
    id: '00000000-0000-4000-8000-000000000003',
    name: 'legacy-mailer',
    status: 'scheduled-for-deletion',
  }),
  summary({ id: '00000000-0000-4000-8000-000000000004', name: 'paypal', scope: 'personal' }),
]

describe('what the edit dialog sends of the metadata', () => {
  it('sends nothing for an untouched form, and the form is not dirty', () => {
    const draft = initialMetadata(details)
    expect(metadataChange(details, draft)).toEqual({})
    expect(metadataDirty(details, draft)).toBe(false)
    expect(checkMetadata(details, draft, others)).toEqual({})
  })

  it('sends each changed field alone', () => {
    const draft = initialMetadata(details)
    expect(metadataChange(details, { ...draft, name: 'stripe-live-eu' })).toEqual({
      name: 'stripe-live-eu',
    })
    expect(metadataChange(details, { ...draft, availability: 'Bytebards' })).toEqual({
      availability: { kind: 'spot', spot: 'Bytebards' },
    })
    expect(metadataChange(details, { ...draft, notes: '' })).toEqual({ notes: '' })
    expect(metadataChange(details, { ...draft, tags: ['billing', 'prod'] })).toEqual({
      tags: ['billing', 'prod'],
    })
  })

  it('counts a tag still typed in the field as a change, and as unsaved work', () => {
    const draft = { ...initialMetadata(details), tagText: 'eu' }
    expect(metadataChange(details, draft)).toEqual({ tags: ['prod', 'billing', 'eu'] })
    expect(metadataDirty(details, { ...draft, tagText: 'not valid!' })).toBe(true)
  })

  it('sends no availability for a secret outside the organization', () => {
    const personal = { ...details, scope: 'personal', availability: null }
    const draft = { ...initialMetadata(personal), availability: 'Bytebards' as const }
    expect(metadataChange(personal, draft)).toEqual({})
  })
})

describe('renaming in the edit dialog', () => {
  it('refuses a name the rule refuses, beside the name', () => {
    const draft = { ...initialMetadata(details), name: 'x' }
    expect(checkMetadata(details, draft, others)['name']).toMatch(/^Secret name must be 3–64/)
  })

  it('refuses a name taken in the same scope, whatever its case, with main’s text', () => {
    const draft = { ...initialMetadata(details), name: 'OKTA-SSO' }
    expect(checkMetadata(details, draft, others)['name']).toBe(
      nameTakenMessage('okta-sso', { kind: 'organization' }, false),
    )
  })

  it('says a name held by a secret scheduled for deletion is still taken', () => {
    const draft = { ...initialMetadata(details), name: 'legacy-mailer' }
    expect(checkMetadata(details, draft, others)['name']).toBe(
      nameTakenMessage('legacy-mailer', { kind: 'organization' }, true),
    )
  })

  it('allows a name used in another scope, and a new case of its own name', () => {
    expect(checkMetadata(details, { ...initialMetadata(details), name: 'paypal' }, others)).toEqual(
      {},
    )
    const ownCase = { ...initialMetadata(details), name: 'Stripe-Live' }
    expect(checkMetadata(details, ownCase, [...others, summary({})])).toEqual({})
    expect(metadataChange(details, ownCase)).toEqual({ name: 'Stripe-Live' })
  })
})
