/**
 * §8 "lifecycle evaluation of all secrets ≤ 10 ms" and "one full engine pass (evaluate + decide
 * reminders) ≤ 20 ms": statusOf over every secret, and the engine's decisions (status, due
 * reminders against the ledger, next moment to wake for), each beside the least any evaluation
 * must do (parse one ISO date per secret). The first run is kept too: it parses every secret's
 * instants once, which is what a freshly opened vault pays. The breakdown times the pieces.
 */
import type { SecretStatus } from '../src/shared/domain'
import {
  AUTO_DELETE_AFTER_DAYS,
  DAY_MS,
  statusOf,
  INACTIVE_AFTER_DAYS,
  SCHEDULED_DELETE_AFTER_DAYS,
} from '../src/main/lifecycle/secret-status'
import { dueReminders, ledgerId, nextMoment } from '../src/main/lifecycle/reminder-rules'
import { instantsOf, toIso } from '../src/main/lifecycle/secret-status'
import type { VaultState } from '../src/main/vault/vault-state'
import { formatBreakdown, round2All, type Outcome } from './bench-report'
import { paired, round2, summarize, timeSync } from './measure'

let sink = 0
const ALL = 'statusOf (all of it)'

export async function benchLifecycle(state: VaultState, now: Date): Promise<Outcome[]> {
  const evaluation = await benchEvaluation(state, now)
  return [evaluation, await benchPass(state, now)]
}

/**
 * What one engine pass decides, without its file I/O: every secret's status and due deletion,
 * its due reminders against the ledger, and the next moment to wake for. The ledger holds what the
 * first decision sent, as it would at every pass after the first.
 */
async function benchPass(state: VaultState, now: Date): Promise<Outcome> {
  const nowMs = now.getTime()
  const secrets = Object.values(state.secrets)
  const ledger = new Set<string>()
  let decided = 0
  const decide = (record: boolean): void => {
    let next = Infinity
    for (const secret of secrets) {
      const instants = instantsOf(secret)
      const { deletesAt } = statusOf(secret, nowMs)
      if (deletesAt !== null && deletesAt <= nowMs) sink++
      const due = dueReminders(
        { id: secret.id, instants, since: instants.updatedAt },
        state.settings,
        nowMs,
        ledger,
      )
      for (const m of due) {
        if (record) ledger.add(ledgerId(secret.id, m.kind, toIso(m.dueAt), m.offsetDays))
        decided++
      }
      const at = nextMoment(instants, state.settings, nowMs, true)
      if (at !== null && at < next) next = at
    }
    sink += next === Infinity ? 0 : 1
  }
  const firstMs = timeSync(() => decide(true))
  const firstSent = decided
  decided = 0
  const { subject, baseline } = await paired(
    21,
    3,
    () => timeSync(() => decide(false)),
    () =>
      timeSync(() => {
        for (const secret of Object.values(state.secrets)) sink += Date.parse(secret.lastActivityAt)
      }),
  )
  const count = secrets.length
  return {
    row: {
      id: 'lifecycle-pass',
      label: `lifecycle: engine pass decisions × ${count}`,
      unit: 'ms',
      value: subject,
      baseline,
      baselineLabel: `Date.parse × ${count} (floor)`,
      target: { maxValue: 20 },
    },
    details: [
      `lifecycle pass: first decision ${firstMs.toFixed(2)} ms (${firstSent} reminders due); the timed passes find them in the ledger${decided > 0 ? ` (yet decided ${decided} again: a bug)` : ''}`,
    ],
    extra: { firstMs: round2(firstMs), firstSent },
  }
}

async function benchEvaluation(state: VaultState, now: Date): Promise<Outcome> {
  const statuses: Record<SecretStatus, number> = {
    active: 0,
    inactive: 0,
    'scheduled-for-deletion': 0,
    expired: 0,
  }
  const evaluateAll = (count: boolean): number =>
    timeSync(() => {
      for (const secret of Object.values(state.secrets)) {
        const { status, deletesAt } = statusOf(secret, now.getTime())
        if (count) statuses[status]++
        sink += deletesAt === null ? 0 : 1
      }
    })
  const coldMs = evaluateAll(true)
  const { subject, baseline } = await paired(
    21,
    3,
    () => evaluateAll(false),
    () =>
      timeSync(() => {
        for (const secret of Object.values(state.secrets)) sink += Date.parse(secret.lastActivityAt)
      }),
  )
  const breakdown = lifecycleParts(state, now, () => evaluateAll(false))
  if (sink === 42) console.log('') // keeps the loops observable, so they cannot be optimized away
  const count = Object.keys(state.secrets).length
  return {
    row: {
      id: 'lifecycle',
      label: `lifecycle: statusOf × ${count}`,
      unit: 'ms',
      value: subject,
      baseline,
      baselineLabel: `Date.parse × ${count} (floor)`,
      target: { maxValue: 10 },
    },
    details: [
      formatBreakdown(
        'where lifecycle evaluation goes: each piece over all secrets, timed round-robin with statusOf (shares of it)',
        breakdown,
        breakdown[ALL],
      ),
      `lifecycle: first (cold) run, parsing every secret's instants, ${coldMs.toFixed(2)} ms; statuses ${Object.entries(
        statuses,
      )
        .map(([status, n]) => `${status} ${n}`)
        .join(', ')}`,
    ],
    extra: { coldMs: round2(coldMs), statuses, parts: round2All(breakdown) },
  }
}

/**
 * Medians of 21 runs of each piece of work evaluation does (and of the parsing it no longer does),
 * over all secrets, taken round-robin with statusOf itself so that all see the same machine.
 */
function lifecycleParts(
  state: VaultState,
  now: Date,
  evaluateAll: () => number,
): Record<string, number> {
  const secrets = Object.values(state.secrets)
  const nowMs = now.getTime()
  const inactiveAfter = INACTIVE_AFTER_DAYS * DAY_MS
  const dated = secrets.map((s) => ({
    activity: Date.parse(s.lastActivityAt),
    scheduled: s.scheduledAt === null ? null : Date.parse(s.scheduledAt),
    expires: s.expiresAt === null ? null : Date.parse(s.expiresAt),
  }))
  const pieces: Record<string, () => void> = {
    'Object.values over all secrets': () => {
      sink += Object.values(state.secrets).length
    },
    'instantsOf: the instants parsed once, looked up per secret': () => {
      for (const s of secrets) sink += instantsOf(s).lastActivityAt
    },
    'the rule itself, on instants held as numbers': () => {
      for (const d of dated) {
        if (d.scheduled !== null) sink += d.scheduled + SCHEDULED_DELETE_AFTER_DAYS * DAY_MS
        else if (nowMs >= d.activity + inactiveAfter)
          sink += d.activity + AUTO_DELETE_AFTER_DAYS * DAY_MS
        else if (d.expires !== null && d.expires <= nowMs) sink += 1
      }
    },
    'Date.parse of the ISO dates (what the parsed instants spare)': () => {
      for (const s of secrets) {
        sink += Date.parse(s.lastActivityAt)
        if (s.scheduledAt !== null) sink += Date.parse(s.scheduledAt)
        if (s.expiresAt !== null) sink += Date.parse(s.expiresAt)
      }
    },
  }
  const samples = new Map<string, number[]>([[ALL, []]])
  for (const name of Object.keys(pieces)) samples.set(name, [])
  for (let round = 0; round < 21; round++) {
    samples.get(ALL)!.push(evaluateAll())
    for (const [name, work] of Object.entries(pieces)) samples.get(name)!.push(timeSync(work))
  }
  return Object.fromEntries([...samples].map(([name, ms]) => [name, summarize(ms).median]))
}
