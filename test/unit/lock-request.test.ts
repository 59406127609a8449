/**
 * Lock now from the window and the window's side of the idle lock (src/renderer/src/vault/,
 * settings/lock-minutes.ts): Lock now locks at once, or asks first when a form holds typed data;
 * key and pointer presses reach main at most once per interval; the unlock screen counts main's
 * wait down in words; "Lock after" takes whole minutes from 1 to 240.
 */
import { describe, expect, it } from 'vitest'
import { parseLockMinutes, minutesWords } from '../../src/renderer/src/settings/lock-minutes'
import { createLockRequest } from '../../src/renderer/src/vault/lock-request'
import { createTouchThrottle } from '../../src/renderer/src/vault/touch-throttle'
import { secondsLeft, waitMessage, waitWords } from '../../src/renderer/src/vault/unlock-wait'

function lockNow(dirty: boolean) {
  const form = { dirty }
  const locks: string[] = []
  const request = createLockRequest({
    hasDirtyForm: () => form.dirty,
    lock: () => {
      locks.push('lock')
      return Promise.resolve()
    },
  })
  return { request, locks, form }
}

describe('Lock now in the window', () => {
  it('locks at once when no form holds typed data', async () => {
    const { request, locks } = lockNow(false)
    await request.getState().request()
    expect(locks).toEqual(['lock'])
    expect(request.getState()).toMatchObject({ asking: false, locking: false })
  })

  it('asks first when a form holds typed data; "Keep editing" keeps everything', async () => {
    const { request, locks } = lockNow(true)
    await request.getState().request()
    expect(request.getState().asking).toBe(true)
    expect(locks).toEqual([])
    request.getState().keep()
    expect(request.getState().asking).toBe(false)
    expect(locks).toEqual([])
  })

  it('"Lock and discard" locks, once, however often it is pressed', async () => {
    const { request, locks } = lockNow(true)
    await request.getState().request()
    await request.getState().request()
    await Promise.all([request.getState().confirm(), request.getState().confirm()])
    expect(locks).toEqual(['lock'])
    expect(request.getState()).toMatchObject({ asking: false, locking: false })
    await request.getState().confirm()
    expect(locks).toEqual(['lock'])
  })

  it('ignores a second Lock now while the first is on its way', async () => {
    let finish: () => void = () => undefined
    let locks = 0
    const request = createLockRequest({
      hasDirtyForm: () => false,
      lock: () => {
        locks++
        return new Promise<void>((done) => (finish = done))
      },
    })
    const first = request.getState().request()
    expect(request.getState().locking).toBe(true)
    await request.getState().request()
    finish()
    await first
    expect(locks).toBe(1)
    expect(request.getState().locking).toBe(false)
  })
})

describe('presses that tell main the user is there', () => {
  function throttled() {
    let now = 0
    const sent: number[] = []
    const timers = new Map<number, { at: number; fire: () => void }>()
    let next = 0
    const throttle = createTouchThrottle({
      everyMs: 20_000,
      now: () => now,
      send: () => sent.push(now),
      setTimer: (fire, ms) => {
        timers.set(++next, { at: now + ms, fire })
        return next
      },
      clearTimer: (handle) => timers.delete(handle as number),
    })
    /** Moves time on, firing the timers that fall due on the way. */
    const advance = (to: number): void => {
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > to) continue
        now = timer.at
        timers.delete(id)
        timer.fire()
      }
      now = to
    }
    return { throttle, sent, timers, advance }
  }

  it('go at once, then at most once per interval, the later presses told at its end', () => {
    const { throttle, sent, advance } = throttled()
    throttle.touch()
    advance(5_000)
    throttle.touch()
    advance(19_000)
    throttle.touch()
    expect(sent).toEqual([0])
    advance(20_000)
    expect(sent).toEqual([0, 20_000])
    advance(30_000)
    throttle.touch()
    advance(60_000)
    expect(sent).toEqual([0, 20_000, 40_000])
    throttle.touch()
    expect(sent).toEqual([0, 20_000, 40_000, 60_000])
  })

  it('tells nothing more once stopped', () => {
    const { throttle, sent, timers, advance } = throttled()
    throttle.touch()
    advance(1_000)
    throttle.touch()
    throttle.stop()
    expect(timers.size).toBe(0)
    advance(60_000)
    expect(sent).toEqual([0])
  })
})

describe('the wait after too many wrong passphrases', () => {
  it('counts whole seconds up, and stops at zero', () => {
    expect(secondsLeft(10_000, 2_001)).toBe(8)
    expect(secondsLeft(10_000, 9_999)).toBe(1)
    expect(secondsLeft(10_000, 10_000)).toBe(0)
    expect(secondsLeft(10_000, 60_000)).toBe(0)
  })

  it('reads as a person says it', () => {
    expect(waitWords(8)).toBe('8 s')
    expect(waitWords(65)).toBe('1 min 5 s')
    expect(waitWords(300)).toBe('5 min')
    expect(waitMessage(4)).toBe('Too many wrong passphrases. You can try again in 4 s.')
  })
})

describe('"Lock after" in Settings', () => {
  it('takes whole minutes from 1 to 240', () => {
    expect(parseLockMinutes(' 15 ')).toEqual({ ok: true, minutes: 15 })
    expect(parseLockMinutes('1')).toEqual({ ok: true, minutes: 1 })
    expect(parseLockMinutes('240')).toEqual({ ok: true, minutes: 240 })
  })

  it('says what is wrong in words, never sending it', () => {
    expect(parseLockMinutes('')).toEqual({ ok: false, error: 'Enter a number of minutes.' })
    expect(parseLockMinutes('0')).toEqual({ ok: false, error: 'Lock after 1 to 240 minutes.' })
    expect(parseLockMinutes('241')).toEqual({ ok: false, error: 'Lock after 1 to 240 minutes.' })
    for (const text of ['2.5', '-3', '1e2', 'ten']) {
      expect(parseLockMinutes(text)).toEqual({
        ok: false,
        error: 'Enter whole minutes, from 1 to 240.',
      })
    }
    expect(minutesWords(1)).toBe('1 minute')
    expect(minutesWords(10)).toBe('10 minutes')
  })
})
