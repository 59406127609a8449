/**
 * Reminders while the vault is locked (DESIGN §2, §4), with a fake clock and fake timers: the copy
 * kept at lock holds no value, previous value or fingerprint key; a reminder that falls due while
 * locked is shown once and held; a deletion that falls due is announced once as waiting for the
 * unlock; at unlock the held reminders go into the ledger once, the engine does not show them
 * again, and its first pass carries out the deletion.
 */
import { describe, expect, it, afterEach } from 'vitest'
import { createLifecycleEngine } from '../../src/main/lifecycle/lifecycle-engine'
import {
  createLockedLifecycle,
  metadataOnly,
  recordHeld,
} from '../../src/main/lifecycle/locked-lifecycle'
import { recordingNotifier } from '../../src/main/lifecycle/notifier'
import { useSecret } from '../../src/main/usage/secret-use'
import { VaultStore } from '../../src/main/vault/vault-store'
import { fakeTimers } from '../support/fake-timers'
import { createTestVault, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const T0 = Date.parse('2030-02-01T00:00:00.000Z')
const DAY = 86_400_000
const iso = (day: number): string => new Date(T0 + day * DAY).toISOString()
const VALUE = 'sk_live_locked_reminders_7d1e'

afterEach(removeTempDirs)

async function vaultWith(names: string[]) {
  const vault = await createTestVault(makeTempDir('locked-lifecycle'))
  vault.clock.set(iso(0))
  await vault.service.addWorkspace('Payments')
  for (const name of names) {
    await vault.service.register({
      type: 'api-key',
      name,
      scope: { kind: 'workspace', workspace: 'Payments' },
      fields: { headerName: 'X-Api-Key', value: `${VALUE}-${name}` },
    })
  }
  return vault
}

describe('the copy kept at lock', () => {
  it('holds names, scopes, dates and the ledger: no value, previous value or fingerprint key', async () => {
    const vault = await vaultWith(['stripe-live'])
    const state = vault.store.state
    const [stored] = Object.values(state.secrets)
    // Notes, tags and the previous value as an edit leaves them.
    const secrets = {
      [stored!.id]: {
        ...stored!,
        notes: 'rotate with the billing team',
        tags: ['billing'],
        previous: {
          values: { value: 'sk_live_previous_0001' },
          keys: [],
          certificate: null,
          expiresAt: null,
          replacedAt: iso(0),
        },
      },
    }
    const copy = metadataOnly({ ...state, secrets })
    const text = JSON.stringify(copy)
    expect(text).not.toContain('sk_live_previous_0001')
    expect(text).not.toContain(VALUE)
    expect(text).not.toContain(vault.store.state.fingerprintKey)
    expect(text).not.toContain('X-Api-Key')
    expect(text).not.toContain('billing')
    const [secret] = Object.values(copy.secrets)
    expect(secret).toMatchObject({
      name: 'stripe-live',
      scope: { kind: 'workspace', workspace: 'Payments' },
      values: {},
      lastActivityAt: iso(0),
    })
    expect(secret).not.toHaveProperty('previous')
    expect(copy.audit).toEqual([])
    expect(copy.fingerprintKey).toBe('')
  })
})

describe('while locked', () => {
  it('shows a reminder that falls due once, holds it, and looks again within 60 s', async () => {
    const vault = await vaultWith(['stripe-live'])
    const copy = metadataOnly(vault.store.state)
    const notifier = recordingNotifier()
    const timers = fakeTimers()
    const locked = createLockedLifecycle({ state: copy, clock: vault.clock, notifier, timers })
    vault.clock.set(iso(29))
    locked.start()
    expect(notifier.shown).toEqual([])
    expect(timers.asked.at(-1)).toBe(60_000)
    vault.clock.set(iso(30))
    timers.fireAll()
    timers.fireAll()
    expect(notifier.shown.map((n) => n.title)).toEqual(['"stripe-live" is inactive'])
    expect(JSON.stringify(notifier.shown)).not.toContain(VALUE)
    expect(locked.held().map((r) => r.kind)).toEqual(['inactive'])
    locked.stop()
    expect(timers.armed.size).toBe(0)
  })

  it('announces a deletion that falls due once, as waiting for the unlock', async () => {
    const vault = await vaultWith(['stripe-live'])
    const copy = metadataOnly(vault.store.state)
    const notifier = recordingNotifier()
    const timers = fakeTimers()
    const locked = createLockedLifecycle({ state: copy, clock: vault.clock, notifier, timers })
    vault.clock.set(iso(61))
    locked.start()
    timers.fireAll()
    locked.poke()
    timers.fireAll()
    expect(notifier.shown.map((n) => n.title)).toEqual(['"stripe-live" is due for deletion'])
    expect(notifier.shown[0]?.body).toMatch(
      /will be deleted when Safehold is unlocked, or by the next "safehold" command\.$/,
    )
    // Nothing of it goes to the ledger: the deletion at unlock records what happened.
    expect(locked.held()).toEqual([])
  })
})

describe('at unlock', () => {
  it('writes the held reminders once, the engine shows none again, and carries out the deletion', async () => {
    const vault = await vaultWith(['stripe-live', 'github-ci'])
    // Used on day 5: github-ci turns inactive five days after stripe-live, and is not yet due.
    vault.clock.set(iso(5))
    await useSecret(vault.store, vault.clock, { ref: { name: 'github-ci' }, consumer: 'ci' })
    const copy = metadataOnly(vault.store.state)
    const notifier = recordingNotifier()
    const timers = fakeTimers()
    const locked = createLockedLifecycle({ state: copy, clock: vault.clock, notifier, timers })
    vault.clock.set(iso(30))
    locked.start()
    vault.clock.set(iso(36))
    timers.fireAll()
    vault.clock.set(iso(61))
    timers.fireAll()
    const held = locked.held()
    expect(held.map((r) => `${r.secretName} ${r.kind} ${r.offsetDays}`)).toEqual([
      'stripe-live inactive 30',
      'github-ci inactive 30',
      'github-ci deletion-reminder 10',
    ])
    expect(notifier.shown.map((n) => n.title)).toEqual([
      '"stripe-live" is inactive',
      '"github-ci" is inactive',
      '"github-ci" will be deleted in 4 days',
      '"stripe-live" is due for deletion',
    ])
    locked.stop()

    // Unlocked: the store opens again with the same key.
    const store = await VaultStore.open(vault.dir, vault.vaultId, vault.key, { clock: vault.clock })
    await recordHeld(store, held)
    await recordHeld(store, held)
    const engineNotifier = recordingNotifier()
    const engine = createLifecycleEngine({
      store,
      clock: vault.clock,
      notifier: engineNotifier,
      shown: held.map((r) => r.id),
    })
    const pass = await engine.runOnce()
    expect(pass.deleted).toHaveLength(1)
    const kinds = store.state.notifications.map((r) => `${r.secretName} ${r.kind}`)
    expect(kinds).toEqual([
      'stripe-live inactive',
      'github-ci inactive',
      'github-ci deletion-reminder',
      'stripe-live deleted',
    ])
    expect(engineNotifier.shown.map((n) => n.title)).toEqual(['"stripe-live" was deleted'])
    expect(store.state.audit.filter((entry) => entry.action === 'reminder')).toHaveLength(3)
  })
})
