/**
 * The harness's bridge.js, run in a bare script context: it defines window.safehold with exactly
 * one method per channel (the preload's shape), posts each call as JSON with the page's token,
 * and always resolves to an IpcResult, even when the harness is gone.
 */
import { runInNewContext } from 'node:vm'
import { describe, expect, it, vi } from 'vitest'
import { bridgePath, CHANNELS } from '../../src/shared/ipc-contract'
import { bridgeScript, injectBridge } from '../../src/main/harness/harness-bridge'

type Method = (request?: unknown) => Promise<unknown>
type Api = Record<string, Record<string, Method>>

function loadBridge(fetch: (url: string, init: RequestInit) => Promise<unknown>) {
  const window: { safehold?: Api } = {}
  runInNewContext(bridgeScript(), {
    window,
    location: { search: '?token=t0k3n&x=1' },
    URLSearchParams,
    fetch,
  })
  return window.safehold!
}

describe('bridge.js', () => {
  it('has one method per channel, grouped by domain, and nothing else', () => {
    const api = loadBridge(() => Promise.reject(new Error('unused')))
    const expected: Record<string, string[]> = {}
    for (const channel of CHANNELS) {
      const [domain, verb] = bridgePath(channel)
      ;(expected[domain] ??= []).push(verb)
    }
    expect(Object.keys(api).sort()).toEqual(Object.keys(expected).sort())
    for (const [domain, verbs] of Object.entries(expected)) {
      expect(Object.keys(api[domain]!).sort()).toEqual([...verbs].sort())
      for (const verb of verbs) expect(typeof api[domain]![verb]).toBe('function')
      expect(Object.isFrozen(api[domain])).toBe(true)
    }
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('posts the request as JSON with the token from the page URL, and resolves to the answer', async () => {
    const answer = { ok: true, value: { deleted: true } }
    const fetch = vi.fn((_url: string, _init: RequestInit) =>
      Promise.resolve({ json: () => Promise.resolve(answer) }),
    )
    const api = loadBridge(fetch)
    const request = { id: '0b9e1f64-3c1a-4d7e-9a55-3f0c2a6b7d10', confirm: 'DELETE' }
    await expect(api['secrets']!['deleteNow']!(request)).resolves.toEqual(answer)
    expect(fetch).toHaveBeenCalledTimes(1)
    const [url, init] = fetch.mock.calls[0]!
    expect(url).toBe('/__safehold/ipc/secrets:delete-now')
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-safehold-token': 't0k3n' },
      body: JSON.stringify(request),
      credentials: 'omit',
    })
  })

  it('resolves to an IO_ERROR result when the harness does not answer or answers junk', async () => {
    const gone = loadBridge(() => Promise.reject(new TypeError('Failed to fetch')))
    await expect(gone['secrets']!['list']!({})).resolves.toMatchObject({
      ok: false,
      error: { code: 'IO_ERROR' },
    })
    const junk = loadBridge(() =>
      Promise.resolve({ json: () => Promise.reject(new SyntaxError('bad json')) }),
    )
    await expect(junk['app']!['state']!({})).resolves.toMatchObject({
      ok: false,
      error: { code: 'IO_ERROR' },
    })
  })

  it('holds no token or value in its source', () => {
    expect(bridgeScript()).not.toMatch(/t0k3n|SAFEHOLD_PASSPHRASE/)
  })
})

describe('injectBridge', () => {
  const tag = '<script src="/__safehold/bridge.js"></script>'

  it('puts the bridge before the module script, so window.safehold exists when the app starts', () => {
    const html =
      '<html><head><title>S</title><script type="module" crossorigin src="./assets/a.js"></script></head><body></body></html>'
    const injected = injectBridge(html)
    expect(injected.indexOf(tag)).toBeGreaterThan(0)
    expect(injected.indexOf(tag)).toBeLessThan(injected.indexOf('type="module"'))
  })

  it('falls back to the end of head when there is no module script', () => {
    const injected = injectBridge('<html><head><title>S</title></head><body></body></html>')
    expect(injected.indexOf(tag)).toBeLessThan(injected.indexOf('</head>'))
  })
})
