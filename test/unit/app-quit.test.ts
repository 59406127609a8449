import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { quitAfterCleanUp, quitOnSignals } from '../../src/main/platform/app-quit'

// Every quit waits for the clean-up once, then really quits; never twice, never forever.

/** An app whose quit emits before-quit and ends unless a listener prevents it. */
function fakeApp() {
  const emitter = new EventEmitter()
  const app = {
    ended: 0,
    beforeQuits: 0,
    on: (event: 'before-quit', listener: (event: { preventDefault(): void }) => void) =>
      emitter.on(event, listener),
    quit: vi.fn(() => {
      let prevented = false
      app.beforeQuits += 1
      emitter.emit('before-quit', { preventDefault: () => (prevented = true) })
      if (!prevented) app.ended += 1
    }),
  }
  return app
}

afterEach(() => {
  vi.useRealTimers()
})

describe('quitting after the clean-up', () => {
  it('holds the first quit until the clean-up is done, then quits for real', async () => {
    const app = fakeApp()
    let finish = (): void => {}
    const cleanUp = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    quitAfterCleanUp(app, cleanUp)
    app.quit()
    expect(app.ended).toBe(0)
    expect(cleanUp).toHaveBeenCalledTimes(1)
    finish()
    await vi.waitFor(() => expect(app.ended).toBe(1))
  })

  it('folds a second request made while cleaning into the same quit', async () => {
    const app = fakeApp()
    let finish = (): void => {}
    const cleanUp = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    quitAfterCleanUp(app, cleanUp)
    app.quit()
    app.quit()
    expect(cleanUp).toHaveBeenCalledTimes(1)
    expect(app.ended).toBe(0)
    finish()
    await vi.waitFor(() => expect(app.ended).toBe(1))
    expect(cleanUp).toHaveBeenCalledTimes(1)
  })

  it('quits after its patience when the clean-up never answers, or fails', async () => {
    vi.useFakeTimers()
    const stuck = fakeApp()
    quitAfterCleanUp(stuck, () => new Promise<void>(() => {}), 1000)
    stuck.quit()
    await vi.advanceTimersByTimeAsync(999)
    expect(stuck.ended).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    await vi.waitFor(() => expect(stuck.ended).toBe(1))

    const failing = fakeApp()
    quitAfterCleanUp(failing, () => Promise.reject(new Error('clipboard gone')))
    failing.quit()
    await vi.waitFor(() => expect(failing.ended).toBe(1))
  })

  it('asks again from a new task, not from the clean-up promise (electron/electron#33643)', async () => {
    const app = fakeApp()
    quitAfterCleanUp(app, () => Promise.resolve())
    app.quit()
    // Only microtasks have run: Electron would still be inside the first quit.
    for (let tick = 0; tick < 50; tick++) await Promise.resolve()
    expect(app.quit).toHaveBeenCalledTimes(1)
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setImmediate(resolve))
    expect(app.quit).toHaveBeenCalledTimes(2)
    expect(app.ended).toBe(1)
  })
})

describe('quitting on a signal', () => {
  it('turns SIGINT, SIGTERM and SIGHUP, however often, into quit requests', () => {
    const proc = new EventEmitter() as unknown as NodeJS.Process
    const app = { quit: vi.fn() }
    quitOnSignals(app, proc)
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGINT', 'SIGTERM', 'SIGHUP']
    for (const signal of signals) proc.emit(signal)
    expect(app.quit).toHaveBeenCalledTimes(4)
  })
})
