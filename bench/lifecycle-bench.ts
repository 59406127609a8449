/**
 * §8 "lifecycle evaluation of all secrets ≤ 10 ms": evaluateStatus over every secret, beside the
 * least any evaluation must do today (parse one ISO date per secret). The first, unoptimized run
 * is kept too: it is the one a freshly started app pays. The breakdown times what evaluateStatus
 * does, piece by piece, including the same rule on dates already held as numbers.
 */
import type { SecretStatus } from '../src/shared/domain'
import {
  AUTO_DELETE_AFTER_DAYS,
  DAY_MS,
  statusOf,
  INACTIVE_AFTER_DAYS,
  SCHEDULED_DELETE_AFTER_DAYS,
} from '../src/main/lifecycle/secret-status'
import type { VaultState } from '../src/main/vault/vault-state'
import { formatBreakdown, round2All, type Outcome } from './bench-report'
import { paired, round2, summarize, timeSync } from './measure'

let sink = 0
const ALL = 'evaluateStatus (all of it)'

export async function benchLifecycle(state: VaultState, now: Date): Promise<Outcome> {
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
      label: `lifecycle: evaluateStatus × ${count}`,
      unit: 'ms',
      value: subject,
      baseline,
      baselineLabel: `Date.parse × ${count} (floor)`,
      target: { maxValue: 10 },
    },
    details: [
      formatBreakdown(
        'where lifecycle evaluation goes: each piece over all secrets, timed round-robin with evaluateStatus (shares of it)',
        breakdown,
        breakdown[ALL],
      ),
      `lifecycle: first (cold) run ${coldMs.toFixed(2)} ms; statuses ${Object.entries(statuses)
        .map(([status, n]) => `${status} ${n}`)
        .join(', ')}`,
    ],
    extra: { coldMs: round2(coldMs), statuses, parts: round2All(breakdown) },
  }
}

/**
 * Medians of 21 runs of each piece of work evaluateStatus does, over all secrets, taken
 * round-robin with evaluateStatus itself so that all of them see the same machine.
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
    'Date.parse of the ISO dates it reads': () => {
      for (const s of secrets) {
        if (s.scheduledAt !== null) sink += Date.parse(s.scheduledAt)
        else {
          const activity = Date.parse(s.lastActivityAt)
          sink += activity
          if (nowMs < activity + inactiveAfter && s.expiresAt !== null)
            sink += Date.parse(s.expiresAt)
        }
      }
    },
    'deletesAt: new Date(…).toISOString() (inactive, scheduled)': () => {
      for (const d of dated) {
        if (d.scheduled !== null) {
          sink += new Date(d.scheduled + SCHEDULED_DELETE_AFTER_DAYS * DAY_MS).toISOString().length
        } else if (nowMs >= d.activity + inactiveAfter) {
          sink += new Date(d.activity + AUTO_DELETE_AFTER_DAYS * DAY_MS).toISOString().length
        }
      }
    },
    'the rule itself, on dates held as epoch-ms numbers': () => {
      for (const d of dated) {
        if (d.scheduled !== null) sink += d.scheduled + SCHEDULED_DELETE_AFTER_DAYS * DAY_MS
        else if (nowMs >= d.activity + inactiveAfter)
          sink += d.activity + AUTO_DELETE_AFTER_DAYS * DAY_MS
        else if (d.expires !== null && d.expires <= nowMs) sink += 1
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
