/**
 * Moving a whole vault to another machine: an export sealed under a passphrase of its own (see
 * export-file.ts), and its import, which adds every secret in one vault transaction — all of them
 * or, on any refusal or crash, none. A name an imported secret would take from an existing one is
 * never taken by accident: the import fails naming the clashes, skips them, or renames them, as
 * asked. Imported secrets count as activity (they arrive Active); their values, metadata, usages
 * and a previous value still in its 30 days come with them. Both directions are audited, without
 * a value.
 */
import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import type { Scope } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { nameKey, scopePhrase } from '../../shared/name-text'
import type { Clock } from '../lifecycle/clock'
import { DAY_MS, PREVIOUS_VALUE_DAYS, statusOf } from '../lifecycle/secret-status'
import { openExport, sealExport } from '../vault/export-file'
import { writePrivateOutput } from '../vault/private-output'
import { checkPassphraseStrength } from '../vault/vault-key'
import type { StoredSecret, VaultOp, VaultState } from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import { auditOp } from './audit-op'
import { namesText } from './env-import'
import { parsePayload, payloadOf, type ExportedSecret, type ExportPayload } from './export-payload'
import { canManageOrganization } from './permissions'
import { findByName } from './secret-lookup'

export const CONFLICT_MODES = ['fail', 'skip', 'rename'] as const
export type ConflictMode = (typeof CONFLICT_MODES)[number]

export interface ImportedName {
  name: string
  scope: Scope
  /** The name it had in the export, when it was renamed. */
  renamedFrom?: string
}

export interface VaultImportResult {
  imported: ImportedName[]
  /** Left out under `skip`: the existing secret of that name was kept. */
  skipped: ImportedName[]
  workspacesAdded: string[]
}

const MAX_NAME = 64

export class VaultTransfer {
  constructor(
    private readonly store: VaultStore,
    private readonly clock: Clock,
  ) {}

  /** Writes the export to `out` (see writePrivateOutput); audited once it is in place. */
  async exportTo(out: string, passphrase: string, force: boolean, what: string): Promise<number> {
    checkPassphraseStrength(passphrase)
    await this.store.refresh()
    const now = this.clock.now()
    const nowMs = now.getTime()
    const payload = payloadOf(this.store.state, now, (secret) => {
      const { deletesAt } = statusOf(secret, nowMs)
      return deletesAt !== null && deletesAt <= nowMs
    })
    const plaintext = Buffer.from(JSON.stringify(payload), 'utf8')
    let sealed: Buffer
    try {
      sealed = await sealExport(plaintext, passphrase)
    } finally {
      plaintext.fill(0)
    }
    writePrivateOutput(out, sealed, { force, what, option: '--out' })
    const count = payload.secrets.length
    try {
      await this.store.transact((state) => ({
        ops: [auditOp(this.clock, state, 'export', undefined, `${count} secrets`)],
        result: null,
      }))
    } catch (error) {
      // An export the audit log does not record must not exist.
      rmSync(out, { force: true })
      throw error
    }
    return count
  }

  /** Decrypts, checks the whole file, then adds its secrets in one transaction. */
  async importFrom(
    file: Buffer,
    passphrase: string,
    mode: ConflictMode,
  ): Promise<VaultImportResult> {
    const plaintext = await openExport(file, passphrase)
    let payload: ExportPayload
    try {
      payload = parsePayload(plaintext)
    } finally {
      plaintext.fill(0)
    }
    const now = this.clock.now()
    return this.store.transact((state) => {
      const plan = planImport(state, payload, mode)
      const ops: VaultOp[] = plan.workspacesAdded.map((name) => ({ op: 'workspace.add', name }))
      for (const { secret, name, scope, renamedFrom } of plan.secrets) {
        const stored = storedSecret(secret, name, scope, now)
        const detail =
          renamedFrom === undefined
            ? 'from a vault export'
            : `from a vault export, renamed from ${renamedFrom} (that name was taken)`
        ops.push(
          { op: 'secret.put', secret: stored },
          auditOp(this.clock, state, 'import', stored, detail),
        )
      }
      const imported = plan.secrets.map(({ name, scope, renamedFrom }) =>
        renamedFrom === undefined ? { name, scope } : { name, scope, renamedFrom },
      )
      const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`
      const renamed = imported.filter((s) => s.renamedFrom !== undefined).length
      const summary = `a vault export: ${count(imported.length, 'secret')} imported, ${plan.skipped.length} skipped, ${renamed} renamed, ${count(plan.workspacesAdded.length, 'workspace')} added`
      ops.push(auditOp(this.clock, state, 'import', undefined, summary))
      return {
        ops,
        result: { imported, skipped: plan.skipped, workspacesAdded: plan.workspacesAdded },
      }
    })
  }
}

interface PlannedSecret {
  secret: ExportedSecret
  name: string
  scope: Scope
  renamedFrom?: string
}

/** Where each secret goes and under which name; throws when the import must not happen. */
function planImport(state: VaultState, payload: ExportPayload, mode: ConflictMode) {
  const workspaces = new Map(state.workspaces.map((w) => [nameKey(w), w]))
  const workspacesAdded: string[] = []
  const workspaceOf = (name: string): string => {
    const found = workspaces.get(nameKey(name))
    if (found !== undefined) return found
    workspaces.set(nameKey(name), name)
    workspacesAdded.push(name)
    return name
  }
  for (const name of payload.workspaces) workspaceOf(name)
  const placed = payload.secrets.map((secret) => {
    const scope: Scope =
      secret.scope.kind === 'workspace'
        ? { kind: 'workspace', workspace: workspaceOf(secret.scope.workspace) }
        : secret.scope
    return { secret, scope, taken: findByName(state, secret.name, scope) !== undefined }
  })
  const clashes = placed.filter((p) => p.taken)
  if (clashes.length > 0 && mode === 'fail') throw clashError(clashes)
  // The names the import keeps are reserved first, so a renamed one never takes one of them.
  const used = new Set(placed.filter((p) => !p.taken).map((p) => usedKey(p.scope, p.secret.name)))
  const secrets: PlannedSecret[] = []
  const skipped: { name: string; scope: Scope }[] = []
  for (const { secret, scope, taken } of placed) {
    if (!taken) secrets.push({ secret, name: secret.name, scope })
    else if (mode === 'skip') skipped.push({ name: secret.name, scope })
    else {
      const name = freeName(state, secret.name, scope, used)
      used.add(usedKey(scope, name))
      secrets.push({ secret, name, scope, renamedFrom: secret.name })
    }
  }
  const organization = secrets.filter((s) => s.scope.kind === 'organization').length
  if (organization > 0 && !canManageOrganization(state.profile.role)) {
    throw new SafeholdError(
      'FORBIDDEN_SCOPE',
      `The export holds ${organization} organization secret${organization === 1 ? '' : 's'}, and only an Account Holder or Account Manager can add organization secrets. Nothing was imported.`,
      'scope',
    )
  }
  return { secrets, skipped, workspacesAdded }
}

const usedKey = (scope: Scope, name: string): string =>
  `${scope.kind === 'workspace' ? `workspace:${nameKey(scope.workspace)}` : scope.kind}\n${name.toLowerCase()}`

/** "NAME-imported", then "NAME-imported-2", …: free in the vault and in this import. */
function freeName(state: VaultState, name: string, scope: Scope, used: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '-imported' : `-imported-${n}`
    const candidate = name.slice(0, MAX_NAME - suffix.length) + suffix
    if (!used.has(usedKey(scope, candidate)) && findByName(state, candidate, scope) === undefined)
      return candidate
  }
}

function clashError(clashes: { secret: ExportedSecret; scope: Scope }[]): SafeholdError {
  const byScope = new Map<string, { scope: Scope; names: string[] }>()
  for (const { secret, scope } of clashes) {
    const key = usedKey(scope, '')
    const group = byScope.get(key) ?? { scope, names: [] }
    group.names.push(secret.name)
    byScope.set(key, group)
  }
  const where = [...byScope.values()]
    .map(({ scope, names }) => `${namesText(names)} in ${scopePhrase(scope)}`)
    .join('; ')
  const count = clashes.length
  return new SafeholdError(
    'NAME_TAKEN',
    `${count === 1 ? 'A secret of the export has a name' : `${count} secrets of the export have names`} already taken in this vault: ${where}. Nothing was imported; give --on-conflict skip to keep the existing ones, or --on-conflict rename to import them under new names.`,
    'name',
  )
}

function storedSecret(secret: ExportedSecret, name: string, scope: Scope, now: Date): StoredSecret {
  const at = now.toISOString()
  const record = (list: { key: string; value: string }[]): Record<string, string> =>
    Object.fromEntries(list.map(({ key, value }) => [key, value]))
  const previous = secret.previous
  // A previous value keeps its own 30 days; one from a clock ahead of ours starts them now.
  const replacedAt = previous === null ? null : previous.replacedAt > at ? at : previous.replacedAt
  const keepPrevious =
    previous !== null &&
    replacedAt !== null &&
    Date.parse(replacedAt) + PREVIOUS_VALUE_DAYS * DAY_MS > now.getTime()
  return {
    id: randomUUID(),
    name,
    type: secret.type,
    scope,
    availability: secret.availability,
    fields: record(secret.fields),
    values: record(secret.values),
    keys: [...secret.keys],
    certificate: secret.certificate,
    createdAt: secret.createdAt,
    updatedAt: secret.updatedAt,
    lastUsedAt: secret.lastUsedAt,
    // Arriving in a vault is activity: an old export never brings a secret in already inactive.
    lastActivityAt: at,
    expiresAt: secret.expiresAt,
    scheduledAt: null,
    usages: Object.fromEntries(
      secret.usages.map(({ consumer, ...usage }) => [consumer, usage] as const),
    ),
    ...(secret.notes ? { notes: secret.notes } : {}),
    ...(secret.tags?.length ? { tags: secret.tags } : {}),
    ...(secret.favourite ? { favourite: true } : {}),
    previous: keepPrevious
      ? { ...previous, values: record(previous.values), replacedAt: replacedAt }
      : null,
  }
}
