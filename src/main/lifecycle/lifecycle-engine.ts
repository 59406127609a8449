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
  ledgerIds,
  type NotificationRecord,
  type VaultOp,
  type VaultState,
} from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import type { Clock } from './clock'
import type { Notifier } from './notifier'
import { dueReminders, nextMoment, reminderRecord } from './reminder-rules'
import { reminderText } from './reminder-text'
import { deletionDueAt, instantsOf } from './secret-status'

export interface LifecycleEngine {
  /** Re-evaluates now, then at least every 60 s (timers never above 2**31-1 ms). */
  start(): void
  /** Re-evaluate soon (after a change, on resume / unlock-screen). Coalesces. */
  poke(): void
  /** One pass now: carries out due deletions (+purge), records and shows due reminders. */
  runOnce(): Promise<LifecyclePass>
  stop(): void
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
}

/** Who the audit log names for what the engine does. */
export const LIFECYCLE_ACTOR = 'Safehold'
export const MAX_INTERVAL_MS = 60_000
export const MAX_TIMER_MS = 2 ** 31 - 1
/** A pass always waits at least this long for the next, so nothing can make it spin. */
const MIN_INTERVAL_MS = 1_000

const globalTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export function createLifecycleEngine(deps: LifecycleDeps): LifecycleEngine {
  const { store, clock, notifier, timers = globalTimers, remind = true } = deps
  // Records already there when the engine started were shown (or missed) by an earlier process.
  const known = new Set(store.state.notifications.map((n) => n.id))
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
        return { ...planned, compact: planned.ops.some((op) => op.op === 'secret.remove') }
      })
    } finally {
      ownChange = false
    }
  }

  const carryOutDeletions = async (): Promise<{ ids: string[]; records: NotificationRecord[] }> => {
    const nowMs = clock.now().getTime()
    const due = (state: VaultState) =>
      Object.values(state.secrets).filter((s) => deletionDueAt(instantsOf(s)) <= nowMs)
    if (due(store.state).length === 0) return { ids: [], records: [] }
    return own((state) => {
      const ops: VaultOp[] = []
      const records: NotificationRecord[] = []
      for (const secret of due(state)) {
        const dueAt = deletionDueAt(instantsOf(secret))
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
      return { ops, result: { ids: records.map((r) => r.secretId), records } }
    })
  }

  const decideReminders = (state: VaultState, nowMs: number): NotificationRecord[] => {
    const ledger = ledgerIds(state.notifications)
    const records: NotificationRecord[] = []
    for (const secret of Object.values(state.secrets)) {
      const instants = instantsOf(secret)
      const moments = dueReminders(
        { id: secret.id, instants, since: instants.updatedAt },
        state.settings,
        nowMs,
        ledger,
      )
      for (const moment of moments) {
        const scope = scopeToString(secret.scope)
        records.push(reminderRecord({ id: secret.id, name: secret.name, scope }, moment, nowMs))
      }
    }
    return records
  }

  const recordReminders = async (): Promise<NotificationRecord[]> => {
    const nowMs = clock.now().getTime()
    if (decideReminders(store.state, nowMs).length === 0) return []
    // Decided again on the freshest state, under the lock: another process may have sent some.
    return own((state) => {
      const records = decideReminders(state, nowMs)
      const ops = records.flatMap((record): VaultOp[] => [
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
      ])
      return { ops, result: records }
    })
  }

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
    const deletions = await carryOutDeletions()
    const reminders = remind ? await recordReminders() : []
    showNew()
    await store.pruneBackups(clock.now())
    return { deleted: deletions.ids, reminders: [...deletions.records, ...reminders] }
  }

  const runOnce = (): Promise<LifecyclePass> => {
    const next = queue.then(pass, pass)
    queue = next.catch(() => undefined)
    return next
  }

  const nextDelay = (): number => {
    const nowMs = clock.now().getTime()
    const { secrets, settings } = store.state
    let next = Infinity
    for (const secret of Object.values(secrets)) {
      const at = nextMoment(instantsOf(secret), settings, nowMs, remind)
      if (at !== null && at < next) next = at
    }
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
  }
}
