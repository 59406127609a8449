/**
 * The lock triggers (DESIGN §4) with an injected clock, fake timers and fake power events, over a
 * real vault session: the OS locking the screen or going to sleep locks the vault ('system'), the
 * idle timer locks it after the vault's auto-lock minutes ('idle'), the user's Lock now locks it
 * ('user'); waking and unlocking the screen only make reminders look again; each lock refuses
 * every other channel until the vault is unlocked.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { wireLockTriggers, type PowerEvent } from '../../src/main/app/lock-triggers'
import { unlock } from '../../src/main/app/session-requests'
import { fakeTimers } from '../support/fake-timers'
import { testSession } from '../support/session-fixtures'
import { createTestVault, fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const T0 = Date.parse('2030-04-01T08:00:00.000Z')
const MINUTE = 60_000
const DAY = 86_400_000
const at = (ms: number): string => new Date(T0 + ms).toISOString()

afterEach(removeTempDirs)

function fakePower() {
  const listeners = new Map<PowerEvent, (() => void)[]>()
  return {
    on(event: PowerEvent, listener: () => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
    },
    emit(event: PowerEvent) {
      for (const listener of listeners.get(event) ?? []) listener()
    },
  }
}

async function openSession() {
  const dir = makeTempDir('lock-triggers')
  const clock = fixedClock(at(0))
  const vault = await createTestVault(dir)
  vault.clock.set(at(0))
  await vault.service.register({
    type: 'api-key',
    name: 'stripe-live',
    scope: { kind: 'personal' },
    fields: { headerName: 'X-Api-Key', value: 'sk_live_trigger_4f1a' },
  })
  const timers = fakeTimers()
  const made = testSession({ vaultDir: dir, keychain: vault.keychain, clock, timers })
  await made.session.start({ passphrase: null })
  const power = fakePower()
  wireLockTriggers(power, made.session)
  return { ...made, timers, power }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((done) => setTimeout(done, 5))
  expect(check()).toBe(true)
}

describe('the lock triggers', () => {
  it.each(['lock-screen', 'suspend'] as const)(
    'the OS event %s locks the vault, for the system',
    async (event) => {
      const { session, power } = await openSession()
      expect(session.currentPhase).toBe('open')
      power.emit(event)
      await until(() => session.currentPhase === 'locked')
      expect(await session.state()).toMatchObject({ phase: 'locked', lockedBy: 'system' })
      expect(() => session.services()).toThrow('Safehold is locked; unlock it to continue.')
      // A second event while locked changes nothing.
      power.emit(event)
      expect(await session.lock('system')).toMatchObject({ phase: 'locked', lockedBy: 'system' })
    },
  )

  it('resume and unlock-screen do not unlock; they make reminders look again', async () => {
    const { session, power, timers, clock, notifier } = await openSession()
    power.emit('lock-screen')
    await until(() => session.currentPhase === 'locked')
    clock.set(at(30 * DAY))
    timers.armed.clear()
    power.emit('unlock-screen')
    expect(session.currentPhase).toBe('locked')
    expect([...timers.armed.values()].map((t) => t.ms)).toEqual([0])
    timers.fireAll()
    expect(notifier.shown.map((n) => n.title)).toEqual(['"stripe-live" is inactive'])
    power.emit('resume')
    expect(session.currentPhase).toBe('locked')
  })

  it('the idle timer locks after the auto-lock minutes without a touch, and a touch holds it off', async () => {
    const { session, timers, clock } = await openSession()
    expect(session.touch()).toEqual({ locksInMs: 10 * MINUTE })
    clock.set(at(9 * MINUTE))
    expect(session.touch()).toEqual({ locksInMs: 10 * MINUTE })
    clock.set(at(10 * MINUTE))
    timers.fireAll()
    expect(session.currentPhase).toBe('open')
    clock.set(at(19 * MINUTE))
    timers.fireAll()
    await until(() => session.currentPhase === 'locked')
    expect(await session.state()).toMatchObject({ lockedBy: 'idle' })
    expect(session.touch()).toEqual({ locksInMs: null })
  })

  it('a shorter auto-lock setting applies at once', async () => {
    const { session, timers, clock } = await openSession()
    clock.set(at(3 * MINUTE))
    await session.services().notifications.updateSettings({ autoLockMinutes: 2 })
    expect(session.touch().locksInMs).toBe(2 * MINUTE)
    clock.set(at(6 * MINUTE))
    timers.fireAll()
    await until(() => session.currentPhase === 'locked')
    expect(await session.state()).toMatchObject({ lockedBy: 'idle' })
  })

  it("the user's Lock now locks, and unlocking opens the vault again", async () => {
    const { session } = await openSession()
    expect(await session.lock('user')).toMatchObject({
      phase: 'locked',
      lockedBy: 'user',
      unlockWith: 'keychain',
    })
    expect(await unlock(session, {})).toMatchObject({ phase: 'open', lockedBy: null })
    const listed = await session.services().secrets.list()
    expect(listed.map((secret) => secret.name)).toEqual(['stripe-live'])
  })
})
