import { describe, expect, it } from 'vitest'
import { auditPage, type AuditFilter } from '../../src/main/secrets/audit-filter'
import type { AuditEntry, StoredSecret, VaultState } from '../../src/main/vault/vault-state'

// History's filters, as `safehold audit` has them: part of a secret's name (its name now or when
// the entry was written), since an instant, an action, a scope; newest first, in field labels.

const STRIPE = '11111111-1111-4111-8111-111111111111'
const OKTA = '22222222-2222-4222-8222-222222222222'
const GONE = '33333333-3333-4333-8333-333333333333'

function secret(id: string, name: string, scope: StoredSecret['scope']): StoredSecret {
  return { id, name, scope } as unknown as StoredSecret
}

const entry = (at: string, action: string, more: Partial<AuditEntry> = {}): AuditEntry => ({
  at,
  actor: 'Ada Admin',
  action,
  ...more,
})

const state = {
  secrets: {
    // Renamed from stripe-live to payments-key on Dec 5.
    [STRIPE]: secret(STRIPE, 'payments-key', { kind: 'organization' }),
    [OKTA]: secret(OKTA, 'okta-sso', { kind: 'workspace', workspace: 'Platform' }),
  },
  audit: [
    entry('2026-12-01T09:00:00.000Z', 'vault-created'),
    entry('2026-12-01T10:00:00.000Z', 'registered', {
      secretId: STRIPE,
      secretName: 'stripe-live',
    }),
    entry('2026-12-02T10:00:00.000Z', 'registered', { secretId: OKTA, secretName: 'okta-sso' }),
    entry('2026-12-03T10:00:00.000Z', 'used', {
      actor: 'deploy-script',
      secretId: STRIPE,
      secretName: 'stripe-live',
      detail: 'headerName, value',
    }),
    entry('2026-12-04T10:00:00.000Z', 'edited', {
      secretId: STRIPE,
      secretName: 'stripe-live',
      detail: 'changed headerName, value',
    }),
    entry('2026-12-05T10:00:00.000Z', 'renamed', {
      secretId: STRIPE,
      secretName: 'payments-key',
      detail: 'from "stripe-live" to "payments-key"',
    }),
    entry('2026-12-06T10:00:00.000Z', 'registered', { secretId: GONE, secretName: 'old-mailer' }),
    entry('2026-12-07T10:00:00.000Z', 'deleted', { secretId: GONE, secretName: 'old-mailer' }),
    entry('2026-12-08T10:00:00.000Z', 'workspace-added', { detail: 'Research' }),
  ],
} as unknown as VaultState

const page = (filter: AuditFilter) => auditPage(state, filter)
const shown = async (filter: AuditFilter) =>
  (await page(filter)).entries.map((row) => `${row.action} ${row.secret ?? '-'}`)

describe('the History filters', () => {
  it('lists every entry newest first, with the actions the log holds', async () => {
    const all = await page({})
    expect(all.total).toBe(9)
    expect(all.entries[0]).toMatchObject({ action: 'workspace-added', secret: null })
    expect(all.entries.at(-1)).toMatchObject({ action: 'vault-created' })
    expect(all.actions).toEqual([
      'deleted',
      'edited',
      'registered',
      'renamed',
      'used',
      'vault-created',
      'workspace-added',
    ])
  })

  it('finds a secret by part of its name in any case, its old name or its new one', async () => {
    const byOld = await shown({ secret: 'STRIPE' })
    const byNew = await shown({ secret: 'payments' })
    expect(byOld).toEqual(byNew)
    expect(byOld).toEqual([
      'renamed payments-key',
      'edited stripe-live',
      'used stripe-live',
      'registered stripe-live',
    ])
    expect(await shown({ secret: '  okta ' })).toEqual(['registered okta-sso'])
  })

  it('finds a deleted secret by the name its entries carry', async () => {
    expect(await shown({ secret: 'old-mailer' })).toEqual([
      'deleted old-mailer',
      'registered old-mailer',
    ])
  })

  it('keeps entries at or after `since`, of one action, and combines the filters', async () => {
    expect(await shown({ since: Date.parse('2026-12-07T10:00:00.000Z') })).toEqual([
      'workspace-added -',
      'deleted old-mailer',
    ])
    expect(await shown({ action: 'registered' })).toHaveLength(3)
    expect(
      await shown({ action: 'registered', since: Date.parse('2026-12-02T00:00:00Z'), secret: 'o' }),
    ).toEqual(['registered old-mailer', 'registered okta-sso'])
    expect(await page({ action: 'nothing-like-this' })).toMatchObject({ total: 0, entries: [] })
  })

  it('keeps the entries of the secrets in one scope, workspaces by name in any case', async () => {
    expect(await shown({ scope: { kind: 'workspace', workspace: 'platform' } })).toEqual([
      'registered okta-sso',
    ])
    expect(await shown({ scope: { kind: 'organization' } })).toHaveLength(4)
    expect(await shown({ scope: { kind: 'personal' } })).toEqual([])
  })

  it('names fields by their labels, never by their ids', async () => {
    const rows = (await page({ secret: 'stripe' })).entries
    expect(rows.find((row) => row.action === 'edited')?.detail).toBe('changed Header name, Value')
    expect(JSON.stringify(rows.filter((row) => row.action === 'edited'))).not.toMatch(/headerName/)
  })

  it('gives at most its limit of the newest entries, and counts them all', async () => {
    const limited = await auditPage(state, {}, 3)
    expect(limited.total).toBe(9)
    expect(limited.entries.map((row) => row.at)).toEqual([
      '2026-12-08T10:00:00.000Z',
      '2026-12-07T10:00:00.000Z',
      '2026-12-06T10:00:00.000Z',
    ])
  })

  it('reads a long log in steps, returning to the event loop between them', async () => {
    const long = {
      secrets: state.secrets,
      audit: Array.from({ length: 200_000 }, (_, index) =>
        entry(new Date(Date.parse('2026-01-01T00:00:00Z') + index * 60_000).toISOString(), 'used', {
          secretId: STRIPE,
          secretName: 'stripe-live',
        }),
      ),
    } as unknown as VaultState
    let turns = 0
    let going = true
    const count = (): void => {
      turns++
      if (going) setImmediate(count)
    }
    setImmediate(count)
    const found = await auditPage(long, { secret: 'payments', scope: { kind: 'organization' } })
    going = false
    expect(found.total).toBe(200_000)
    expect(found.entries).toHaveLength(2_000)
    // Twice over the log (names, then entries), 20 steps each.
    expect(turns).toBeGreaterThanOrEqual(40)
  })
})
