/**
 * The Copy clipboard rule on its own (DESIGN.md §1.3), with the vault use stubbed: the value is
 * cleared 30 s after the latest Copy, only if the clipboard still holds it; quitting clears it
 * early; a clipboard that cannot be read is never cleared blindly.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Clock } from '../../src/main/lifecycle/clock'
import type { VaultStore } from '../../src/main/vault/vault-store'

const useSecret = vi.hoisted(() => vi.fn())
vi.mock('../../src/main/usage/secret-use', () => ({ useSecret }))

const { COPY_CONSUMER, memoryClipboard, secretCopier } =
  await import('../../src/main/usage/clipboard')

const store = {} as VaultStore
const clock: Clock = { now: () => new Date('2030-01-01T00:00:00Z') }
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  useSecret.mockImplementation((_s, _c, request: { field?: string }) =>
    Promise.resolve({
      value: request.field === 'pem' ? PEM : 'sk_live_value',
      secret: {},
      reactivated: false,
    }),
  )
})
afterEach(() => {
  vi.useRealTimers()
  useSecret.mockReset()
})

describe('secretCopier', () => {
  it('records the use as the app’s Copy and returns only when the clipboard clears', async () => {
    const clipboard = memoryClipboard()
    const copier = secretCopier({ store, clock, clipboard })
    const result = await copier.copySecret({ ref: { id: 'x' }, field: 'value' })
    expect(result).toEqual({ clearsAfterSeconds: 30, reactivated: false })
    expect(useSecret).toHaveBeenCalledWith(store, clock, {
      ref: { id: 'x' },
      field: 'value',
      consumer: COPY_CONSUMER,
    })
    expect(clipboard.readText()).toBe('sk_live_value')
    await vi.advanceTimersByTimeAsync(29_999)
    expect(clipboard.readText()).toBe('sk_live_value')
    await vi.advanceTimersByTimeAsync(1)
    expect(clipboard.readText()).toBe('')
  })

  it('leaves what the user copied since', async () => {
    const clipboard = memoryClipboard()
    await secretCopier({ store, clock, clipboard }).copySecret({ ref: { id: 'x' } })
    clipboard.writeText('my own text')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(clipboard.readText()).toBe('my own text')
  })

  it('restarts the 30 s on a second Copy', async () => {
    const clipboard = memoryClipboard()
    const copier = secretCopier({ store, clock, clipboard })
    await copier.copySecret({ ref: { id: 'x' } })
    await vi.advanceTimersByTimeAsync(25_000)
    await copier.copySecret({ ref: { id: 'x' } })
    await vi.advanceTimersByTimeAsync(29_000)
    expect(clipboard.readText()).toBe('sk_live_value')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(clipboard.readText()).toBe('')
  })

  it('recognises its value when the OS hands it back with CRLF line ends', async () => {
    let text = ''
    const clipboard = {
      readText: () => Promise.resolve(text.replace(/\n/g, '\r\n')),
      writeText: (next: string) => {
        text = next
        return Promise.resolve()
      },
    }
    await secretCopier({ store, clock, clipboard }).copySecret({ ref: { id: 'x' }, field: 'pem' })
    expect(text).toBe(PEM)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(text).toBe('')
  })

  it('clears at once on dispose, and not again afterwards', async () => {
    const clipboard = memoryClipboard()
    const copier = secretCopier({ store, clock, clipboard })
    await copier.copySecret({ ref: { id: 'x' } })
    await copier.dispose().cleared
    expect(clipboard.readText()).toBe('')
    clipboard.writeText('later text')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(clipboard.readText()).toBe('later text')
  })

  it('does not clear a clipboard it cannot read', async () => {
    const writeText = vi.fn()
    const clipboard = {
      readText: () => {
        throw new Error('no clipboard')
      },
      writeText,
    }
    await secretCopier({ store, clock, clipboard }).copySecret({ ref: { id: 'x' } })
    await vi.advanceTimersByTimeAsync(30_000)
    expect(writeText).toHaveBeenCalledTimes(1)
  })

  it('writes nothing when the use is refused', async () => {
    useSecret.mockRejectedValueOnce(new Error('refused'))
    const clipboard = memoryClipboard('before')
    await expect(
      secretCopier({ store, clock, clipboard }).copySecret({ ref: { id: 'x' } }),
    ).rejects.toThrow('refused')
    expect(clipboard.readText()).toBe('before')
  })
})
