/**
 * The lifecycle engine (DESIGN §2): carries out due deletions, records due reminders in the
 * vault's ledger and shows each new notification record once. Every decision is re-made from the
 * stored instants on each pass, so a missed timer, a sleep, a clock jump or a restart loses
 * nothing: the next pass (at start, after a change, on a poke, at least every 60 s) catches up,
 * and the ledger keeps every reminder to one. Time comes only from the injected clock.
 */
import { scopeToString } from '../../shared/domain'
import type { Timers } from '../usage/clipboard'
import {
  dropsCiphertext,
  type NotificationRecord,
  type VaultOp,
  type VaultState,
} from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import type { Clock } from './clock'
import type { Notifier } from './notifier'
import { planPass } from './pass-plan'
import { reminderRecord } from './reminder-rules'
import { reminderText } from './reminder-text'
import { DAY_MS, PREVIOUS_VALUE_DAYS, toIso } from './secret-status'

export interface LifecycleEngine {
  /** Re-evaluates now, then at least every 60 s (timers never above 2**31-1 ms). */
  start(): void
  /** Re-evaluate soon (after a change, on resume / unlock-screen). Coalesces. */
  poke(): void
  /**
   * One pass now: carries out due deletions (+purge) and purges of previous values, records and
   * shows due reminders. Rejects when a due deletion or reminder cannot be written (a full disk,
   * a tampered vault); on a one-name read (`safehold get`) it reads nothing more unless a
   * deletion or purge may be due.
   */
  runOnce(): Promise<LifecyclePass>
  stop(): void
  /** Resolves once no pass is running: after stop(), nothing touches the store any more. */
  settled(): Promise<void>
}

export interface LifecyclePass {
  /** Ids of the secrets this pass deleted. */
  deleted: string[]
  /** The notification records this pass added: 'deleted' ones and reminders, in order. */
  reminders: NotificationRecord[]
}

export interface LifecycleDeps {
  store: VaultStore
  clock: Clock
  notifier: Notifier
  timers?: Timers
  /** The CLI carries out deletions and records 'deleted' entries but sends no other reminder. */
  remind?: boolean
  /** Told of a pass that failed (it is retried at the next tick); nothing by default. */
  onError?: (error: unknown) => void
  /** Ledger ids this process has shown already (while the vault was locked): not shown again. */
  shown?: Iterable<string>
}

/** Who the audit log names for what the engine does. */
export const LIFECYCLE_ACTOR = 'Safehold'
export const MAX_INTERVAL_MS = 60_000
export const MAX_TIMER_MS = 2 ** 31 - 1
/** What sending a reminder writes: the notification, and its line in the audit log. */
export function reminderOps(record: NotificationRecord): VaultOp[] {
  return [
    { op: 'notification.add', notification: record },
    {
      op: 'audit',
      entry: {
        at: record.at,
        actor: LIFECYCLE_ACTOR,
        action: 'reminder',
        secretId: record.secretId,
        secretName: record.secretName,
        detail: reminderText(record).title,
      },
    },
  ]
}

/** A pass always waits at least this long for the next, so nothing can make it spin. */
const MIN_INTERVAL_MS = 1_000

export const globalTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export function createLifecycleEngine(deps: LifecycleDeps): LifecycleEngine {
  const { store, clock, notifier, timers = globalTimers, remind = true } = deps
  // Records already there when the engine started were shown (or missed) by an earlier process.
  const known = new Set(store.state.notifications.map((n) => n.id))
  for (const id of deps.shown ?? []) known.add(id)
  let scanned = store.state.notifications.length
  let timer: unknown = null
  let started = false
  let unsubscribe: (() => void) | null = null
  let queue: Promise<unknown> = Promise.resolve()
  // Set by the engine's own plan just before its ops are applied, so its change pokes no pass.
  let ownChange = false

  const own = async <T>(plan: (state: VaultState) => { ops: VaultOp[]; result: T }) => {
    try {
      return await store.transact((state) => {
        const planned = plan(state)
        ownChange = planned.ops.length > 0
        return { ...planned, compact: planned.ops.some(dropsCiphertext) }
      })
    } finally {
      ownChange = false
    }
  }

  const carryOutDeletions = async (nowMs: number): Promise<NotificationRecord[]> =>
    own((state) => {
      const ops: VaultOp[] = []
      const records: NotificationRecord[] = []
      for (const { secret, dueAt } of planPass(state, nowMs, false).deletions) {
        const record = reminderRecord(
          { id: secret.id, name: secret.name, scope: scopeToString(secret.scope) },
          { kind: 'deleted', dueAt, offsetDays: 0 },
          nowMs,
        )
        records.push(record)
        ops.push(
          { op: 'secret.remove', id: secret.id },
          {
            op: 'audit',
            entry: {
              at: record.at,
              actor: LIFECYCLE_ACTOR,
              action: 'deleted',
              secretId: secret.id,
              secretName: secret.name,
              detail: secret.scheduledAt === null ? 'unused for 60 days' : 'scheduled deletion due',
            },
          },
          { op: 'notification.add', notification: record },
        )
      }
      return { ops, result: records }
    })

  /**
   * Previous values past their 30 days (DESIGN §1.1), dropped in one transaction that rewrites the
   * snapshot, so their ciphertext leaves the live files at once; backups age out within 30 days.
   */
  const purgePrevious = async (nowMs: number): Promise<void> =>
    own((state) => {
      const ops = planPass(state, nowMs, false).purges.flatMap(({ secret }): VaultOp[] => [
        { op: 'previous.purge', id: secret.id, replacedAt: secret.previous!.replacedAt },
        {
          op: 'audit',
          entry: {
            at: toIso(nowMs),
            actor: LIFECYCLE_ACTOR,
            action: 'previous-value-purged',
            secretId: secret.id,
            secretName: secret.name,
            detail: `the value replaced on ${secret.previous!.replacedAt.slice(0, 10)}, kept ${PREVIOUS_VALUE_DAYS} days`,
          },
        },
      ])
      return { ops, result: undefined }
    })

  // Decided again on the freshest state, under the lock: another process may have sent some.
  const recordReminders = async (nowMs: number): Promise<NotificationRecord[]> =>
    own((state) => {
      const records = planPass(state, nowMs, true).reminders.map(({ secret, moment }) =>
        reminderRecord(
          { id: secret.id, name: secret.name, scope: scopeToString(secret.scope) },
          moment,
          nowMs,
        ),
      )
      const ops = records.flatMap(reminderOps)
      return { ops, result: records }
    })

  /** Every record that appeared since the engine started, from this process or another, once. */
  const showNew = (): void => {
    const list = store.state.notifications
    if (scanned > list.length) scanned = 0
    for (let i = scanned; i < list.length; i++) {
      const record = list[i]!
      if (known.has(record.id)) continue
      known.add(record.id)
      try {
        notifier.show({ ...reminderText(record), secretId: record.secretId })
      } catch (error) {
        deps.onError?.(error)
      }
    }
    scanned = list.length
  }

  const pass = async (): Promise<LifecyclePass> => {
    if (store.partial) {
      // `safehold get` read one name: the whole vault is read only when a deletion may be due.
      if (!store.deletionMayBeDue(clock.now().getTime())) return { deleted: [], reminders: [] }
      await store.loadWhole()
      for (const record of store.state.notifications) known.add(record.id)
    }
    await store.refresh()
    const nowMs = clock.now().getTime()
    // Planned first on the state just read, so a pass with nothing to do takes no write lock.
    const plan = planPass(store.state, nowMs, remind)
    const deleted = plan.deletions.length > 0 ? await carryOutDeletions(nowMs) : []
    if (plan.purges.length > 0) await purgePrevious(nowMs)
    const reminders = plan.reminders.length > 0 ? await recordReminders(nowMs) : []
    showNew()
    try {
      await trimAudit(nowMs)
      await store.pruneBackups(clock.now())
    } catch (error) {
      // Tidying: a full disk or a read-only folder must not fail a pass that reads; next pass.
      deps.onError?.(error)
    }
    return { deleted: deleted.map((r) => r.secretId), reminders: [...deleted, ...reminders] }
  }

  /** Drops the audit entries older than the vault's retention, saying how many in one more. */
  const trimAudit = async (nowMs: number): Promise<void> => {
    const cutoff = (state: VaultState): string =>
      new Date(nowMs - state.settings.auditRetentionDays * DAY_MS).toISOString()
    const old = (state: VaultState): number =>
      state.audit.filter((entry) => entry.at < cutoff(state)).length
    if (old(store.state) === 0) return
    await store.transact((state) => {
      const count = old(state)
      if (count === 0) return { ops: [], result: undefined }
      const days = state.settings.auditRetentionDays
      return {
        ops: [
          { op: 'audit.trim', before: cutoff(state) },
          {
            op: 'audit',
            entry: {
              at: new Date(nowMs).toISOString(),
              actor: state.profile.user,
              action: 'audit-trimmed',
              detail: `${count} ${count === 1 ? 'entry' : 'entries'} older than ${days} days removed`,
            },
          },
        ],
        result: undefined,
      }
    })
  }

  const runOnce = (): Promise<LifecyclePass> => {
    const next = queue.then(pass, pass)
    queue = next.catch(() => undefined)
    return next
  }

  const nextDelay = (): number => {
    const nowMs = clock.now().getTime()
    const next = planPass(store.state, nowMs, remind).next ?? Infinity
    return Math.max(MIN_INTERVAL_MS, Math.min(MAX_INTERVAL_MS, next - nowMs))
  }

  const arm = (ms: number): void => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = timers.setTimeout(() => void tick(), Math.min(ms, MAX_TIMER_MS))
  }

  const tick = async (): Promise<void> => {
    timer = null
    let delay = MAX_INTERVAL_MS
    try {
      await runOnce()
      delay = nextDelay()
    } catch (error) {
      // A full disk or a tampered vault: try again at the next tick, not in a loop.
      deps.onError?.(error)
    }
    // A poke during the pass already armed the next one.
    if (started && timer === null) arm(delay)
  }

  const poke = (): void => {
    if (started) arm(0)
  }

  return {
    start() {
      if (started) return
      started = true
      unsubscribe = store.onChange(() => {
        if (!ownChange) poke()
      })
      void tick()
    },
    poke,
    runOnce,
    stop() {
      started = false
      if (timer !== null) timers.clearTimeout(timer)
      timer = null
      unsubscribe?.()
      unsubscribe = null
    },
    settled: () => queue.then(() => undefined),
  }
}
