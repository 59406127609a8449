/**
 * The lifecycle engine's scheduler and its edges, on real vault files with a fake clock and fake
 * timers: a pass at start, then never more than 60 s apart; a poke after every change; a failing
 * pass retried at the next tick without spinning; what it shows; reactivation by a use; and the
 * `safehold get` path, which reads the whole vault only when a deletion may be due.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SafeholdError } from '../../src/shared/errors'
import {
  createLifecycleEngine,
  MAX_INTERVAL_MS,
  MAX_TIMER_MS,
} from '../../src/main/lifecycle/lifecycle-engine'
import { recordingNotifier } from '../../src/main/lifecycle/notifier'
import { statusOf } from '../../src/main/lifecycle/secret-status'
import type { Timers } from '../../src/main/usage/clipboard'
import { useSecret } from '../../src/main/usage/secret-use'
import { secretByName } from '../../src/main/vault/vault-state'
import { VaultStore } from '../../src/main/vault/vault-store'
import { createTestVault, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const T0 = Date.parse('2030-02-01T00:00:00.000Z')
const DAY = 86_400_000
const iso = (day: number): string => new Date(T0 + day * DAY).toISOString()

afterEach(removeTempDirs)

/** Timers that fire only when told; each armed timer is kept with its delay. */
function fakeTimers(): Timers & { armed: Map<number, { fire: () => void; ms: number }> } {
  const armed = new Map<number, { fire: () => void; ms: number }>()
  let next = 0
  return {
    armed,
    setTimeout(fire, ms) {
      armed.set(++next, { fire, ms })
      return next
    },
    clearTimeout(handle) {
      armed.delete(handle as number)
    },
  }
}

/** Waits until the engine has armed exactly one timer, and returns its delay. */
async function nextArmed(timers: ReturnType<typeof fakeTimers>): Promise<number> {
  await vi.waitFor(() => expect(timers.armed.size).toBe(1))
  return [...timers.armed.values()][0]!.ms
}

function fire(timers: ReturnType<typeof fakeTimers>): void {
  const [handle, timer] = [...timers.armed][0]!
  timers.armed.delete(handle)
  timer.fire()
}

async function vaultWith(names: string[], expiresAt?: string) {
  const vault = await createTestVault(makeTempDir('engine'))
  vault.clock.set(iso(0))
  for (const name of names) {
    await vault.service.register({
      type: 'api-key',
      name,
      scope: { kind: 'organization' },
      fields: { headerName: 'X-Api-Key', value: `value-of-${name}` },
      ...(expiresAt ? { expiresAt } : {}),
    })
  }
  return vault
}

describe('the scheduler', () => {
  it('runs a pass at start, then waits for the next moment, never more than 60 s', async () => {
    const vault = await vaultWith(['stripe-live'])
    vault.clock.set(new Date(T0 + 30 * DAY - 10_000).toISOString())
    const timers = fakeTimers()
    const notifier = recordingNotifier()
    const engine = createLifecycleEngine({ ...vault, notifier, timers })
    engine.start()
    // Turning inactive is 10 s away.
    expect(await nextArmed(timers)).toBe(10_000)
    vault.clock.set(iso(30))
    fire(timers)
    await vi.waitFor(() =>
      expect(notifier.shown.map((n) => n.title)).toEqual(['"stripe-live" is inactive']),
    )
    // The next reminder is 15 days off: the engine still looks again within 60 s.
    expect(await nextArmed(timers)).toBe(MAX_INTERVAL_MS)
    engine.stop()
    expect(timers.armed.size).toBe(0)
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1)
  })

  it('is poked by every change made in this process, and pokes coalesce', async () => {
    const vault = await vaultWith(['stripe-live'])
    const timers = fakeTimers()
    const engine = createLifecycleEngine({ ...vault, notifier: recordingNotifier(), timers })
    engine.start()
    expect(await nextArmed(timers)).toBe(MAX_INTERVAL_MS)
    await vault.service.scheduleDeletion({ name: 'stripe-live' })
    expect([...timers.armed.values()].map((t) => t.ms)).toEqual([0])
    engine.poke()
    engine.poke()
    expect([...timers.armed.values()].map((t) => t.ms)).toEqual([0])
    // The pass the poke runs changes nothing, so nothing pokes again.
    fire(timers)
    expect(await nextArmed(timers)).toBe(MAX_INTERVAL_MS)
    engine.stop()
  })

  it('a failing pass is retried at the next tick, not in a loop, and then succeeds', async () => {
    const vault = await vaultWith(['stripe-live'])
    vault.clock.set(iso(61))
    const timers = fakeTimers()
    const errors: unknown[] = []
    const refresh = vi
      .spyOn(vault.store, 'refresh')
      .mockRejectedValueOnce(new SafeholdError('DISK_FULL', 'The disk is full.'))
    const engine = createLifecycleEngine({
      ...vault,
      notifier: recordingNotifier(),
      timers,
      onError: (error) => errors.push(error),
    })
    engine.start()
    expect(await nextArmed(timers)).toBe(MAX_INTERVAL_MS)
    expect(errors).toHaveLength(1)
    expect(Object.keys(vault.store.state.secrets)).toHaveLength(1)
    refresh.mockRestore()
    fire(timers)
    await vi.waitFor(() => expect(Object.keys(vault.store.state.secrets)).toHaveLength(0))
    engine.stop()
  })
})

describe('what it shows', () => {
  it('shows records added since it started, by it or by a use, but none that were there before', async () => {
    const vault = await vaultWith(['old', 'revived'])
    vault.clock.set(iso(30))
    // A first process sent the inactive reminders.
    await createLifecycleEngine({ ...vault, notifier: recordingNotifier() }).runOnce()
    const notifier = recordingNotifier()
    const engine = createLifecycleEngine({ ...vault, notifier })
    vault.clock.set(iso(35))
    const used = await useSecret(vault.store, vault.clock, {
      ref: { name: 'revived' },
      consumer: 'deploy-script',
    })
    expect(used.reactivation?.title).toBe('"revived" was used again; its deletion was cancelled')
    await engine.runOnce()
    expect(notifier.shown.map((n) => n.title)).toEqual([
      '"revived" was used again; its deletion was cancelled',
    ])
    await engine.runOnce()
    expect(notifier.shown).toHaveLength(1)
  })
})

describe('reactivation', () => {
  it('a use of a Scheduled secret makes it Active, cancels the deletion and records it', async () => {
    const vault = await vaultWith(['stripe-live'])
    await vault.service.scheduleDeletion({ name: 'stripe-live' })
    vault.clock.set(iso(20))
    const used = await useSecret(vault.store, vault.clock, {
      ref: { name: 'stripe-live' },
      consumer: 'deploy-script',
    })
    expect(used.value).toBe('value-of-stripe-live')
    expect(used.reactivated).toBe(true)
    expect(used.reactivation?.record).toMatchObject({ kind: 'reactivated', dueAt: iso(30) })
    const shown = await vault.service.show({ name: 'stripe-live' })
    expect(shown).toMatchObject({ status: 'active', deletesAt: null })
    expect(vault.store.state.notifications.map((n) => n.kind)).toEqual(['reactivated'])
  })

  it('a use puts a new stored object, which the name index and the status follow', async () => {
    const vault = await vaultWith(['stripe-live'])
    const before = Object.values(vault.store.state.secrets)[0]!
    vault.clock.set(iso(45))
    expect(statusOf(before, T0 + 45 * DAY).status).toBe('inactive')
    await useSecret(vault.store, vault.clock, { ref: { name: 'stripe-live' }, consumer: 'ci' })
    const after = secretByName(vault.store.state, 'stripe-live', { kind: 'organization' })!
    expect(after).not.toBe(before)
    expect(after).toBe(vault.store.state.secrets[before.id])
    expect(after.usages['ci']).toMatchObject({ count: 1, lastUsedAt: iso(45) })
    expect(before.usages).toEqual({})
    expect(statusOf(after, T0 + 45 * DAY).status).toBe('active')
    await expect(
      vault.service.register({
        type: 'api-key',
        name: 'stripe-live',
        scope: { kind: 'organization' },
        fields: { headerName: 'X-Api-Key', value: 'another' },
      }),
    ).rejects.toThrow('A secret named "stripe-live" already exists')
  })

  it('a use once the deletion is due is refused: the secret is as good as deleted', async () => {
    const vault = await vaultWith(['stripe-live'])
    vault.clock.set(iso(60))
    await expect(
      useSecret(vault.store, vault.clock, { ref: { name: 'stripe-live' }, consumer: 'ci' }),
    ).rejects.toThrow('"stripe-live" was due for deletion and can no longer be used')
    const pass = await createLifecycleEngine({
      ...vault,
      notifier: recordingNotifier(),
    }).runOnce()
    expect(pass.deleted).toHaveLength(1)
    expect(vault.store.state.notifications.map((n) => n.kind)).toEqual(['deleted'])
  })
})

describe('the one-name read of `safehold get`', () => {
  it('reads the whole vault only when a deletion may be due, then carries it out', async () => {
    const vault = await vaultWith(['stripe-live', 'github-token'])
    // The snapshot records the earliest deletion due: day 60.
    await vault.store.compact()
    const open = () => VaultStore.openForNames(vault.dir, vault.vaultId, vault.key, ['stripe-live'])
    const early = await open()
    expect(early.partial).toBe(true)
    expect(early.deletionMayBeDue(T0 + 59 * DAY)).toBe(false)
    vault.clock.set(iso(59))
    const quiet = await createLifecycleEngine({
      store: early,
      clock: vault.clock,
      notifier: recordingNotifier(),
      remind: false,
    }).runOnce()
    expect(quiet).toEqual({ deleted: [], reminders: [] })
    expect(early.partial).toBe(true)

    vault.clock.set(iso(60))
    const late = await open()
    expect(late.deletionMayBeDue(T0 + 60 * DAY)).toBe(true)
    const pass = await createLifecycleEngine({
      store: late,
      clock: vault.clock,
      notifier: recordingNotifier(),
      remind: false,
    }).runOnce()
    expect(pass.deleted).toHaveLength(2)
    expect(pass.reminders.map((r) => `${r.secretName} ${r.kind}`).sort()).toEqual([
      'github-token deleted',
      'stripe-live deleted',
    ])
    const reopened = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(Object.keys(reopened.state.secrets)).toEqual([])
  })

  it('a deletion scheduled in the journal since the snapshot lowers the bound', async () => {
    const vault = await vaultWith(['stripe-live', 'github-token'])
    await vault.store.compact()
    vault.clock.set(iso(1))
    await vault.service.scheduleDeletion({ name: 'github-token' })
    const store = await VaultStore.openForNames(vault.dir, vault.vaultId, vault.key, [
      'stripe-live',
    ])
    expect(store.deletionMayBeDue(T0 + 30 * DAY)).toBe(false)
    expect(store.deletionMayBeDue(T0 + 31 * DAY)).toBe(true)
  })
})

describe('purge', () => {
  afterEach(() => vi.useRealTimers())

  it('a deleted secret leaves the backups within 30 days, with no further change to the vault', async () => {
    // Backups are stamped when they are made: the wall clock and the vault's clock agree here.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(T0)
    const vault = await vaultWith(['stripe-live'])
    const engine = createLifecycleEngine({ ...vault, notifier: recordingNotifier() })
    const travel = async (day: number) => {
      vi.setSystemTime(T0 + day * DAY)
      vault.clock.set(iso(day))
      return engine.runOnce()
    }
    expect((await travel(60)).deleted).toHaveLength(1)
    // The deletion's compaction kept the files it replaced, ciphertext included, as a backup.
    expect(vault.store.listBackups()).toHaveLength(1)
    await travel(88)
    expect(vault.store.listBackups()).toHaveLength(1)
    await travel(90)
    expect(vault.store.listBackups()).toEqual([])
  })
})

describe('the audit log’s age', () => {
  it('trims entries older than the vault’s retention, once, and records that it did', async () => {
    const vault = await vaultWith(['stripe-live'])
    const engine = createLifecycleEngine({ ...vault, notifier: recordingNotifier() })
    // Day 399: the secret's lifecycle has run its course (reminders, its deletion), all audited.
    // (What the fixture wrote before day 0, creating the vault, is trimmed already.)
    vault.clock.set(iso(399))
    await engine.runOnce()
    const before = vault.store.state.audit
    const fromDayZero = before.filter((entry) => entry.at < iso(1)).length
    expect(fromDayZero).toBeGreaterThan(0)
    expect(before.length).toBeGreaterThan(fromDayZero)

    // Day 401: what day 0 wrote is older than 400 days.
    vault.clock.set(iso(401))
    await engine.runOnce()
    const after = vault.store.state.audit
    expect(after.every((entry) => entry.at >= iso(1))).toBe(true)
    expect(after.slice(0, -1)).toEqual(before.slice(fromDayZero))
    expect(after.at(-1)).toMatchObject({
      action: 'audit-trimmed',
      detail: `${fromDayZero} ${fromDayZero === 1 ? 'entry' : 'entries'} older than 400 days removed`,
    })

    // Another pass finds nothing more to trim, and the vault read afresh agrees.
    await engine.runOnce()
    expect(vault.store.state.audit).toEqual(after)
    const reopened = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(reopened.state.audit).toEqual(after)
  })
})
