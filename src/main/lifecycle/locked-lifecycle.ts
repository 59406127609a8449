/**
 * Reminders while the vault is locked (DESIGN §2, §4). At lock the engine keeps a copy of the
 * vault's metadata with every value, previous value and the fingerprint key gone: names, scopes,
 * dates, the reminder settings and the ledger. From it, reminders that fall due are shown once and
 * kept in memory, each under its ledger id, and written to the vault's ledger at the next unlock
 * (recordHeld), where the ids keep every one to one. A deletion that falls due needs the key: it is
 * announced once as waiting, and the first pass after unlock (or the next CLI) carries it out.
 * Nothing here can decrypt, write or read the vault files. Time comes only from the clock.
 */
import { scopeToString } from '../../shared/domain'
import type { Timers } from '../usage/clipboard'
import {
  applyOps,
  ledgerIds,
  type NotificationRecord,
  type StoredSecret,
  type VaultState,
} from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import type { Clock } from './clock'
import { MAX_INTERVAL_MS, reminderOps } from './lifecycle-engine'
import type { Notifier } from './notifier'
import { planPass } from './pass-plan'
import { reminderRecord } from './reminder-rules'
import { deletionWaitsText, reminderText } from './reminder-text'

const MIN_INTERVAL_MS = 1_000

/** What a lifecycle pass reads of a secret, and nothing more. */
function datesOnly(secret: StoredSecret): StoredSecret {
  return {
    id: secret.id,
    name: secret.name,
    type: secret.type,
    scope: secret.scope,
    availability: null,
    fields: {},
    values: {},
    keys: [],
    certificate: null,
    createdAt: secret.createdAt,
    updatedAt: secret.updatedAt,
    lastUsedAt: secret.lastUsedAt,
    lastActivityAt: secret.lastActivityAt,
    expiresAt: secret.expiresAt,
    scheduledAt: secret.scheduledAt,
    usages: {},
  }
}

/** The vault's metadata for reminders: no value, no previous value, no fingerprint key, no audit. */
export function metadataOnly(state: VaultState): VaultState {
  const secrets: Record<string, StoredSecret> = {}
  for (const id in state.secrets) secrets[id] = datesOnly(state.secrets[id]!)
  return {
    profile: { organization: '', user: '', role: 'member' },
    workspaces: [],
    secrets,
    fingerprintKey: '',
    audit: [],
    notifications: state.notifications.map((record) => ({ ...record })),
    settings: {
      ...state.settings,
      expiryReminderDays: [...state.settings.expiryReminderDays],
    },
  }
}

export interface LockedLifecycle {
  /** Looks now, then at least every 60 s (timers never above 2**31-1 ms). */
  start(): void
  /** Look again soon (resume, unlock-screen). */
  poke(): void
  stop(): void
  /** The reminders shown while locked, oldest first: for the ledger at unlock. */
  held(): NotificationRecord[]
}

export interface LockedLifecycleDeps {
  /** A metadataOnly copy, owned from here on. */
  state: VaultState
  clock: Clock
  notifier: Notifier
  timers: Timers
  onError?: (error: unknown) => void
}

export function createLockedLifecycle(deps: LockedLifecycleDeps): LockedLifecycle {
  const { state, clock, notifier, timers } = deps
  const held: NotificationRecord[] = []
  const waiting = new Set<string>()
  let timer: unknown = null
  let started = false

  const show = (text: { title: string; body: string }, secretId: string): void => {
    try {
      notifier.show({ ...text, secretId })
    } catch (error) {
      deps.onError?.(error)
    }
  }

  /** One pass: returns when to look next. */
  const pass = (): number => {
    const nowMs = clock.now().getTime()
    const plan = planPass(state, nowMs, true)
    for (const { secret, moment } of plan.reminders) {
      const record = reminderRecord(
        { id: secret.id, name: secret.name, scope: scopeToString(secret.scope) },
        moment,
        nowMs,
      )
      if (ledgerIds(state.notifications).has(record.id)) continue
      applyOps(state, [{ op: 'notification.add', notification: record }])
      held.push(record)
      show(reminderText(record), record.secretId)
    }
    for (const { secret, dueAt } of plan.deletions) {
      const key = `${secret.id}/${dueAt}`
      if (waiting.has(key)) continue
      waiting.add(key)
      show(
        deletionWaitsText({ secretName: secret.name, dueAt: new Date(dueAt).toISOString() }),
        secret.id,
      )
    }
    const next = plan.next ?? Infinity
    return Math.max(MIN_INTERVAL_MS, Math.min(MAX_INTERVAL_MS, next - nowMs))
  }

  const arm = (ms: number): void => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = timers.setTimeout(tick, ms)
  }

  const tick = (): void => {
    timer = null
    if (!started) return
    let delay = MAX_INTERVAL_MS
    try {
      delay = pass()
    } catch (error) {
      deps.onError?.(error)
    }
    if (started && timer === null) arm(delay)
  }

  return {
    start() {
      if (started) return
      started = true
      tick()
    },
    poke() {
      if (started) arm(0)
    },
    stop() {
      started = false
      if (timer !== null) timers.clearTimeout(timer)
      timer = null
    },
    held: () => [...held],
  }
}

/**
 * Writes the reminders shown while locked into the ledger of the reopened vault, with their audit
 * entries; one another process recorded meanwhile is kept once.
 */
export async function recordHeld(
  store: VaultStore,
  held: readonly NotificationRecord[],
): Promise<void> {
  if (held.length === 0) return
  await store.transact((state) => {
    const ledger = ledgerIds(state.notifications)
    const ops = held.filter((record) => !ledger.has(record.id)).flatMap(reminderOps)
    return { ops, result: null }
  })
}
