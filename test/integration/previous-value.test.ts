/**
 * The previous value (DESIGN §1.1): an edit that replaces a value keeps the old one for 30 days,
 * write-only (only its fingerprint and dates are shown), restorable in one step that can itself be
 * undone; then the lifecycle pass purges it. On a real vault with a fixed clock; values are read
 * back only as a consumer gets them, through useSecret.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SafeholdError } from '../../src/shared/errors'
import type { RegisterRequest } from '../../src/shared/secret-requests'
import { createLifecycleEngine } from '../../src/main/lifecycle/lifecycle-engine'
import { recordingNotifier } from '../../src/main/lifecycle/notifier'
import { planPass } from '../../src/main/lifecycle/pass-plan'
import { useSecret } from '../../src/main/usage/secret-use'
import { fileDigests } from '../support/cli'
import { makeSelfSignedCertificate } from '../support/certs'
import {
  createTestVault,
  makeTempDir,
  removeTempDirs,
  type TestVault,
} from '../support/vault-fixtures'

const DAY = 86_400_000
let vault: TestVault
let t0 = 0
const at = (days: number): string => new Date(t0 + days * DAY).toISOString()

const apiKey = (over: Partial<RegisterRequest> = {}): RegisterRequest => ({
  type: 'api-key',
  name: 'stripe-live',
  scope: { kind: 'personal' },
  fields: { headerName: 'X-Api-Key', value: 'sk_live_first' },
  ...over,
})

const use = async (name: string, field?: string): Promise<string> =>
  (
    await useSecret(vault.store, vault.clock, {
      ref: { name },
      consumer: 'deploy-script',
      ...(field === undefined ? {} : { field }),
    })
  ).value

const show = (name: string) => vault.service.show({ name })
const edit = (name: string, fields: Record<string, string>) =>
  vault.service.edit({ ref: { name }, fields })
const restore = (name: string) => vault.service.restorePrevious({ name })

beforeEach(async () => {
  vault = await createTestVault(makeTempDir('previous'))
  // Certificates made now must be valid at the vault's "now": the vault's clock starts today.
  t0 = Math.ceil(Date.now() / 1000) * 1000 + 2000
  vault.clock.set(at(0))
})
afterEach(removeTempDirs)

describe('an edit that replaces a value', () => {
  it('keeps the old value as the previous one: its fingerprint and dates, never the value', async () => {
    const first = (await vault.service.register(apiKey())).secret
    expect(first.previous).toBeNull()
    vault.clock.set(at(2))
    const { secret } = await edit('stripe-live', { value: 'sk_live_second' })
    expect(secret.previous).toEqual({
      fingerprint: first.fingerprint,
      replacedAt: at(2),
      purgesAt: at(32),
    })
    expect(secret.fingerprint).not.toBe(first.fingerprint)
    expect(JSON.stringify(secret)).not.toContain('sk_live_first')
    expect(await use('stripe-live')).toBe('sk_live_second')
  })

  it('keeps only the latest previous value', async () => {
    await vault.service.register(apiKey())
    await edit('stripe-live', { value: 'sk_live_second' })
    const second = (await show('stripe-live')).fingerprint
    vault.clock.set(at(1))
    const { secret } = await edit('stripe-live', { value: 'sk_live_third' })
    expect(secret.previous).toMatchObject({ fingerprint: second, replacedAt: at(1) })
    await restore('stripe-live')
    expect(await use('stripe-live')).toBe('sk_live_second')
  })

  it('is not made by an edit of non-secret fields, notes or tags, which leaves it as it was', async () => {
    await vault.service.register(apiKey())
    expect((await edit('stripe-live', { headerName: 'Authorization' })).secret.previous).toBeNull()
    await edit('stripe-live', { value: 'sk_live_second' })
    const kept = (await show('stripe-live')).previous
    vault.clock.set(at(3))
    const { secret } = await vault.service.edit({
      ref: { name: 'stripe-live' },
      fields: { headerName: 'X-Key' },
      notes: 'rotated',
      tags: ['prod'],
    })
    expect(secret.previous).toEqual(kept)
  })

  it('is not made by typing the same value again', async () => {
    await vault.service.register(apiKey())
    expect((await edit('stripe-live', { value: 'sk_live_first' })).secret.previous).toBeNull()
  })
})

describe('Restore previous value', () => {
  it('swaps current and previous in one step, which can itself be undone', async () => {
    await vault.service.register(apiKey())
    const { secret: edited } = await edit('stripe-live', { value: 'sk_live_second' })
    vault.clock.set(at(5))
    const { secret: restored, warnings } = await restore('stripe-live')
    expect(warnings).toEqual([])
    expect(await use('stripe-live')).toBe('sk_live_first')
    expect(restored.fingerprint).toBe(edited.previous!.fingerprint)
    expect(restored.previous).toEqual({
      fingerprint: edited.fingerprint,
      replacedAt: at(5),
      purgesAt: at(35),
    })
    expect(restored.updatedAt).toBe(at(5))
    const history = await vault.service.history({ name: 'stripe-live' })
    expect(history.find((entry) => entry.action !== 'used')).toMatchObject({
      action: 'previous-value-restored',
      detail: `the value replaced on ${at(0).slice(0, 10)}`,
    })
    expect(JSON.stringify(history)).not.toMatch(/sk_live_/)

    await restore('stripe-live')
    expect(await use('stripe-live')).toBe('sk_live_second')
  })

  it('brings back a Key/Value secret’s keys and values as they were', async () => {
    await vault.service.register({
      type: 'key-value',
      name: 'app-env',
      scope: { kind: 'personal' },
      pairs: [{ key: 'DB_PASSWORD', value: 'old-pass' }],
    })
    await vault.service.edit({
      ref: { name: 'app-env' },
      pairs: [
        { key: 'DB_PASSWORD', value: 'new-pass' },
        { key: 'API_TOKEN', value: 'tok' },
      ],
    })
    expect((await show('app-env')).keys).toEqual(['DB_PASSWORD', 'API_TOKEN'])
    const { secret } = await restore('app-env')
    expect(secret.keys).toEqual(['DB_PASSWORD'])
    expect(await use('app-env')).toBe('DB_PASSWORD=old-pass')
  })

  it('brings back the expiration date that went with the value', async () => {
    await vault.service.register(apiKey({ expiresAt: at(100).slice(0, 10) }))
    const before = (await show('stripe-live')).expiresAt
    await vault.service.edit({
      ref: { name: 'stripe-live' },
      fields: { value: 'sk_live_second' },
      expiresAt: at(400).slice(0, 10),
    })
    const { secret } = await restore('stripe-live')
    expect(secret.expiresAt).toBe(before)
  })

  it('says so when the restored value has expired meanwhile', async () => {
    await vault.service.register(apiKey({ expiresAt: at(10).slice(0, 10) }))
    await vault.service.edit({
      ref: { name: 'stripe-live' },
      fields: { value: 'sk_live_second' },
      expiresAt: at(400).slice(0, 10),
    })
    vault.clock.set(at(12))
    const { secret, warnings } = await restore('stripe-live')
    expect(secret.status).toBe('expired')
    expect(warnings).toEqual([`The restored value expired on ${at(10).slice(0, 10)}.`])
  })

  it('brings back a certificate with its key and its facts', async () => {
    const dir = makeTempDir('previous-certs')
    const old = makeSelfSignedCertificate(dir, 'old', { days: 60 })
    const next = makeSelfSignedCertificate(dir, 'next', { days: 300 })
    const file = (name: string, pem: string) => ({ fileName: name, data: Buffer.from(pem) })
    await vault.service.register({
      type: 'certificate',
      name: 'mtls',
      scope: { kind: 'personal' },
      certificate: file('old.pem', old.certPem),
      privateKey: file('old.key', old.keyPem),
    })
    const { secret: replaced } = await vault.service.edit({
      ref: { name: 'mtls' },
      certificate: file('next.pem', next.certPem),
      privateKey: file('next.key', next.keyPem),
    })
    expect(replaced.certificate?.subject).toContain('next.example.com')
    const { secret } = await restore('mtls')
    expect(secret.certificate?.subject).toContain('old.example.com')
    expect(secret.expiresAt).toBe(old.notAfter)
    expect(secret.hasPrivateKey).toBe(true)
    expect(await use('mtls')).toBe(old.certPem)
    expect(await use('mtls', 'privateKey')).toBe(old.keyPem)
  })

  it('without a previous value is a clear error that changes nothing', async () => {
    await vault.service.register(apiKey())
    const before = fileDigests(vault.dir)
    const error = await restore('stripe-live').catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(SafeholdError)
    expect((error as SafeholdError).toInfo()).toEqual({
      code: 'NOT_FOUND',
      message:
        '"stripe-live" has no previous value to restore: an edit that replaces a value keeps the old one for 30 days.',
      field: 'previous',
    })
    expect(fileDigests(vault.dir)).toEqual(before)
  })

  it('needs the role that may edit the secret', async () => {
    await vault.service.register(apiKey({ scope: { kind: 'organization' } }))
    await edit('stripe-live', { value: 'sk_live_second' })
    await vault.service.updateProfile({ role: 'member', confirmDemotion: true })
    await expect(restore('stripe-live')).rejects.toMatchObject({ code: 'FORBIDDEN_SCOPE' })
    expect(await use('stripe-live')).toBe('sk_live_second')
  })
})

describe('after 30 days', () => {
  async function editedOnDayZero(): Promise<void> {
    await vault.service.register(apiKey())
    await edit('stripe-live', { value: 'sk_live_second' })
  }

  it('the lifecycle pass purges the previous value, audited, and plans for that moment', async () => {
    await editedOnDayZero()
    const engine = createLifecycleEngine({ ...vault, notifier: recordingNotifier() })
    // Used on day 20, so no deletion comes first; the purge is the next moment.
    vault.clock.set(at(20))
    await use('stripe-live')
    expect(planPass(vault.store.state, t0 + 20 * DAY, true).next).toBe(t0 + 30 * DAY)
    vault.clock.set(new Date(t0 + 30 * DAY - 1).toISOString())
    await engine.runOnce()
    expect((await show('stripe-live')).previous).not.toBeNull()

    vault.clock.set(at(30))
    await engine.runOnce()
    const secret = Object.values(vault.store.state.secrets)[0]!
    expect(secret.previous).toBeNull()
    expect(vault.store.state.audit.at(-1)).toMatchObject({
      actor: 'Safehold',
      action: 'previous-value-purged',
      secretName: 'stripe-live',
      detail: `the value replaced on ${at(0).slice(0, 10)}, kept 30 days`,
    })
    expect(planPass(vault.store.state, t0 + 30 * DAY, true).purges).toEqual([])
    // Nothing else changed: the current value is still served.
    expect(await use('stripe-live')).toBe('sk_live_second')
  })

  it('is gone to every reader at its moment, even before a pass purges it', async () => {
    await editedOnDayZero()
    vault.clock.set(at(30))
    expect((await show('stripe-live')).previous).toBeNull()
    await expect(restore('stripe-live')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'previous',
    })
  })

  it('a restore after the purge is refused and the current value stays', async () => {
    await editedOnDayZero()
    vault.clock.set(at(31))
    await createLifecycleEngine({
      ...vault,
      notifier: recordingNotifier(),
      remind: false,
    }).runOnce()
    await expect(restore('stripe-live')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await use('stripe-live')).toBe('sk_live_second')
  })

  it('the CLI’s deletions-only pass purges too; a deletion that is due comes first', async () => {
    await editedOnDayZero()
    await vault.service.register(apiKey({ name: 'idle-key' }))
    await edit('idle-key', { value: 'idle-second' })
    vault.clock.set(at(25))
    await use('stripe-live')
    // idle-key is never used again: its deletion (day 60) comes long after its purge (day 30).
    vault.clock.set(at(61))
    const pass = await createLifecycleEngine({
      ...vault,
      notifier: recordingNotifier(),
      remind: false,
    }).runOnce()
    expect(pass.deleted).toHaveLength(1)
    const [kept] = Object.values(vault.store.state.secrets)
    expect(kept).toMatchObject({ name: 'stripe-live', previous: null })
  })
})
