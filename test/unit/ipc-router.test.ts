/**
 * The router's own guarantees, with stub handlers and no vault: the sender is checked before
 * anything else, unknown channels are refused, a channel is handled once, payloads are parsed
 * before a handler runs, responses lose every field the contract does not list, and an unexpected
 * failure leaves as a generic message that the log names by error name only.
 */
import { describe, expect, it, vi } from 'vitest'
import type { IpcResponse } from '../../src/shared/ipc-contract'
import { IpcRouter, UNEXPECTED_ERROR } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'

const OWN = { url: 'app://safehold/index.html' }
const ID = '0b9e1f64-3c1a-4d7e-9a55-3f0c2a6b7d10'
const VALUE = 'sk_live_do-not-leak-4242'

const details: IpcResponse<'secrets:show'> = {
  id: ID,
  name: 'stripe',
  type: 'api-key',
  scope: 'organization',
  availability: 'organization',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  lastUsedAt: null,
  expiresAt: null,
  status: 'active',
  deletesAt: null,
  usages: [],
  fields: { headerName: 'X-Api-Key' },
  keys: [],
  certificate: null,
  certificateNames: null,
  notes: '',
  tags: [],
  favourite: false,
  hasPrivateKey: false,
  fingerprint: '0a1b2c3d',
  previous: null,
}

function router(log = vi.fn<(line: string) => void>()) {
  return { log, router: new IpcRouter({ isOwnPage: sameOriginAs('app://safehold/'), log }) }
}

describe('IpcRouter', () => {
  it('refuses a second handler for the same channel, and channels outside the contract', () => {
    const { router: r } = router()
    r.handle('secrets:list', () => Promise.resolve([]))
    expect(() => r.handle('secrets:list', () => Promise.resolve([]))).toThrow(/already handled/)
    expect(() => r.handle('secrets:steal' as 'secrets:list', () => Promise.resolve([]))).toThrow(
      /not in the contract/,
    )
    expect(r.channels).toEqual(['secrets:list'])
  })

  it('checks the sender before the channel, so a stranger learns nothing', async () => {
    const { router: r } = router()
    const handler = vi.fn(() => Promise.resolve([]))
    r.handle('secrets:list', handler)
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/', '']) {
      for (const channel of ['secrets:list', 'secrets:steal', '__proto__']) {
        const result = await r.dispatch(channel, {}, { url })
        expect(result).toEqual({
          ok: false,
          error: { code: 'FORBIDDEN_SENDER', message: expect.any(String) as string },
        })
      }
    }
    expect(await r.dispatch('secrets:list', {}, null as unknown as { url: string })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
    expect(handler).not.toHaveBeenCalled()
  })

  it('refuses channels it does not handle, including inherited property names', async () => {
    const { router: r } = router()
    r.handle('secrets:list', () => Promise.resolve([]))
    for (const channel of ['secrets:steal', 'secrets:show', 'constructor', 'toString', '']) {
      expect(await r.dispatch(channel, {}, OWN)).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: 'Safehold does not know this request.' },
      })
    }
  })

  it('runs no handler for a payload that fails its schema, and names the bad path', async () => {
    const { router: r } = router()
    const handler = vi.fn(() => Promise.resolve(details))
    r.handle('secrets:show', handler)
    const result = await r.dispatch('secrets:show', { id: 42 }, OWN)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'The request is not valid: id must be text.',
        field: 'id',
      },
    })
    expect(handler).not.toHaveBeenCalled()
  })

  it('passes the parsed request and strips response fields the contract does not list', async () => {
    const { router: r } = router()
    r.handle('secrets:show', (request) => {
      expect(request).toEqual({ id: ID })
      return Promise.resolve({
        ...details,
        values: { value: VALUE },
      } as unknown as IpcResponse<'secrets:show'>)
    })
    const result = await r.dispatch('secrets:show', { id: ID }, OWN)
    expect(result).toEqual({ ok: true, value: details })
    expect(JSON.stringify(result)).not.toContain(VALUE)
  })

  it('turns a thrown SafeholdError into a value with its code, message and field', async () => {
    const { router: r } = router()
    const { SafeholdError } = await import('../../src/shared/errors')
    r.handle('secrets:show', () => {
      throw new SafeholdError('NOT_FOUND', 'That secret no longer exists.', 'id')
    })
    expect(await r.dispatch('secrets:show', { id: ID }, OWN)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That secret no longer exists.', field: 'id' },
    })
  })

  it('turns any other failure into a generic message, logged by the error name only', async () => {
    const { router: r, log } = router()
    r.handle('secrets:show', () => Promise.reject(new TypeError(`cannot read ${VALUE}`)))
    const result = await r.dispatch('secrets:show', { id: ID }, OWN)
    expect(result).toEqual({ ok: false, error: UNEXPECTED_ERROR })
    expect(log).toHaveBeenCalledWith('IPC secrets:show failed: TypeError')
    expect(JSON.stringify([result, log.mock.calls])).not.toContain(VALUE)
  })

  it('refuses a response that does not match the contract rather than sending it', async () => {
    const { router: r, log } = router()
    r.handle('secrets:show', () =>
      Promise.resolve({ value: VALUE } as unknown as IpcResponse<'secrets:show'>),
    )
    const result = await r.dispatch('secrets:show', { id: ID }, OWN)
    expect(result).toEqual({ ok: false, error: UNEXPECTED_ERROR })
    expect(log).toHaveBeenCalledWith('IPC secrets:show: the response did not match the contract')
    expect(JSON.stringify([result, log.mock.calls])).not.toContain(VALUE)
  })

  it('runs one call at a time, in the order they came', async () => {
    const { router: r } = router()
    const events: string[] = []
    let release: () => void = () => undefined
    const gate = new Promise<void>((done) => (release = done))
    r.handle('secrets:list', async () => {
      events.push('list start')
      await gate
      events.push('list end')
      return []
    })
    r.handle('secrets:show', () => {
      events.push('show')
      return Promise.resolve(details)
    })
    const first = r.dispatch('secrets:list', {}, OWN)
    const second = r.dispatch('secrets:show', { id: ID }, OWN)
    await new Promise((done) => setTimeout(done, 10))
    expect(events).toEqual(['list start'])
    release()
    await Promise.all([first, second])
    expect(events).toEqual(['list start', 'list end', 'show'])
  })

  it('keeps slow work that reads no vault out of the queue: prepare steps and vault-free calls', async () => {
    const { router: r } = router()
    const events: string[] = []
    let release: () => void = () => undefined
    const gate = new Promise<void>((done) => (release = done))
    // A slow prepare step (reading a certificate file) must not hold up the calls behind it.
    r.handle('secrets:list', {
      vault: true,
      prepare: async () => {
        events.push('list prepare')
        await gate
      },
      run: () => {
        events.push('list run')
        return Promise.resolve([])
      },
    })
    r.handle('secrets:show', () => {
      events.push('show')
      return Promise.resolve(details)
    })
    r.handle('app:state', {
      vault: false,
      run: () => {
        events.push('state')
        return Promise.resolve({
          vaultDir: '/vault',
          profile: {
            organization: 'Acme',
            user: 'Ann',
            role: 'account-holder',
            workspaces: [],
            protection: 'Passphrase',
          },
        })
      },
    })
    const slow = r.dispatch('secrets:list', {}, OWN)
    expect(await r.dispatch('secrets:show', { id: ID }, OWN)).toMatchObject({ ok: true })
    expect(await r.dispatch('app:state', {}, OWN)).toMatchObject({ ok: true })
    expect(events).toEqual(['list prepare', 'show', 'state'])
    release()
    expect(await slow).toEqual({ ok: true, value: [] })
    expect(events).toEqual(['list prepare', 'show', 'state', 'list run'])
  })
})
