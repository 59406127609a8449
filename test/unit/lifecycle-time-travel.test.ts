/**
 * The lifecycle over 120 days, hour by hour, on real vault files (DESIGN §2): a vault with a secret
 * in every situation, and the exact notifications (kind, secret, offset, due instant, instant
 * sent) and deletions a user gets. The same walk with the engine restarted every hour, stopped
 * across reminders, and with the clock jumping forward and back. Every expected line below is
 * worked out by hand from the rules, not from the code under test.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  createLifecycleEngine,
  type LifecycleEngine,
} from '../../src/main/lifecycle/lifecycle-engine'
import { recordingNotifier } from '../../src/main/lifecycle/notifier'
import { reminderText } from '../../src/main/lifecycle/reminder-text'
import { useSecret } from '../../src/main/usage/secret-use'
import { VaultStore } from '../../src/main/vault/vault-store'
import {
  createTestVault,
  makeTempDir,
  removeTempDirs,
  type TestVault,
} from '../support/vault-fixtures'

const T0 = Date.parse('2030-02-01T00:00:00.000Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (day: number, hour = 0): number => T0 + day * DAY + hour * HOUR
const iso = (day: number, hour = 0): string => new Date(at(day, hour)).toISOString()
const label = (ms: number): string => {
  const hours = Math.round((ms - T0) / HOUR)
  const d = Math.floor(hours / 24)
  return hours % 24 === 0 ? `d${d}` : `d${d}+${hours % 24}h`
}

afterEach(removeTempDirs)

/** Thousands of passes over real files: seconds, not the default five. */
const WALK_MS = 120_000

/** Sent instant, secret, kind, offset, due instant — sorted, as a user would list them. */
const EXPECTED = [
  'd2 expiry-moved expiry-reminder 7 due d9',
  'd5 expiring-soon expiry-reminder 7 due d12',
  'd11 expiring-soon expiry-reminder 1 due d12',
  'd12 expiring-soon expired 0 due d12',
  'd20 expiry-moved expiry-reminder 30 due d50',
  'd20+2h scheduled-then-cancelled deletion-reminder 15 due d35+2h',
  'd25+2h scheduled-then-cancelled deletion-reminder 10 due d35+2h',
  'd25+4h scheduled-and-left deletion-reminder 15 due d40+4h',
  'd30 expiring-soon inactive 30 due d60',
  'd30 never-used inactive 30 due d60',
  'd30 used-while-inactive inactive 30 due d60',
  'd30+4h scheduled-and-left deletion-reminder 10 due d40+4h',
  'd35+6h expiry-moved inactive 30 due d65+6h',
  'd39+4h scheduled-and-left deletion-reminder 1 due d40+4h',
  'd40+3h used-while-inactive reactivated 0 due d60',
  'd40+4h scheduled-and-left deleted 0 due d40+4h',
  'd43 expiry-moved expiry-reminder 7 due d50',
  'd45 expiring-soon deletion-reminder 15 due d60',
  'd45 never-used deletion-reminder 15 due d60',
  'd49 expiry-moved expiry-reminder 1 due d50',
  'd50 expiring-soon deletion-reminder 10 due d60',
  'd50 expiry-moved expired 0 due d50',
  'd50 never-used deletion-reminder 10 due d60',
  'd50+6h expiry-moved deletion-reminder 15 due d65+6h',
  'd50+7h used-day-20 inactive 30 due d80+7h',
  'd55+6h expiry-moved deletion-reminder 10 due d65+6h',
  'd57+5h scheduled-then-cancelled inactive 30 due d87+5h',
  'd59 expiring-soon deletion-reminder 1 due d60',
  'd59 never-used deletion-reminder 1 due d60',
  'd60 expiring-soon deleted 0 due d60',
  'd60 never-used deleted 0 due d60',
  'd64+6h expiry-moved deletion-reminder 1 due d65+6h',
  'd65+6h expiry-moved deleted 0 due d65+6h',
  'd65+7h used-day-20 deletion-reminder 15 due d80+7h',
  'd70+3h used-while-inactive inactive 30 due d100+3h',
  'd70+7h used-day-20 deletion-reminder 10 due d80+7h',
  'd72+5h scheduled-then-cancelled deletion-reminder 15 due d87+5h',
  'd77+5h scheduled-then-cancelled deletion-reminder 10 due d87+5h',
  'd79+7h used-day-20 deletion-reminder 1 due d80+7h',
  'd80+7h used-day-20 deleted 0 due d80+7h',
  'd85+3h used-while-inactive deletion-reminder 15 due d100+3h',
  'd86+5h scheduled-then-cancelled deletion-reminder 1 due d87+5h',
  'd87+5h scheduled-then-cancelled deleted 0 due d87+5h',
  'd90+3h used-while-inactive deletion-reminder 10 due d100+3h',
  'd99+3h used-while-inactive deletion-reminder 1 due d100+3h',
  'd100+3h used-while-inactive deleted 0 due d100+3h',
]

const EXPECTED_DELETIONS = [
  'd40+4h scheduled-and-left',
  'd60 expiring-soon',
  'd60 never-used',
  'd65+6h expiry-moved',
  'd80+7h used-day-20',
  'd87+5h scheduled-then-cancelled',
  'd100+3h used-while-inactive',
]

const hourly = (fromDay: number, toDay: number): number[] => {
  const hours: number[] = []
  for (let ms = at(fromDay); ms <= at(toDay); ms += HOUR) hours.push(ms)
  return hours
}

interface Walked {
  notifications: string[]
  deletions: string[]
  /** Titles the notifier showed, sorted. */
  shown: string[]
  /** Audit entries of reminders sent: one per reminder, so a repeat would show here. */
  reminderAudits: number
  vault: TestVault
}

async function walk(instants: number[], mode: 'one-engine' | 'restart-hourly'): Promise<Walked> {
  const vault = await createTestVault(makeTempDir('time-travel'))
  const { clock, service, store } = vault
  clock.set(iso(0))
  const register = (name: string, expiresAt?: string) =>
    service.register({
      type: 'api-key',
      name,
      scope: { kind: 'organization' },
      fields: { headerName: 'X-Api-Key', value: `value-of-${name}` },
      ...(expiresAt ? { expiresAt } : {}),
    })
  for (const name of [
    'never-used',
    'used-day-20',
    'used-while-inactive',
    'scheduled-then-cancelled',
    'scheduled-and-left',
  ])
    await register(name)
  await register('expiring-soon', iso(12))
  await register('expiry-moved', iso(9))

  const use = async (name: string, reactivates: boolean) => {
    const used = await useSecret(store, clock, { ref: { name }, consumer: 'deploy-script' })
    expect(used.reactivated).toBe(reactivates)
  }
  const actions: { at: number; run: () => Promise<unknown>; done?: boolean }[] = [
    { at: at(5, 2), run: () => service.scheduleDeletion({ name: 'scheduled-then-cancelled' }) },
    {
      at: at(5, 6),
      run: () => service.edit({ ref: { name: 'expiry-moved' }, expiresAt: iso(50) }),
    },
    { at: at(10, 4), run: () => service.scheduleDeletion({ name: 'scheduled-and-left' }) },
    { at: at(20, 7), run: () => use('used-day-20', false) },
    { at: at(27, 5), run: () => service.cancelDeletion({ name: 'scheduled-then-cancelled' }) },
    { at: at(40, 3), run: () => use('used-while-inactive', true) },
  ]

  const names = new Map(Object.values(store.state.secrets).map((s) => [s.id, s.name]))
  const notifier = recordingNotifier()
  const deletions: string[] = []
  const engineOver = (over: VaultStore): LifecycleEngine =>
    createLifecycleEngine({ store: over, clock, notifier })
  let engine = engineOver(store)
  for (const instant of instants) {
    clock.set(new Date(instant).toISOString())
    for (const action of actions) {
      if (action.done || instant < action.at) continue
      action.done = true
      await action.run()
    }
    if (mode === 'restart-hourly') {
      // Another process each time: its own store, read from the files.
      engine = engineOver(await VaultStore.open(vault.dir, vault.vaultId, vault.key))
    }
    const pass = await engine.runOnce()
    for (const id of pass.deleted) deletions.push(`${label(instant)} ${names.get(id)}`)
  }
  await store.refresh()
  const notifications = store.state.notifications.map(
    (n) =>
      `${label(Date.parse(n.at))} ${n.secretName} ${n.kind} ${n.offsetDays} due ${label(Date.parse(n.dueAt))}`,
  )
  return {
    notifications: sortByTime(notifications),
    deletions: sortByTime(deletions),
    shown: notifier.shown.map((n) => n.title).sort(),
    reminderAudits: store.state.audit.filter((e) => e.action === 'reminder').length,
    vault,
  }
}

/** By instant sent, then by the rest of the line. */
function sortByTime(lines: string[]): string[] {
  const key = (line: string): number => {
    const m = /^d(\d+)(?:\+(\d+)h)?/.exec(line)!
    return Number(m[1]) * 24 + Number(m[2] ?? 0)
  }
  return [...lines].sort((a, b) => key(a) - key(b) || (a < b ? -1 : a > b ? 1 : 0))
}

const reminderCount = (lines: string[]): number =>
  lines.filter((l) => !/ (deleted|reactivated) /.test(l)).length

describe('120 days, hour by hour', () => {
  it(
    'sends exactly the reminders of DESIGN §2, each once, and deletes on the days they fall due',
    async () => {
      const walked = await walk(hourly(0, 120), 'one-engine')
      expect(walked.notifications).toEqual(EXPECTED)
      expect(walked.deletions).toEqual(EXPECTED_DELETIONS)
      expect(walked.reminderAudits).toBe(reminderCount(EXPECTED))
      // Each record shown once by the engine, the reactivation recorded by the use included.
      const { store } = walked.vault
      expect(walked.shown).toEqual(
        store.state.notifications.map((n) => reminderText(n).title).sort(),
      )
      expect(Object.keys(store.state.secrets)).toEqual([])
      const audit = store.state.audit.filter(
        (e) => e.actor === 'Safehold' && e.action === 'deleted',
      )
      expect(audit.map((e) => `${e.secretName}: ${e.detail}`).sort()).toEqual([
        'expiring-soon: unused for 60 days',
        'expiry-moved: unused for 60 days',
        'never-used: unused for 60 days',
        'scheduled-and-left: scheduled deletion due',
        'scheduled-then-cancelled: unused for 60 days',
        'used-day-20: unused for 60 days',
        'used-while-inactive: unused for 60 days',
      ])
    },
    WALK_MS,
  )

  it(
    'restarted at every hour, sends no reminder twice and misses none',
    async () => {
      const walked = await walk(hourly(0, 120), 'restart-hourly')
      expect(walked.notifications).toEqual(EXPECTED)
      expect(walked.deletions).toEqual(EXPECTED_DELETIONS)
      expect(walked.reminderAudits).toBe(reminderCount(EXPECTED))
    },
    WALK_MS,
  )
})

describe('catching up', () => {
  it(
    'stopped from day 44 to day 62: one catch-up per track at the next start, none the event overtook',
    async () => {
      const walked = await walk([...hourly(0, 44), ...hourly(62, 120)], 'one-engine')
      const missed = (line: string): boolean => /^d(4[5-9]|5\d|6[01])[ +]/.test(line)
      const expected = sortByTime([
        ...EXPECTED.filter((line) => !missed(line)),
        // The deletions due on day 60 are carried out; their 1-day reminders are never sent.
        'd62 expiring-soon deleted 0 due d60',
        'd62 never-used deleted 0 due d60',
        // Only the latest missed reminder of each track: not the 1-day one of day 49, not the
        // 15-day one of day 50.
        'd62 expiry-moved expired 0 due d50',
        'd62 expiry-moved deletion-reminder 10 due d65+6h',
        'd62 used-day-20 inactive 30 due d80+7h',
        'd62 scheduled-then-cancelled inactive 30 due d87+5h',
      ])
      expect(walked.notifications).toEqual(expected)
      expect(walked.deletions).toEqual(
        sortByTime([
          ...EXPECTED_DELETIONS.filter((line) => !missed(line)),
          'd62 expiring-soon',
          'd62 never-used',
        ]),
      )
    },
    WALK_MS,
  )

  it(
    'a clock jump forward then back neither loses a reminder nor repeats one',
    async () => {
      // Days 0–48, then a jump to day 51, then back to day 48 and on to day 120.
      const walked = await walk([...hourly(0, 48), at(51), ...hourly(48, 120)], 'one-engine')
      const jumped = (line: string): boolean => /^d(49|50)[ +]/.test(line)
      const expected = sortByTime([
        ...EXPECTED.filter((line) => !jumped(line)),
        // What fell due in the three days skipped, caught up once at day 51 — the latest per track.
        'd51 expiring-soon deletion-reminder 10 due d60',
        'd51 expiry-moved expired 0 due d50',
        'd51 never-used deletion-reminder 10 due d60',
        'd51 expiry-moved deletion-reminder 15 due d65+6h',
        'd51 used-day-20 inactive 30 due d80+7h',
      ])
      expect(walked.notifications).toEqual(expected)
      expect(walked.deletions).toEqual(EXPECTED_DELETIONS)
      expect(walked.reminderAudits).toBe(reminderCount(expected))
    },
    WALK_MS,
  )

  it('a clock jump back then forward repeats nothing', async () => {
    // To day 52, back to day 44, and on: every reminder of days 44–52 is already in the ledger.
    const walked = await walk([...hourly(0, 52), ...hourly(44, 120)], 'one-engine')
    expect(walked.notifications).toEqual(EXPECTED)
    expect(walked.reminderAudits).toBe(reminderCount(EXPECTED))
  })
})
