/**
 * The journal ops of workspace rename, the favourite star and the purge of a previous value, as
 * pure functions of the state (replayed the same way by every process), and what a lifecycle pass
 * plans for a previous value: its purge at replacedAt + 30 days, and that moment as `next`.
 */
import { describe, expect, it } from 'vitest'
import { planPass } from '../../src/main/lifecycle/pass-plan'
import { earliestDeletion } from '../../src/main/vault/snapshot-file'
import {
  applyOps,
  DEFAULT_SETTINGS,
  dropsCiphertext,
  secretByName,
  type StoredSecret,
  type VaultState,
} from '../../src/main/vault/vault-state'

const T0 = Date.parse('2030-03-01T00:00:00.000Z')
const DAY = 86_400_000
const iso = (day: number): string => new Date(T0 + day * DAY).toISOString()

function secret(id: string, name: string, over: Partial<StoredSecret> = {}): StoredSecret {
  return {
    id,
    name,
    type: 'api-key',
    scope: { kind: 'workspace', workspace: 'Payments' },
    availability: null,
    fields: { headerName: 'X-Api-Key' },
    values: { value: `value-of-${name}` },
    keys: [],
    certificate: null,
    createdAt: iso(0),
    updatedAt: iso(0),
    lastUsedAt: null,
    lastActivityAt: iso(0),
    expiresAt: null,
    scheduledAt: null,
    usages: {},
    ...over,
  }
}

function state(...secrets: StoredSecret[]): VaultState {
  return {
    profile: { organization: 'Acme', user: 'Ada', role: 'account-holder' },
    workspaces: ['Payments', 'Platform'],
    secrets: Object.fromEntries(secrets.map((s) => [s.id, s])),
    fingerprintKey: '',
    audit: [],
    notifications: [],
    settings: DEFAULT_SETTINGS,
  }
}

const previous = (replacedAt: string) => ({
  values: { value: 'the-old-value' },
  keys: [],
  certificate: null,
  expiresAt: null,
  replacedAt,
})

describe('workspace.rename', () => {
  it('renames the workspace in place and moves only its secrets, which the name index follows', () => {
    const s = state(
      secret('a', 'stripe-live'),
      secret('b', 'other', { scope: { kind: 'workspace', workspace: 'Platform' } }),
      secret('c', 'mine', { scope: { kind: 'personal' } }),
    )
    const before = s.secrets['a']
    // Build the index first, so the op must keep it right.
    expect(secretByName(s, 'stripe-live', { kind: 'workspace', workspace: 'payments' })).toBe(
      before,
    )
    applyOps(s, [{ op: 'workspace.rename', from: 'Payments', to: 'Billing' }])
    expect(s.workspaces).toEqual(['Billing', 'Platform'])
    expect(s.secrets['a']!.scope).toEqual({ kind: 'workspace', workspace: 'Billing' })
    expect(s.secrets['a']).not.toBe(before)
    expect(before!.scope).toEqual({ kind: 'workspace', workspace: 'Payments' })
    expect(s.secrets['b']!.scope).toEqual({ kind: 'workspace', workspace: 'Platform' })
    expect(s.secrets['c']!.scope).toEqual({ kind: 'personal' })
    expect(secretByName(s, 'STRIPE-LIVE', { kind: 'workspace', workspace: 'billing' })?.id).toBe(
      'a',
    )
    expect(secretByName(s, 'stripe-live', { kind: 'workspace', workspace: 'Payments' })).toBe(
      undefined,
    )
  })

  it('of a workspace that is not there (already renamed by a replay) changes nothing', () => {
    const s = state(secret('a', 'stripe-live'))
    applyOps(s, [{ op: 'workspace.rename', from: 'Research', to: 'Science' }])
    expect(s.workspaces).toEqual(['Payments', 'Platform'])
  })
})

describe('secret.favourite', () => {
  it('stars a secret as a new object, and touches nothing else', () => {
    const s = state(secret('a', 'stripe-live'))
    const before = s.secrets['a']!
    applyOps(s, [{ op: 'secret.favourite', id: 'a', favourite: true }])
    expect(s.secrets['a']).toEqual({ ...before, favourite: true })
    expect(s.secrets['a']).not.toBe(before)
    applyOps(s, [{ op: 'secret.favourite', id: 'gone', favourite: true }])
    expect(Object.keys(s.secrets)).toEqual(['a'])
  })
})

describe('previous.purge', () => {
  it('drops the previous value it names, and only that one', () => {
    const s = state(secret('a', 'stripe-live', { previous: previous(iso(0)) }))
    applyOps(s, [{ op: 'previous.purge', id: 'a', replacedAt: iso(-5) }])
    expect(s.secrets['a']!.previous?.replacedAt).toBe(iso(0))
    applyOps(s, [{ op: 'previous.purge', id: 'a', replacedAt: iso(0) }])
    expect(s.secrets['a']!.previous).toBeNull()
    expect(s.secrets['a']!.values).toEqual({ value: 'value-of-stripe-live' })
  })

  it('drops ciphertext, as a removal does, so the snapshot is rewritten', () => {
    expect(dropsCiphertext({ op: 'previous.purge', id: 'a', replacedAt: iso(0) })).toBe(true)
    expect(dropsCiphertext({ op: 'secret.remove', id: 'a' })).toBe(true)
    expect(dropsCiphertext({ op: 'secret.favourite', id: 'a', favourite: true })).toBe(false)
    expect(dropsCiphertext({ op: 'workspace.rename', from: 'a', to: 'b' })).toBe(false)
  })
})

describe('a lifecycle pass and a previous value', () => {
  // Used on day 20: the automatic deletion is on day 80, far after the purge on day 40.
  const edited = () =>
    secret('a', 'stripe-live', { lastActivityAt: iso(20), previous: previous(iso(10)) })

  it('plans the purge for replacedAt + 30 days, and that instant as the next moment', () => {
    const s = state(edited())
    const early = planPass(s, T0 + 39 * DAY, false)
    expect(early.purges).toEqual([])
    expect(early.next).toBe(T0 + 40 * DAY)
    const due = planPass(s, T0 + 40 * DAY, false)
    expect(due.purges).toEqual([{ secret: s.secrets['a'], dueAt: T0 + 40 * DAY }])
    expect(due.deletions).toEqual([])
  })

  it('a secret found quiet before is still purged at its moment', () => {
    const s = state(edited())
    expect(planPass(s, T0 + 21 * DAY, true).purges).toEqual([])
    expect(planPass(s, T0 + 41 * DAY, true).purges).toHaveLength(1)
  })

  it('a deletion that is due comes instead of the purge', () => {
    const s = state(secret('a', 'stripe-live', { previous: previous(iso(10)) }))
    const plan = planPass(s, T0 + 61 * DAY, false)
    expect(plan.deletions).toHaveLength(1)
    expect(plan.purges).toEqual([])
  })

  it('the bound a one-name read checks counts the purge as a deletion', () => {
    expect(earliestDeletion([edited()])).toBe(T0 + 40 * DAY)
    expect(earliestDeletion([secret('b', 'plain', { lastActivityAt: iso(20) })])).toBe(
      T0 + 80 * DAY,
    )
  })
})
