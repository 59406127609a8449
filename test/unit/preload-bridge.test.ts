import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { bridgePath, CHANNELS } from '../../src/shared/ipc-contract'

const electron = vi.hoisted(() => {
  const exposed: [string, unknown][] = []
  const ipcRenderer = {
    invoke: vi.fn((channel: string) =>
      Promise.resolve({ ok: true, value: `answer of ${channel}` }),
    ),
    send: vi.fn(),
    on: vi.fn(),
  }
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => void exposed.push([key, api])),
  }
  return { exposed, ipcRenderer, contextBridge }
})

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
}))

type Bridge = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>
let bridge: Bridge

beforeAll(async () => {
  await import('../../src/preload/index')
  const [only] = electron.exposed
  bridge = only?.[1] as Bridge
})

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear()
})

/** The channel list of the contract, as the page should see it: { domain: [verbs] }. */
function expectedShape(): Record<string, string[]> {
  const shape: Record<string, string[]> = {}
  for (const channel of CHANNELS) {
    const [domain, verb] = bridgePath(channel)
    ;(shape[domain] ??= []).push(verb)
  }
  return shape
}

describe('the preload bridge', () => {
  it('exposes one object, window.safehold, and nothing else', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    expect(electron.exposed.map(([key]) => key)).toEqual(['safehold'])
  })

  it('has exactly one method per channel, grouped by domain', () => {
    const shape = Object.fromEntries(
      Object.entries(bridge).map(([domain, methods]) => [domain, Object.keys(methods).sort()]),
    )
    const expected = Object.fromEntries(
      Object.entries(expectedShape()).map(([domain, verbs]) => [domain, verbs.sort()]),
    )
    expect(shape).toEqual(expected)
    for (const methods of Object.values(bridge)) {
      for (const method of Object.values(methods)) expect(typeof method).toBe('function')
    }
    expect(Object.values(bridge).flatMap((methods) => Object.keys(methods))).toHaveLength(
      CHANNELS.length,
    )
  })

  it('never hands the page ipcRenderer or a generic invoke', () => {
    const values = Object.values(bridge).flatMap((methods) => Object.values(methods))
    expect(values).not.toContain(electron.ipcRenderer.invoke)
    expect(values).not.toContain(electron.ipcRenderer.send)
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer)
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer', 'platform']) {
      expect(Object.keys(bridge)).not.toContain(name)
    }
  })

  it.each(CHANNELS.map((channel) => [channel]))(
    'window.safehold.%s invokes its own channel with the request',
    async (channel) => {
      const [domain, verb] = bridgePath(channel)
      const method = bridge[domain]?.[verb]
      expect(method, `${domain}.${verb}`).toBeTypeOf('function')
      const request = { probe: channel }
      // A page passing more than the request gets only the request across.
      const answer = await method?.(request, 'extra', { channel: 'secrets:delete-now' })
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1)
      expect(electron.ipcRenderer.invoke.mock.calls[0]).toEqual([channel, request])
      expect(answer).toEqual({ ok: true, value: `answer of ${channel}` })
    },
  )

  it('places secrets:delete-now at window.safehold.secrets.deleteNow', async () => {
    await bridge['secrets']?.['deleteNow']?.({ id: 'x', confirm: 'DELETE' })
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['secrets:delete-now', { id: 'x', confirm: 'DELETE' }],
    ])
  })
})
