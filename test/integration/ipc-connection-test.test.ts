/**
 * "Test connection" through the IPC router (`secrets:test-connection`), as the window calls it:
 * the answer is the result in plain words and never a value; the network part runs outside the
 * vault queue, so a silent server holds up no other call; a Spot-only secret is refused and the
 * refusal is in its history; bad input is refused beside its field and records no use.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import type { Channel, IpcRequest, IpcResponse, IpcResult } from '../../src/shared/ipc-contract'
import { startHttpPeer, startSilentPeer, type Peer } from '../support/loopback-peers'

const OWN = { url: 'app://safehold/index.html' }
const API_KEY = 'sk_ipc_conn_6Rt2Vx9Q'
const SPOT_KEY = 'sk_ipc_spot_3Lp8Wd'

let root = ''
let services: AppServices
let router: IpcRouter
let api: Peer
let silent: Awaited<ReturnType<typeof startSilentPeer>>
const ids: Record<string, string> = {}
const answers: unknown[] = []

async function call<C extends Channel>(
  channel: C,
  request: IpcRequest<C>,
): Promise<IpcResult<IpcResponse<C>>> {
  const result = (await router.dispatch(channel, request, OWN)) as IpcResult<IpcResponse<C>>
  answers.push(result)
  return result
}

async function ok<C extends Channel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  const result = await call(channel, request)
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
  return result.value
}

async function usesOf(id: string): Promise<number> {
  const shown = await ok('secrets:show', { id })
  return shown.usages.find((usage) => usage.consumer === 'connection-test')?.count ?? 0
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-ipc-conn-'))
  api = await startHttpPeer(null, (request, response) => {
    response.statusCode = request.headers['x-api-key'] === API_KEY ? 204 : 401
    response.end()
  })
  silent = await startSilentPeer()
  services = await openAppServices({
    vaultDir: join(root, 'vault'),
    keychain: memoryKeychain(),
    passphrase: null,
    createIfMissing: true,
  })
  router = createIpcRouter(services, { isOwnPage: sameOriginAs('app://safehold/') })
  for (const [name, value, availability] of [
    ['svc-key', API_KEY, { kind: 'organization' }],
    ['spot-key', SPOT_KEY, { kind: 'spot', spot: 'Bytebards' }],
  ] as const) {
    const saved = await ok('secrets:register', {
      type: 'api-key',
      name,
      scope: { kind: 'organization' },
      availability,
      fields: { headerName: 'X-Api-Key', value },
    })
    ids[name] = saved.secret.id
  }
})

afterAll(async () => {
  services?.close()
  await Promise.all([api?.close(), silent?.close()])
  rmSync(root, { recursive: true, force: true })
  // Whatever went back to the window, no value went with it.
  const everything = JSON.stringify(answers)
  expect(everything).not.toContain(API_KEY)
  expect(everything).not.toContain(SPOT_KEY)
})

describe('secrets:test-connection', () => {
  it('answers in plain words and counts a use by connection-test', async () => {
    const result = await ok('secrets:test-connection', {
      id: ids['svc-key']!,
      url: `${api.origin}/me`,
    })
    expect(result).toEqual({
      works: true,
      outcome: 'works',
      message:
        'Connection works: the server answered 204 No Content to a request with the API key in the "X-Api-Key" header.',
      target: api.origin,
      httpStatus: 204,
      token: null,
      server: null,
      reactivated: false,
    })
    expect(await usesOf(ids['svc-key']!)).toBe(1)
  })

  it('holds up no other call while the server is silent', async () => {
    const pending = call('secrets:test-connection', {
      id: ids['svc-key']!,
      url: `http://${silent.origin}/`,
    })
    let settled = false
    void pending.then(() => (settled = true))
    while (silent.connections() === 0) await new Promise((done) => setTimeout(done, 10))
    // Queued behind the test, these would answer only after it settled.
    await ok('secrets:list', {})
    await ok('secrets:show', { id: ids['svc-key']! })
    expect(settled).toBe(false)
    // The server hangs up: the test ends with that, explained.
    await silent.close()
    const result = await pending
    expect(result).toMatchObject({ ok: true, value: { works: false, outcome: 'network' } })
  })

  it('refuses a Spot-only secret, and its history shows the refusal', async () => {
    const refused = await call('secrets:test-connection', {
      id: ids['spot-key']!,
      url: `${api.origin}/`,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'USE_DENIED' } })
    expect(api.requests.some((request) => request.headers['x-api-key'] === SPOT_KEY)).toBe(false)
    const history = await ok('secrets:history', { id: ids['spot-key']! })
    expect(history).toContainEqual(expect.objectContaining({ actor: 'connection-test' }))
    expect(await usesOf(ids['spot-key']!)).toBe(0)
  })

  it('refuses bad input beside its field and records no use', async () => {
    const before = await usesOf(ids['svc-key']!)
    const cases = [
      [{ url: 'javascript:alert(1)' }, 'url', /^URL is not an address/],
      [{ url: 'http://example.com/' }, 'url', /^URL uses http:\/\//],
      [{}, 'url', /^URL is needed/],
      [
        { url: `${api.origin}/`, ca: { fileName: 'ca.pem', dataBase64: 'AAAA' } },
        'ca',
        /^The CA file holds no readable certificate/,
      ],
    ] as const
    for (const [request, field, message] of cases) {
      const result = await call('secrets:test-connection', { id: ids['svc-key']!, ...request })
      expect(result.ok).toBe(false)
      if (result.ok) continue
      expect(result.error.field).toBe(field)
      expect(result.error.message).toMatch(message)
    }
    expect(await usesOf(ids['svc-key']!)).toBe(before)
  })
})
