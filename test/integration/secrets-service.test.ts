/**
 * The SecretsService's happy paths on a real vault in a temporary folder, with a fake clock:
 * registering every credential type, editing (an empty secret field keeps the value), the
 * fingerprint, scheduling and cancelling deletion, deleting, availability and usage (§1–§3).
 * Values are read back only the way a consumer gets them: through useSecret.
 */
import { execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SafeholdError } from '../../src/shared/errors'
import type { RegisterRequest } from '../../src/shared/secret-requests'
import { memoryKeychain, type Keychain } from '../../src/main/keychain/keychain'
import { SecretsService } from '../../src/main/secrets/secrets-service'
import { useSecret } from '../../src/main/usage/secret-use'
import { createVault, openVault } from '../../src/main/vault/vault-access'
import type { VaultStore } from '../../src/main/vault/vault-store'

const OPENSSL = '/usr/bin/openssl'
const DAY = 86_400_000
/** Set once the certificate exists, so it is already valid at START (openssl stamps real time). */
let START = new Date(0)

let root = ''
let certDir = ''
let vaultCount = 0

interface TestVault {
  dir: string
  keychain: Keychain
  store: VaultStore
  service: SecretsService
  clock: { now(): Date }
  /** Moves the fake clock forward and returns the new instant as ISO text. */
  advance(days: number): string
  use(name: string, consumer: string, field?: string): Promise<string>
}

async function newVault(): Promise<TestVault> {
  const dir = join(root, `vault-${++vaultCount}`)
  const keychain = memoryKeychain()
  let now = START
  const clock = { now: () => now }
  const { store, protection } = await createVault(
    dir,
    {
      profile: { organization: 'Acme', user: 'ada', role: 'account-holder' },
      passphrase: null,
      now,
    },
    { keychain, passphrase: null },
  )
  return {
    dir,
    keychain,
    store,
    service: new SecretsService(store, clock, protection),
    clock,
    advance(days) {
      now = new Date(now.getTime() + days * DAY)
      return now.toISOString()
    },
    async use(name, consumer, field) {
      const request = { ref: { name }, consumer, ...(field === undefined ? {} : { field }) }
      return (await useSecret(store, clock, request)).value
    },
  }
}

const certFile = (name: string) => ({ fileName: name, data: readFileSync(join(certDir, name)) })

const apiKey = (over: Partial<RegisterRequest> = {}): RegisterRequest => ({
  type: 'api-key',
  name: 'stripe-live',
  scope: { kind: 'organization' },
  fields: { headerName: 'X-Api-Key', value: 'sk_live_first' },
  ...over,
})

async function refusalOf(work: Promise<unknown>): Promise<SafeholdError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error, 'expected a refusal').toBeInstanceOf(SafeholdError)
  return error as SafeholdError
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'safehold-service-'))
  certDir = join(root, 'certs')
  mkdirSync(certDir)
  execFileSync(
    OPENSSL,
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']
      .concat(['-keyout', 'client.key', '-out', 'client.pem', '-days', '90'])
      .concat(['-subj', '/O=Acme/CN=client.acme.test']),
    { cwd: certDir, stdio: 'pipe' },
  )
  START = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000)
}, 60_000)

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

let vault: TestVault

beforeEach(async () => {
  vault = await newVault()
})

describe('register', () => {
  it('registers an API Key for the entire organization, showing everything but the value', async () => {
    const { secret, warnings } = await vault.service.register(apiKey())
    expect(warnings).toEqual([])
    const at = START.toISOString()
    const { id, fingerprint, ...shown } = secret
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(fingerprint).toMatch(/^[0-9a-f]{8}$/)
    expect(shown).toEqual({
      name: 'stripe-live',
      type: 'api-key',
      scope: 'organization',
      availability: 'organization',
      createdAt: at,
      updatedAt: at,
      lastUsedAt: null,
      expiresAt: null,
      status: 'active',
      deletesAt: null,
      usages: [],
      fields: { headerName: 'X-Api-Key' },
      keys: [],
      certificate: null,
      certificateNames: null,
      hasPrivateKey: false,
      notes: '',
      tags: [],
      favourite: false,
      previous: null,
    })
    expect(JSON.stringify(secret)).not.toContain('sk_live_first')
    expect(await vault.use('stripe-live', 'deploy-script')).toBe('sk_live_first')
  })

  it('registers a Bearer Token in a workspace, spelled as the workspace is, with an expiration', async () => {
    await vault.service.addWorkspace('Payments')
    const { secret } = await vault.service.register({
      type: 'bearer-token',
      name: 'github-ci',
      scope: { kind: 'workspace', workspace: 'payments' },
      expiresAt: '2099-06-30',
      fields: { headerName: 'Authorization', headerValue: 'Bearer ghp_123' },
    })
    expect(secret).toMatchObject({
      scope: 'workspace:Payments',
      availability: null,
      expiresAt: '2099-06-30T23:59:59.999Z',
      fields: { headerName: 'Authorization' },
      status: 'active',
    })
    expect((await vault.service.list({ scope: 'workspace:Payments' })).map((s) => s.name)).toEqual([
      'github-ci',
    ])
    expect(await vault.use('github-ci', 'ci')).toBe('Bearer ghp_123')
  })

  it('registers Client Credentials for one Spot, with an http:// URL on localhost', async () => {
    const { secret } = await vault.service.register({
      type: 'client-credentials',
      name: 'okta-m2m',
      scope: { kind: 'organization' },
      availability: { kind: 'spot', spot: 'CodeCrafters' },
      fields: {
        clientId: 'svc-billing',
        url: 'http://localhost:8080/oauth/token',
        clientSecret: 'cs_first',
      },
    })
    expect(secret).toMatchObject({
      availability: 'spot:CodeCrafters',
      fields: { clientId: 'svc-billing', url: 'http://localhost:8080/oauth/token' },
    })
    expect(await vault.use('okta-m2m', 'spot:CodeCrafters')).toBe('cs_first')
    expect(await vault.use('okta-m2m', 'spot:CodeCrafters', 'clientId')).toBe('svc-billing')
  })

  it('registers a Certificate with its private key; its expiration is the certificate’s', async () => {
    const x509 = new X509Certificate(certFile('client.pem').data)
    const { secret, warnings } = await vault.service.register({
      type: 'certificate',
      name: 'mtls-client',
      scope: { kind: 'personal' },
      certificate: certFile('client.pem'),
      privateKey: certFile('client.key'),
    })
    expect(warnings).toEqual([])
    expect(secret).toMatchObject({
      type: 'certificate',
      scope: 'personal',
      availability: null,
      hasPrivateKey: true,
      expiresAt: new Date(x509.validTo).toISOString(),
      certificate: {
        fingerprintSha256: x509.fingerprint256,
        keyType: 'EC P-256',
        chainLength: 1,
      },
    })
    expect(secret.certificate?.subject).toContain('client.acme.test')
    expect(JSON.stringify(secret)).not.toContain('PRIVATE KEY')
    expect(await vault.use('mtls-client', 'curl')).toBe(x509.toString())
    expect(await vault.use('mtls-client', 'curl', 'privateKey')).toContain('BEGIN PRIVATE KEY')
  })

  it('registers a Key/Value secret, keeping the keys in order and the values hidden', async () => {
    const { secret } = await vault.service.register({
      type: 'key-value',
      name: 'app-env',
      scope: { kind: 'organization' },
      pairs: [
        { key: 'DATABASE_URL', value: 'postgres://app@db/app' },
        { key: 'API_TOKEN', value: 'tok en' },
      ],
    })
    expect(secret).toMatchObject({ keys: ['DATABASE_URL', 'API_TOKEN'], fields: {} })
    expect(JSON.stringify(secret)).not.toContain('postgres://app@db/app')
    expect(await vault.use('app-env', 'deploy', 'API_TOKEN')).toBe('tok en')
    expect(await vault.use('app-env', 'deploy')).toBe(
      "DATABASE_URL=postgres://app@db/app\nAPI_TOKEN='tok en'",
    )
  })

  it('lists every registered secret and records each registration in the audit log', async () => {
    await vault.service.register(apiKey())
    await vault.service.register(apiKey({ name: 'mailgun', scope: { kind: 'personal' } }))
    const listed = await vault.service.list()
    expect(listed.map((s) => [s.name, s.scope, s.status])).toEqual([
      ['mailgun', 'personal', 'active'],
      ['stripe-live', 'organization', 'active'],
    ])
    const registered = vault.store.state.audit.filter((e) => e.action === 'registered')
    expect(registered.map((e) => [e.actor, e.secretName])).toEqual([
      ['ada', 'stripe-live'],
      ['ada', 'mailgun'],
    ])
    expect(JSON.stringify(vault.store.state.audit)).not.toContain('sk_live_first')
  })
})

describe('edit', () => {
  it('keeps a secret field left empty while a changed non-secret field changes', async () => {
    const before = (await vault.service.register(apiKey())).secret
    const editedAt = vault.advance(3)
    const { secret } = await vault.service.edit({
      ref: { name: 'stripe-live' },
      fields: { headerName: 'X-Stripe-Key', value: '' },
    })
    expect(secret.fields).toEqual({ headerName: 'X-Stripe-Key' })
    expect(secret.updatedAt).toBe(editedAt)
    expect(secret.fingerprint).toBe(before.fingerprint)
    expect(await vault.use('stripe-live', 'deploy-script')).toBe('sk_live_first')
  })

  it('changes the fingerprint when the value changes, and back when it returns', async () => {
    const first = (await vault.service.register(apiKey())).secret.fingerprint
    const changed = await vault.service.edit({
      ref: { name: 'stripe-live' },
      fields: { value: 'sk_live_second' },
    })
    expect(changed.secret.fingerprint).not.toBe(first)
    expect(changed.secret.fields).toEqual({ headerName: 'X-Api-Key' })
    expect(await vault.use('stripe-live', 'deploy-script')).toBe('sk_live_second')

    const back = await vault.service.edit({
      ref: { name: 'stripe-live' },
      fields: { value: 'sk_live_first' },
    })
    expect(back.secret.fingerprint).toBe(first)
  })

  it('keeps the Client secret when only the URL changes', async () => {
    const before = await vault.service.register({
      type: 'client-credentials',
      name: 'okta-m2m',
      scope: { kind: 'personal' },
      fields: { clientId: 'svc', url: 'https://auth.example.com/token', clientSecret: 'cs_keep' },
    })
    const { secret } = await vault.service.edit({
      ref: { name: 'okta-m2m' },
      fields: { url: 'https://login.example.com/oauth2/token', clientSecret: '' },
    })
    expect(secret.fields).toEqual({
      clientId: 'svc',
      url: 'https://login.example.com/oauth2/token',
    })
    expect(secret.fingerprint).toBe(before.secret.fingerprint)
    expect(await vault.use('okta-m2m', 'me')).toBe('cs_keep')
  })

  it('keeps Key/Value values given empty, changes and adds the others', async () => {
    const before = await vault.service.register({
      type: 'key-value',
      name: 'app-env',
      scope: { kind: 'personal' },
      pairs: [
        { key: 'A', value: 'one' },
        { key: 'B', value: 'two' },
      ],
    })
    const kept = await vault.service.edit({
      ref: { name: 'app-env' },
      pairs: [{ key: 'A', value: '' }],
    })
    expect(kept.secret.fingerprint).toBe(before.secret.fingerprint)

    const { secret } = await vault.service.edit({
      ref: { name: 'app-env' },
      pairs: [
        { key: 'A', value: '' },
        { key: 'B', value: 'TWO' },
        { key: 'C', value: 'three' },
      ],
    })
    expect(secret.keys).toEqual(['A', 'B', 'C'])
    expect(secret.fingerprint).not.toBe(before.secret.fingerprint)
    expect(await vault.use('app-env', 'me')).toBe('A=one\nB=TWO\nC=three')
  })

  it('removes Key/Value keys, and may add one back under the same name', async () => {
    await vault.service.register({
      type: 'key-value',
      name: 'app-env',
      scope: { kind: 'personal' },
      pairs: [
        { key: 'A', value: 'one' },
        { key: 'B', value: 'two' },
        { key: 'C', value: 'three' },
      ],
    })
    const { secret } = await vault.service.edit({ ref: { name: 'app-env' }, removeKeys: ['B'] })
    expect(secret.keys).toEqual(['A', 'C'])
    expect(await vault.use('app-env', 'me')).toBe('A=one\nC=three')

    const again = await vault.service.edit({
      ref: { name: 'app-env' },
      removeKeys: ['A'],
      pairs: [{ key: 'A', value: 'uno' }],
    })
    expect(again.secret.keys).toEqual(['C', 'A'])
    expect(await vault.use('app-env', 'me')).toBe('C=three\nA=uno')
  })

  it('sets and clears an expiration date', async () => {
    await vault.service.register(apiKey())
    const set = await vault.service.edit({ ref: { name: 'stripe-live' }, expiresAt: '2099-01-31' })
    expect(set.secret.expiresAt).toBe('2099-01-31T23:59:59.999Z')
    const cleared = await vault.service.edit({ ref: { name: 'stripe-live' }, expiresAt: null })
    expect(cleared.secret.expiresAt).toBeNull()
  })
})

describe('deletion', () => {
  it('schedules a deletion 30 days out and cancels it, which counts as activity', async () => {
    await vault.service.register(apiKey())
    const scheduledAt = vault.advance(5)
    const scheduled = await vault.service.scheduleDeletion({ name: 'stripe-live' })
    expect(scheduled.status).toBe('scheduled-for-deletion')
    expect(scheduled.deletesAt).toBe(new Date(Date.parse(scheduledAt) + 30 * DAY).toISOString())
    expect(
      (await vault.service.list({ status: 'scheduled-for-deletion' })).map((s) => s.name),
    ).toEqual(['stripe-live'])

    const cancelledAt = vault.advance(20)
    const cancelled = await vault.service.cancelDeletion({ name: 'stripe-live' })
    expect(cancelled).toMatchObject({ status: 'active', deletesAt: null })

    vault.advance(29.9)
    expect((await vault.service.show({ name: 'stripe-live' })).status).toBe('active')
    vault.advance(0.1)
    expect(await vault.service.show({ name: 'stripe-live' })).toMatchObject({
      status: 'inactive',
      deletesAt: new Date(Date.parse(cancelledAt) + 60 * DAY).toISOString(),
    })
    expect(vault.store.state.audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['deletion-scheduled', 'deletion-cancelled']),
    )
  })

  it('a use of a secret scheduled for deletion cancels the deletion', async () => {
    await vault.service.register(apiKey())
    await vault.service.scheduleDeletion({ name: 'stripe-live' })
    vault.advance(10)
    const used = await useSecret(vault.store, vault.clock, {
      ref: { name: 'stripe-live' },
      consumer: 'deploy-script',
    })
    expect(used.reactivated).toBe(true)
    expect(await vault.service.show({ name: 'stripe-live' })).toMatchObject({
      status: 'active',
      deletesAt: null,
    })
  })

  it('deletes now: the secret is gone from the list, cannot be used, and its name is free', async () => {
    await vault.service.register(apiKey())
    await vault.service.register(apiKey({ name: 'keep-me' }))
    await vault.service.deleteNow({ name: 'stripe-live' })

    expect((await vault.service.list()).map((s) => s.name)).toEqual(['keep-me'])
    const notFound = 'No secret named "stripe-live". "safehold list" shows the secrets.'
    expect((await refusalOf(vault.service.show({ name: 'stripe-live' }))).message).toBe(notFound)
    const use = await refusalOf(vault.use('stripe-live', 'deploy-script'))
    expect([use.code, use.message]).toEqual(['NOT_FOUND', notFound])
    expect(vault.store.state.audit.at(-1)).toMatchObject({
      action: 'deleted',
      secretName: 'stripe-live',
    })

    const again = await vault.service.register(
      apiKey({ fields: { headerName: 'X', value: 'new' } }),
    )
    expect(again.secret.name).toBe('stripe-live')
    expect(await vault.use('stripe-live', 'deploy-script')).toBe('new')
  })

  it('is gone for another process that opens the vault afterwards', async () => {
    await vault.service.register(apiKey())
    await vault.service.deleteNow({ name: 'stripe-live' })
    const reopened = await openVault(vault.dir, { keychain: vault.keychain, passphrase: null })
    expect(Object.values(reopened.store.state.secrets)).toEqual([])
  })
})

describe('availability and usage', () => {
  it('refuses a Spot-only secret to any other consumer, logs the refusal, and serves its Spot', async () => {
    await vault.service.register(
      apiKey({ name: 'spot-key', availability: { kind: 'spot', spot: 'CodeCrafters' } }),
    )
    for (const consumer of ['deploy-script', 'spot:Bytebards']) {
      const refusal = await refusalOf(vault.use('spot-key', consumer))
      expect(refusal.code).toBe('USE_DENIED')
      expect(refusal.field).toBe('consumer')
      expect(refusal.message).toBe(
        `"spot-key" is available only to the Spot CodeCrafters; "${consumer}" may not use it.`,
      )
      expect(refusal.message).not.toContain('sk_live_first')
    }
    expect((await vault.service.show({ name: 'spot-key' })).usages).toEqual([])

    const reopened = await openVault(vault.dir, { keychain: vault.keychain, passphrase: null })
    const refused = reopened.store.state.audit.filter((e) => e.action === 'use-refused')
    expect(refused).toEqual([
      expect.objectContaining({ actor: 'deploy-script', secretName: 'spot-key' }),
      expect.objectContaining({ actor: 'spot:Bytebards', secretName: 'spot-key' }),
    ])
    expect(JSON.stringify(reopened.store.state.audit)).not.toContain('sk_live_first')

    expect(await vault.use('spot-key', 'spot:CodeCrafters')).toBe('sk_live_first')
    expect((await vault.service.show({ name: 'spot-key' })).usages.map((u) => u.consumer)).toEqual([
      'spot:CodeCrafters',
    ])
  })

  it('records first use, last use and count per consumer', async () => {
    await vault.service.register(apiKey())
    const t1 = vault.advance(1)
    await vault.use('stripe-live', 'deploy-script')
    const t2 = vault.advance(1)
    await vault.use('stripe-live', 'spot:NeuralNinjas')
    const t3 = vault.advance(1)
    await vault.use('stripe-live', 'deploy-script')
    await vault.use('stripe-live', 'deploy-script')

    const shown = await vault.service.show({ name: 'stripe-live' })
    expect(shown.usages).toEqual([
      { consumer: 'deploy-script', firstUsedAt: t1, lastUsedAt: t3, count: 3 },
      { consumer: 'spot:NeuralNinjas', firstUsedAt: t2, lastUsedAt: t2, count: 1 },
    ])
    expect(shown.lastUsedAt).toBe(t3)

    vault.advance(29.9)
    expect((await vault.service.show({ name: 'stripe-live' })).status).toBe('active')
  })
})
