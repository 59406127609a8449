/**
 * The vault's History (DESIGN §3, §6.4): the audit log filtered as `safehold audit` filters it —
 * by secret, since an instant, by action and by scope — newest first, in the UI's words for fields
 * (history-labels.ts). Entries hold names, labels and dates, never a value. A function of the
 * vault's state and the filter; a log of years is read in steps that each leave the event loop
 * free, so no log holds up the main process.
 */
import type { Scope } from '../../shared/domain'
import { nameKey } from '../../shared/name-text'
import type { AuditEntry, VaultState } from '../vault/vault-state'
import { historyDetail } from './history-labels'
import { scopeKey } from './secret-lookup'

export interface AuditFilter {
  /**
   * Part of a secret's name, in any case: every entry of each secret whose name holds it, now or
   * when an entry was written (so a renamed secret's whole history matches by either name, and a
   * deleted one's by the name its entries carry).
   */
  secret?: string
  /** Only entries at or after this instant (ms since the epoch). */
  since?: number
  action?: string
  /**
   * Only entries about a secret in this scope. The log does not record scopes, so a deleted
   * secret's entries, whose scope is gone with it, match no scope.
   */
  scope?: Scope
}

export interface AuditRow {
  at: string
  actor: string
  action: string
  /** The secret's name when the entry was written; null for the vault's own entries. */
  secret: string | null
  detail?: string
}

export interface AuditPage {
  /** The matching entries, newest first, at most `limit` of them. */
  entries: AuditRow[]
  /** How many entries match in all. */
  total: number
  /** Every action the log holds, for the action filter to offer; sorted. */
  actions: string[]
}

/** History shows at most this many entries at once; the filters narrow the rest. */
export const HISTORY_LIMIT = 2_000
/** Entries read between two returns to the event loop: a few milliseconds' work. */
const STEP = 10_000

const breathe = (): Promise<void> => new Promise((done) => setImmediate(done))

/** Calls `each` on every entry, newest first, returning to the event loop every STEP entries. */
async function newestFirst(audit: readonly AuditEntry[], each: (entry: AuditEntry) => void) {
  for (let index = audit.length - 1; index >= 0; index--) {
    if (index % STEP === 0) await breathe()
    each(audit[index]!)
  }
}

/** Whether a name holds `wanted` (lower case), worked out once per distinct name. */
function nameTest(wanted: string): (name: string) => boolean {
  const known = new Map<string, boolean>()
  return (name) => {
    let holds = known.get(name)
    if (holds === undefined) {
      holds = name.toLowerCase().includes(wanted)
      known.set(name, holds)
    }
    return holds
  }
}

/**
 * The ids of the secrets `holds` names: live secrets whose name holds it, and any secret an entry
 * recorded under such a name (an old name finds a renamed secret; a deleted one, its entries).
 */
async function secretsNamed(
  state: VaultState,
  audit: readonly AuditEntry[],
  holds: (name: string) => boolean,
): Promise<Set<string>> {
  const ids = new Set<string>()
  for (const secret of Object.values(state.secrets)) if (holds(secret.name)) ids.add(secret.id)
  await newestFirst(audit, ({ secretId, secretName }) => {
    if (secretId !== undefined && secretName !== undefined && holds(secretName)) ids.add(secretId)
  })
  return ids
}

/** One pass over a log of a year or more: every test is a comparison or a set lookup. */
async function matcher(
  state: VaultState,
  audit: readonly AuditEntry[],
  filter: AuditFilter,
): Promise<(entry: AuditEntry) => boolean> {
  const wanted = filter.secret === undefined ? '' : nameKey(filter.secret)
  const holds = nameTest(wanted)
  const named = wanted === '' ? null : await secretsNamed(state, audit, holds)
  const inScope =
    filter.scope === undefined
      ? null
      : new Set(
          Object.values(state.secrets)
            .filter((secret) => scopeKey(secret.scope) === scopeKey(filter.scope!))
            .map((secret) => secret.id),
        )
  // Entries are stamped by toISOString: as text, their order is their order in time.
  const since = filter.since === undefined ? null : new Date(filter.since).toISOString()
  const { action } = filter
  return (entry) => {
    if (action !== undefined && entry.action !== action) return false
    if (since !== null && entry.at < since) return false
    if (inScope !== null && (entry.secretId === undefined || !inScope.has(entry.secretId)))
      return false
    if (named === null) return true
    if (entry.secretId !== undefined) return named.has(entry.secretId)
    return entry.secretName !== undefined && holds(entry.secretName)
  }
}

export async function auditPage(
  state: VaultState,
  filter: AuditFilter,
  limit: number = HISTORY_LIMIT,
): Promise<AuditPage> {
  // The log as it is now: what the vault writes meanwhile is for the next look.
  const audit = state.audit.slice()
  const matches = await matcher(state, audit, filter)
  const entries: AuditRow[] = []
  const actions = new Set<string>()
  let total = 0
  await newestFirst(audit, (entry) => {
    actions.add(entry.action)
    if (!matches(entry)) return
    total++
    if (entries.length >= limit) return
    const { at, actor, action, secretName, detail } = entry
    const row: AuditRow = { at, actor, action, secret: secretName ?? null }
    if (detail !== undefined) row.detail = historyDetail(action, detail)
    entries.push(row)
  })
  return { entries, total, actions: [...actions].sort() }
}
