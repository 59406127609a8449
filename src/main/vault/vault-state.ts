/**
 * The decrypted content of a vault and the operations that change it. Pure: applying the same
 * operations to the same state always gives the same state, which is what lets the journal be
 * replayed after a crash or by another process.
 */
import {
  AUDIT_RETENTION_DAYS,
  type Availability,
  type CertificateFacts,
  type CredentialType,
  type Role,
  type Scope,
} from '../../shared/domain'

export interface Usage {
  firstUsedAt: string
  lastUsedAt: string
  count: number
}

export interface StoredSecret {
  id: string
  name: string
  type: CredentialType
  scope: Scope
  availability: Availability | null
  /** Non-secret fields by key: headerName, clientId, url. */
  fields: Record<string, string>
  /** Secret values by key: value, headerValue, clientSecret, certificate, privateKey, pair:KEY. */
  values: Record<string, string>
  /** Key/Value: the keys in the user's order (the values live in `values` as pair:KEY). */
  keys: string[]
  certificate: CertificateFacts | null
  createdAt: string
  updatedAt: string
  lastUsedAt: string | null
  lastActivityAt: string
  expiresAt: string | null
  scheduledAt: string | null
  usages: Record<string, Usage>
  /** DESIGN §1.1 metadata, absent in secrets stored before they existed: notes (≤ 4 KiB). */
  notes?: string
  /** Up to 20 tags, in the user's order. */
  tags?: string[]
  /** Pinned to the top of its scope. */
  favourite?: boolean
  /** The value an edit replaced, kept 30 days for "Restore previous value"; then purged. */
  previous?: PreviousValue | null
}

/** Write-only like every value: it never leaves main, only its fingerprint and dates do. */
export interface PreviousValue {
  values: Record<string, string>
  /** Key/Value: the keys as they were, in order. */
  keys: string[]
  /** The certificate facts that went with the values (certificates only). */
  certificate: CertificateFacts | null
  expiresAt: string | null
  replacedAt: string
}

export interface Profile {
  organization: string
  user: string
  role: Role
}

export interface AuditEntry {
  at: string
  actor: string
  action: string
  secretId?: string
  secretName?: string
  detail?: string
}

/** What a reminder is about (DESIGN §2). `dueAt` is always the instant of the event itself. */
export type ReminderKind =
  /** Turned inactive; dueAt is the automatic deletion. */
  | 'inactive'
  /** Days before a pending deletion (automatic or by hand). */
  | 'deletion-reminder'
  /** The deletion was carried out; dueAt is when it was due. */
  | 'deleted'
  /** Days before the secret expires. */
  | 'expiry-reminder'
  /** The secret expired. */
  | 'expired'
  /** Used again before its deletion, which was cancelled; dueAt is the deletion cancelled. */
  | 'reactivated'

/** One reminder sent, kept in the notification centre. Names and dates only, never a value. */
export interface NotificationRecord {
  /** The ledger key `${secretId}/${kind}/${dueAt}/${offsetDays}`: one reminder per key, ever. */
  id: string
  at: string
  secretId: string
  secretName: string
  /** organization | workspace:NAME | personal */
  scope: string
  kind: ReminderKind
  dueAt: string
  /** Days before dueAt; 0 at the event. */
  offsetDays: number
  read: boolean
}

export interface VaultSettings {
  /** Days before an expiry that a reminder is sent, besides the one at expiry. */
  expiryReminderDays: number[]
  /** The app locks after this many idle minutes (DESIGN §4). */
  autoLockMinutes: number
  /** Audit entries older than this many days are trimmed (DESIGN §3). */
  auditRetentionDays: number
}

export const DEFAULT_SETTINGS: VaultSettings = {
  expiryReminderDays: [30, 7, 1],
  autoLockMinutes: 10,
  auditRetentionDays: AUDIT_RETENTION_DAYS.default,
}

export interface VaultState {
  profile: Profile
  workspaces: string[]
  secrets: Record<string, StoredSecret>
  /** Base64 key for value fingerprints (§1.3); never leaves the vault. */
  fingerprintKey: string
  audit: AuditEntry[]
  /** The notification centre, oldest first; also the ledger that keeps reminders to one each. */
  notifications: NotificationRecord[]
  settings: VaultSettings
}

export type VaultOp =
  | { op: 'profile.set'; profile: Profile }
  | { op: 'workspace.add'; name: string }
  /** Renames the workspace `from` (as stored) to `to`; its secrets move with it. */
  | { op: 'workspace.rename'; from: string; to: string }
  | { op: 'secret.put'; secret: StoredSecret }
  | { op: 'secret.remove'; id: string }
  | { op: 'secret.use'; id: string; consumer: string; at: string }
  /** A view preference: no edit, so no value is written again and nothing else changes. */
  | { op: 'secret.favourite'; id: string; favourite: boolean }
  /** Drops the previous value replaced at `replacedAt`; a newer one (or none) is left alone. */
  | { op: 'previous.purge'; id: string; replacedAt: string }
  | { op: 'audit'; entry: AuditEntry }
  /** Drops every audit entry from before `before` (an ISO instant). */
  | { op: 'audit.trim'; before: string }
  | { op: 'notification.add'; notification: NotificationRecord }
  /** Marks these notifications read; null marks all. */
  | { op: 'notifications.read'; ids: string[] | null }
  | { op: 'settings.set'; settings: VaultSettings }

/**
 * Secrets by scope and lower-case name, built on first use and kept current by applyOps, so the
 * uniqueness check of every registration does not walk every secret.
 */
const nameIndexes = new WeakMap<VaultState['secrets'], Map<string, StoredSecret>>()

const nameIndexKey = (name: string, scope: Scope): string =>
  `${scope.kind === 'workspace' ? `workspace:${scope.workspace.toLowerCase()}` : scope.kind}\n${name.toLowerCase()}`

export function secretByName(
  state: VaultState,
  name: string,
  scope: Scope,
): StoredSecret | undefined {
  let index = nameIndexes.get(state.secrets)
  const found = index?.get(nameIndexKey(name, scope))
  if (!index || (found !== undefined && state.secrets[found.id] !== found)) {
    index = new Map(Object.values(state.secrets).map((s) => [nameIndexKey(s.name, s.scope), s]))
    nameIndexes.set(state.secrets, index)
    return index.get(nameIndexKey(name, scope))
  }
  return found
}

function indexPut(state: VaultState, secret: StoredSecret): void {
  const index = nameIndexes.get(state.secrets)
  if (!index) return
  const previous = state.secrets[secret.id]
  if (previous) index.delete(nameIndexKey(previous.name, previous.scope))
  index.set(nameIndexKey(secret.name, secret.scope), secret)
}

function indexRemove(state: VaultState, id: string): void {
  const previous = state.secrets[id]
  if (previous) nameIndexes.get(state.secrets)?.delete(nameIndexKey(previous.name, previous.scope))
}

/** The ledger keys of a notification list, built on first use and kept current by applyOps. */
const ledgerIndexes = new WeakMap<NotificationRecord[], Set<string>>()

export function ledgerIds(notifications: NotificationRecord[]): Set<string> {
  let ids = ledgerIndexes.get(notifications)
  if (!ids) {
    ids = new Set(notifications.map((n) => n.id))
    ledgerIndexes.set(notifications, ids)
  }
  return ids
}

/**
 * Whether an op drops ciphertext that older files may still hold (a deleted secret, a purged
 * previous value): the snapshot is then rewritten, and a rewrite a crash interrupted is redone.
 */
export function dropsCiphertext(op: VaultOp): boolean {
  return op.op === 'secret.remove' || op.op === 'previous.purge'
}

export function applyOps(state: VaultState, ops: readonly VaultOp[]): void {
  for (const op of ops) applyOp(state, op)
}

function applyOp(state: VaultState, op: VaultOp): void {
  switch (op.op) {
    case 'profile.set':
      state.profile = op.profile
      return
    case 'workspace.add':
      if (!state.workspaces.includes(op.name)) state.workspaces.push(op.name)
      return
    case 'secret.put':
      indexPut(state, op.secret)
      state.secrets[op.secret.id] = op.secret
      return
    case 'secret.remove':
      indexRemove(state, op.id)
      delete state.secrets[op.id]
      return
    case 'workspace.rename':
      renameWorkspace(state, op.from, op.to)
      return
    case 'secret.favourite':
      replaceSecret(state, op.id, (secret) => ({ ...secret, favourite: op.favourite }))
      return
    case 'previous.purge':
      replaceSecret(state, op.id, (secret) =>
        secret.previous?.replacedAt === op.replacedAt ? { ...secret, previous: null } : secret,
      )
      return
    case 'secret.use': {
      const secret = state.secrets[op.id]
      if (!secret) return
      // The consumer is the user's word: "constructor" is a consumer, not Object's property.
      const usage = Object.hasOwn(secret.usages, op.consumer)
        ? secret.usages[op.consumer]
        : undefined
      // A new object, never a change in place: caches keyed by the stored object stay right.
      const used: StoredSecret = {
        ...secret,
        usages: {
          ...secret.usages,
          [op.consumer]: usage
            ? { firstUsedAt: usage.firstUsedAt, lastUsedAt: op.at, count: usage.count + 1 }
            : { firstUsedAt: op.at, lastUsedAt: op.at, count: 1 },
        },
        lastUsedAt: op.at,
        lastActivityAt: op.at,
        scheduledAt: null,
      }
      indexPut(state, used)
      state.secrets[op.id] = used
      return
    }
    case 'audit':
      state.audit.push(op.entry)
      return
    case 'audit.trim':
      state.audit = state.audit.filter((entry) => entry.at >= op.before)
      return
    case 'notification.add': {
      // Two processes may both record a reminder: a ledger key is kept once, the first one.
      const ids = ledgerIds(state.notifications)
      if (ids.has(op.notification.id)) return
      ids.add(op.notification.id)
      state.notifications.push(op.notification)
      return
    }
    case 'notifications.read': {
      const ids = op.ids === null ? null : new Set(op.ids)
      state.notifications = state.notifications.map((n) =>
        n.read || (ids !== null && !ids.has(n.id)) ? n : { ...n, read: true },
      )
      return
    }
    case 'settings.set':
      state.settings = op.settings
      return
  }
}

/**
 * Puts `change(secret)` in place of the secret `id`, if it is there (a state read for one name
 * may not hold it). A new object, never a change in place: caches keyed by the stored object
 * stay right.
 */
function replaceSecret(
  state: VaultState,
  id: string,
  change: (secret: StoredSecret) => StoredSecret,
): void {
  const secret = Object.hasOwn(state.secrets, id) ? state.secrets[id] : undefined
  if (!secret) return
  const next = change(secret)
  if (next === secret) return
  indexPut(state, next)
  state.secrets[id] = next
}

function renameWorkspace(state: VaultState, from: string, to: string): void {
  const at = state.workspaces.indexOf(from)
  if (at < 0) return
  state.workspaces = state.workspaces.map((w, i) => (i === at ? to : w))
  for (const id in state.secrets) {
    const secret = state.secrets[id]!
    if (secret.scope.kind === 'workspace' && secret.scope.workspace === from) {
      replaceSecret(state, id, () => ({ ...secret, scope: { kind: 'workspace', workspace: to } }))
    }
  }
}
