/**
 * Every channel's happy path through the router, on a real vault in a temporary folder, as the
 * window calls it: what comes back is metadata the UI shows, errors come back as values with the
 * message a user reads, and no response ever holds a value that was registered. Copy puts the
 * value on the clipboard and clears it 30 s later only if it is still there.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Channel, IpcRequest, IpcResponse, IpcResult } from '../../src/shared/ipc-contract'
import type { ErrorInfo } from '../../src/shared/errors'
import { localLoginName, openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { COPY_CONSUMER, memoryClipboard } from '../../src/main/usage/clipboard'
import { makeSelfSignedCertificate, pemBodyLines, type TestCertificate } from '../support/certs'
import { fixedClock } from '../support/vault-fixtures'

const OWN = { url: 'app://safehold/index.html' }
const VALUES = {
  apiKey: 'sk_live_51HqA9xKZ2vN0y8WqRouterTest',
  newApiKey: 'sk_live_rotated_7Lw0pQ2mRouterTest',
  bearer: 'eyJhbGciOiJIUzI1NiJ9.router-test.c2lnbmF0dXJl',
  clientSecret: 'cs_9f8e7d6c5b4a-router-test',
  spotOnly: 'spot-only-value-e1d2c3b4a5',
  kv: ['postgres://admin:hunter2-router@db:5432/app', 'redis-pass-router-42'],
}

let root = ''
let leaf: TestCertificate
let other: TestCertificate
let services: AppServices
let router: IpcRouter
const clipboard = memoryClipboard()
const log = vi.fn<(line: string) => void>()
const responses: unknown[] = []
const ids: Record<string, string> = {}

async function call<C extends Channel>(
  channel: C,
  request: IpcRequest<C>,
): Promise<IpcResult<IpcResponse<C>>> {
  const result = (await router.dispatch(channel, request, OWN)) as IpcResult<IpcResponse<C>>
  responses.push(result)
  return result
}

async function ok<C extends Channel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  const result = await call(channel, request)
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
  return result.value
}

async function fails<C extends Channel>(channel: C, request: IpcRequest<C>): Promise<ErrorInfo> {
  const result = await call(channel, request)
  if (result.ok) throw new Error(`${channel} succeeded, but should have failed`)
  return result.error
}

const file = (path: string, fileName: string) => ({
  fileName,
  dataBase64: readFileSync(path).toString('base64'),
})

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-ipc-router-'))
  const certs = join(root, 'certs')
  mkdirSync(certs)
  leaf = makeSelfSignedCertificate(certs, 'leaf', { algorithm: 'ec-p256' })
  other = makeSelfSignedCertificate(certs, 'other', { algorithm: 'rsa' })
  // openssl stamps real time: a clock a minute on finds both certificates valid.
  const clock = fixedClock(new Date(Date.now() + 60_000).toISOString())
  services = await openAppServices({
    vaultDir: join(root, 'vault'),
    keychain: memoryKeychain(),
    passphrase: null,
    clock,
    clipboard,
    createIfMissing: true,
  })
  router = createIpcRouter(services, { isOwnPage: sameOriginAs('app://safehold/'), log })
})

afterEach(() => {
  vi.useRealTimers()
})

afterAll(() => {
  services?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('the IPC router over a real vault', () => {
  it('creates the vault with the local user as its Account Holder (app:state)', async () => {
    expect(services.created).toBe(true)
    const state = await ok('app:state', {})
    expect(state).toEqual({
      vaultDir: join(root, 'vault'),
      profile: {
        organization: 'My organization',
        user: localLoginName(),
        role: 'account-holder',
        workspaces: [],
        protection: 'Key in Test keychain',
      },
    })
  })

  it('adds a workspace, and says so when it exists already (workspaces:add)', async () => {
    expect((await ok('workspaces:add', { name: 'Platform' })).workspaces).toEqual(['Platform'])
    expect(await fails('workspaces:add', { name: 'platform' })).toEqual({
      code: 'WORKSPACE_EXISTS',
      message: 'A workspace named "platform" already exists.',
      field: 'workspace',
    })
  })

  it('registers every credential type and returns metadata only (secrets:register)', async () => {
    const apiKey = await ok('secrets:register', {
      type: 'api-key',
      name: 'stripe-live',
      scope: { kind: 'organization' },
      fields: { headerName: 'Authorization', value: VALUES.apiKey },
    })
    expect(apiKey.warnings).toEqual([])
    expect(apiKey.secret).toMatchObject({
      name: 'stripe-live',
      type: 'api-key',
      scope: 'organization',
      availability: 'organization',
      status: 'active',
      fields: { headerName: 'Authorization' },
    })
    expect(apiKey.secret.fingerprint).toMatch(/^[0-9a-f]{8}$/)
    ids['api'] = apiKey.secret.id

    const bearer = await ok('secrets:register', {
      type: 'bearer-token',
      name: 'github-ci',
      scope: { kind: 'workspace', workspace: 'Platform' },
      expiresAt: '2031-06-30',
      fields: { headerName: 'Authorization', headerValue: VALUES.bearer },
    })
    expect(bearer.secret).toMatchObject({ scope: 'workspace:Platform', availability: null })
    expect(bearer.secret.expiresAt).toBe('2031-06-30T23:59:59.999Z')
    ids['bearer'] = bearer.secret.id

    const client = await ok('secrets:register', {
      type: 'client-credentials',
      name: 'auth0-m2m',
      scope: { kind: 'personal' },
      fields: {
        clientId: 'client-123',
        url: 'https://auth.example.com/oauth/token',
        clientSecret: VALUES.clientSecret,
      },
    })
    expect(client.secret.fields).toEqual({
      clientId: 'client-123',
      url: 'https://auth.example.com/oauth/token',
    })
    ids['client'] = client.secret.id

    const kv = await ok('secrets:register', {
      type: 'key-value',
      name: 'app-env',
      scope: { kind: 'personal' },
      pairs: [
        { key: 'DATABASE_URL', value: VALUES.kv[0]! },
        { key: 'REDIS_PASSWORD', value: VALUES.kv[1]! },
      ],
    })
    expect(kv.secret.keys).toEqual(['DATABASE_URL', 'REDIS_PASSWORD'])
    ids['kv'] = kv.secret.id

    const cert = await ok('secrets:register', {
      type: 'certificate',
      name: 'mtls-client',
      scope: { kind: 'organization' },
      availability: { kind: 'spot', spot: 'Bytebards' },
      certificate: file(leaf.certFile, 'leaf.pem'),
      privateKey: file(leaf.keyFile, 'leaf.key'),
    })
    expect(cert.secret).toMatchObject({
      availability: 'spot:Bytebards',
      hasPrivateKey: true,
      expiresAt: leaf.notAfter,
      certificate: { subject: leaf.subject, keyType: 'EC P-256', chainLength: 1 },
    })
    ids['cert'] = cert.secret.id

    const spotOnly = await ok('secrets:register', {
      type: 'api-key',
      name: 'spot-only',
      scope: { kind: 'organization' },
      availability: { kind: 'spot', spot: 'CodeCrafters' },
      fields: { headerName: 'X-Api-Key', value: VALUES.spotOnly },
    })
    ids['spot'] = spotOnly.secret.id
  })

  it('refuses a taken name and a broken rule with the message a user reads', async () => {
    expect(
      await fails('secrets:register', {
        type: 'api-key',
        name: 'STRIPE-live',
        scope: { kind: 'organization' },
        fields: { headerName: 'Authorization', value: 'another-value' },
      }),
    ).toEqual({
      code: 'NAME_TAKEN',
      message:
        'A secret named "stripe-live" already exists in the organization. Choose another name.',
      field: 'name',
    })
    expect(
      await fails('secrets:register', {
        type: 'api-key',
        name: 'x',
        scope: { kind: 'personal' },
        fields: { headerName: 'Authorization', value: 'v' },
      }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'name' })
    expect(
      await fails('secrets:register', {
        type: 'api-key',
        name: 'in-nowhere',
        scope: { kind: 'workspace', workspace: 'Nowhere' },
        fields: { headerName: 'Authorization', value: 'v' },
      }),
    ).toEqual({
      code: 'WORKSPACE_NOT_FOUND',
      message: 'There is no workspace "Nowhere". Existing workspaces: Platform.',
      field: 'scope',
    })
  })

  it('lists the secrets (secrets:list)', async () => {
    const list = await ok('secrets:list', {})
    expect(list.map((s) => s.name)).toEqual([
      'app-env',
      'auth0-m2m',
      'github-ci',
      'mtls-client',
      'spot-only',
      'stripe-live',
    ])
    expect(list.every((s) => s.status === 'active')).toBe(true)
  })

  it('shows one secret and its history (secrets:show, secrets:history)', async () => {
    const shown = await ok('secrets:show', { id: ids['api']! })
    expect(shown).toMatchObject({ id: ids['api'], name: 'stripe-live', usages: [] })
    const history = await ok('secrets:history', { id: ids['api']! })
    expect(history).toEqual([
      { at: expect.any(String) as string, actor: localLoginName(), action: 'registered' },
    ])
    expect(await fails('secrets:show', { id: '00000000-0000-4000-8000-000000000000' })).toEqual({
      code: 'NOT_FOUND',
      message: 'That secret no longer exists; it may have been deleted.',
    })
  })

  it('inspects a certificate in main and returns its facts only (certificates:inspect)', async () => {
    const inspected = await ok('certificates:inspect', {
      certificate: file(leaf.certFile, 'leaf.pem'),
      privateKey: file(leaf.keyFile, 'leaf.key'),
    })
    expect(inspected).toMatchObject({
      facts: { subject: leaf.subject, notAfter: leaf.notAfter, keyType: 'EC P-256' },
      hasPrivateKey: true,
      warnings: [],
    })
    expect(Object.keys(inspected).sort()).toEqual(['facts', 'hasPrivateKey', 'warnings'])
    const withoutKey = await ok('certificates:inspect', {
      certificate: file(leaf.certFile, 'leaf.pem'),
    })
    expect(withoutKey.hasPrivateKey).toBe(false)
    expect(
      await fails('certificates:inspect', {
        certificate: file(leaf.certFile, 'leaf.pem'),
        privateKey: file(other.keyFile, 'other.key'),
      }),
    ).toMatchObject({ code: 'KEY_MISMATCH', field: 'privateKey' })
    expect(
      await fails('certificates:inspect', {
        certificate: {
          fileName: 'junk.pem',
          dataBase64: Buffer.from('not a cert').toString('base64'),
        },
      }),
    ).toMatchObject({ code: 'CERT_INVALID' })
  })

  it('edits a secret, an empty secret field keeping its value (secrets:edit)', async () => {
    const edited = await ok('secrets:edit', {
      id: ids['api']!,
      fields: { headerName: 'X-Stripe-Key', value: '' },
    })
    expect(edited.secret.fields).toEqual({ headerName: 'X-Stripe-Key' })
    const before = (await ok('secrets:show', { id: ids['bearer']! })).fingerprint
    const rotated = await ok('secrets:edit', {
      id: ids['bearer']!,
      fields: { headerValue: `${VALUES.bearer}.rotated` },
    })
    expect(rotated.secret.fingerprint).not.toBe(before)
  })

  it('copies a value to the clipboard, records the use and returns only the delay (secrets:copy)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    expect(await ok('secrets:copy', { id: ids['api']! })).toEqual({
      clearsAfterSeconds: 30,
      reactivated: false,
    })
    // The edit above kept the value: the clipboard holds the registered one.
    expect(clipboard.readText()).toBe(VALUES.apiKey)
    await vi.advanceTimersByTimeAsync(29_999)
    expect(clipboard.readText()).toBe(VALUES.apiKey)
    await vi.advanceTimersByTimeAsync(1)
    expect(clipboard.readText()).toBe('')
    const shown = await ok('secrets:show', { id: ids['api']! })
    expect(shown.usages).toEqual([
      expect.objectContaining({ consumer: COPY_CONSUMER, count: 1 }) as unknown,
    ])
    expect(shown.lastUsedAt).not.toBeNull()
  })

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await ok('secrets:copy', { id: ids['kv']!, field: 'pair:REDIS_PASSWORD' })
    expect(clipboard.readText()).toBe(VALUES.kv[1])
    clipboard.writeText('something the user copied')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(clipboard.readText()).toBe('something the user copied')
  })

  it('gives a second copy its full 30 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await ok('secrets:copy', { id: ids['client']! })
    await vi.advanceTimersByTimeAsync(20_000)
    await ok('secrets:copy', { id: ids['client']! })
    await vi.advanceTimersByTimeAsync(29_000)
    expect(clipboard.readText()).toBe(VALUES.clientSecret)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(clipboard.readText()).toBe('')
  })

  it('refuses a copy the availability forbids, and leaves the clipboard untouched', async () => {
    clipboard.writeText('unrelated')
    expect(await fails('secrets:copy', { id: ids['spot']! })).toEqual({
      code: 'USE_DENIED',
      message: `"spot-only" is available only to the Spot CodeCrafters; "${COPY_CONSUMER}" may not use it.`,
      field: 'consumer',
    })
    expect(clipboard.readText()).toBe('unrelated')
    expect(await fails('secrets:copy', { id: ids['kv']!, field: 'pair:NOPE' })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'field',
    })
  })

  it('schedules and cancels a deletion (secrets:schedule-deletion, secrets:cancel-deletion)', async () => {
    const scheduled = await ok('secrets:schedule-deletion', {
      id: ids['client']!,
      confirm: 'DELETE',
    })
    expect(scheduled.status).toBe('scheduled-for-deletion')
    expect(scheduled.deletesAt).not.toBeNull()
    expect(
      await fails('secrets:schedule-deletion', { id: ids['client']!, confirm: 'DELETE' }),
    ).toEqual({
      code: 'INVALID_INPUT',
      message: '"auth0-m2m" is already scheduled for deletion.',
      field: 'name',
    })
    const cancelled = await ok('secrets:cancel-deletion', { id: ids['client']! })
    expect(cancelled).toMatchObject({ status: 'active', deletesAt: null })
  })

  it('deletes at once only with the typed confirmation (secrets:delete-now)', async () => {
    expect(
      await fails('secrets:delete-now', {
        id: ids['bearer']!,
        confirm: 'delete' as 'DELETE',
      }),
    ).toEqual({
      code: 'INVALID_INPUT',
      message: 'The request is not valid: confirm must be "DELETE".',
      field: 'confirm',
    })
    expect(await ok('secrets:delete-now', { id: ids['bearer']!, confirm: 'DELETE' })).toEqual({
      deleted: true,
    })
    expect(await fails('secrets:show', { id: ids['bearer']! })).toMatchObject({ code: 'NOT_FOUND' })
    expect((await ok('secrets:list', {})).map((s) => s.name)).not.toContain('github-ci')
  })

  it('updates the profile, asking before an Account Holder demotes itself (profile:update)', async () => {
    expect((await ok('profile:update', { user: 'Ada Lovelace' })).user).toBe('Ada Lovelace')
    expect(await fails('profile:update', { role: 'member' })).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      field: 'role',
    })
    expect(await ok('profile:update', { role: 'member', confirmDemotion: true })).toMatchObject({
      role: 'member',
    })
    expect(
      await fails('secrets:register', {
        type: 'api-key',
        name: 'member-try',
        scope: { kind: 'organization' },
        fields: { headerName: 'Authorization', value: 'member-value' },
      }),
    ).toMatchObject({ code: 'FORBIDDEN_SCOPE', field: 'scope' })
  })

  it('refuses a call from any page but our own', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/index.html', 'app://other/']) {
      expect(await router.dispatch('secrets:list', {}, { url })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER' },
      })
    }
  })

  it('sent no registered value in any response, and logged no unexpected failure', () => {
    const sent = JSON.stringify(responses)
    const secrets = [
      VALUES.apiKey,
      VALUES.bearer,
      VALUES.clientSecret,
      VALUES.spotOnly,
      ...VALUES.kv,
      ...pemBodyLines(leaf.certPem),
      ...pemBodyLines(leaf.keyPem),
    ]
    expect(responses.length).toBeGreaterThan(30)
    for (const value of secrets) expect(sent).not.toContain(value)
    expect(log).not.toHaveBeenCalled()
  })
})
