/**
 * Importing a `.env` file's pairs as secrets (DESIGN §6.1 `import --env`, the app's "Import
 * .env"): one Key/Value secret holding every pair, or one Key/Value secret per key, named after
 * the key. Every rule of a registration applies, and every problem — a key that cannot be a
 * secret name, a value refused, a name already taken — is found before anything is saved: either
 * all the secrets are added, in one vault transaction, or none, with one message naming them all.
 * What leaves this module is names and keys, never a value.
 */
import { randomUUID } from 'node:crypto'
import type { Availability, Scope } from '../../shared/domain'
import { isSafeholdError, SafeholdError, type ErrorCode } from '../../shared/errors'
import { nameTakenMessage, quoted, scopePhrase } from '../../shared/name-text'
import type { KeyValuePair } from '../../shared/secret-requests'
import { kvPairsSchema, MAX_KV_PAIRS } from '../../shared/secret-rules'
import type { CertificateReader } from '../certificates/certificate-reader'
import type { Clock } from '../lifecycle/clock'
import type { StoredSecret, VaultOp, VaultState } from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import { auditOp } from './audit-op'
import { assertMayChange } from './permissions'
import { existingScope } from './scope-names'
import { validateRegistration, type ValidRegistration } from './secret-input'
import { findByName } from './secret-lookup'

export type EnvImportMode = { kind: 'one'; name: string } | { kind: 'per-key' }

export interface EnvImportRequest {
  pairs: KeyValuePair[]
  mode: EnvImportMode
  scope: Scope
  availability?: Availability | null | undefined
}

export interface EnvImportProblem {
  code: ErrorCode
  /** Where the dialog shows it: name, pairs, scope, workspace or availability. */
  field: string
  message: string
}

export interface EnvImportPlan {
  /** The file's keys, in its order. */
  keys: string[]
  /** The secrets the import would add: their names and keys. */
  secrets: { name: string; keys: string[] }[]
  problems: EnvImportProblem[]
}

/** `"A", "B" and "C"`; names that cannot be shown are counted, and a long list is cut short. */
export function namesText(names: readonly string[], most = 10): string {
  const shown = names.slice(0, most).map((name) => quoted(name, 'one more'))
  const rest = names.length - shown.length
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`
  return shown.length <= 1
    ? (shown[0] ?? '')
    : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}

/** A Key/Value registration reads no certificate file. */
const noCertificates: CertificateReader = {
  read: () => Promise.reject(new Error('A .env import reads no certificate.')),
}

export class EnvImport {
  constructor(
    private readonly store: VaultStore,
    private readonly clock: Clock,
  ) {}

  /** What the import would add, and every problem it would meet; nothing is written. */
  async preview(request: EnvImportRequest): Promise<EnvImportPlan> {
    const { valid, problems } = await validate(request, this.clock.now())
    await this.store.refresh()
    return {
      keys: request.pairs.map((pair) => pair.key),
      secrets: groups(request).map(({ name, pairs }) => ({ name, keys: pairs.map((p) => p.key) })),
      problems: [...problems, ...stateProblems(this.store.state, request, valid)],
    }
  }

  /** Adds every secret, or none: the first call that meets a problem throws them all. */
  async commit(request: EnvImportRequest): Promise<StoredSecret[]> {
    const now = this.clock.now()
    const { valid, problems } = await validate(request, now)
    if (problems.length > 0) throw combined(problems)
    return this.store.transact((state) => {
      const found = stateProblems(state, request, valid)
      if (found.length > 0) throw combined(found)
      const scope = existingScope(state, valid[0]!.scope)
      const at = now.toISOString()
      const ops: VaultOp[] = []
      const stored = valid.map((registration): StoredSecret => {
        const secret = storedOf(registration, scope, at)
        ops.push(
          { op: 'secret.put', secret },
          auditOp(this.clock, state, 'import', secret, 'from a .env file'),
        )
        return secret
      })
      return { ops, result: stored }
    })
  }
}

/** The secrets the request asks for, before any rule: their names and pairs. */
function groups(request: EnvImportRequest): { name: string; pairs: KeyValuePair[] }[] {
  return request.mode.kind === 'one'
    ? [{ name: request.mode.name, pairs: request.pairs }]
    : request.pairs.map((pair) => ({ name: pair.key, pairs: [pair] }))
}

/** The registration rules of every secret, which depend on the request alone. */
async function validate(
  request: EnvImportRequest,
  now: Date,
): Promise<{ valid: ValidRegistration[]; problems: EnvImportProblem[] }> {
  if (request.pairs.length === 0) {
    const message = 'The file holds no keys: nothing to import.'
    return { valid: [], problems: [{ code: 'INVALID_INPUT', field: 'pairs', message }] }
  }
  const perKey = request.mode.kind === 'per-key'
  const valid: ValidRegistration[] = []
  const problems: EnvImportProblem[] = []
  const seen = new Set<string>()
  const add = (problem: EnvImportProblem): void => {
    if (seen.has(problem.message)) return
    seen.add(problem.message)
    problems.push(problem)
  }
  if (perKey && request.pairs.length > MAX_KV_PAIRS) {
    const message = `The file holds ${request.pairs.length} keys; one import adds at most ${MAX_KV_PAIRS} secrets. Import it as one Key/Value secret, or split the file.`
    return { valid: [], problems: [{ code: 'INVALID_INPUT', field: 'pairs', message }] }
  }
  // One secret: every pair's problem at once, not only the first the registration meets.
  const pairsCheck = perKey ? null : kvPairsSchema.safeParse(request.pairs)
  for (const issue of pairsCheck?.error?.issues ?? [])
    add({ code: 'INVALID_INPUT', field: 'pairs', message: issue.message })
  for (const { name, pairs } of groups(request)) {
    try {
      valid.push(
        await validateRegistration(
          {
            type: 'key-value',
            name,
            scope: request.scope,
            pairs,
            ...(request.availability ? { availability: request.availability } : {}),
          },
          now,
          noCertificates,
        ),
      )
    } catch (error) {
      if (!isSafeholdError(error)) throw error
      const field = error.field ?? 'pairs'
      if (field === 'pairs' && pairsCheck !== null) continue
      // Per key, a name or value rule is about that key; scope and availability are said once.
      const about = perKey && (field === 'name' || field === 'pairs')
      const key = quoted(name, 'A key')
      add({
        code: error.code,
        field,
        message: about
          ? field === 'name'
            ? `${key === 'A key' ? key : `Key ${key}`} cannot be a secret name: ${error.message}`
            : error.message
          : error.message,
      })
    }
  }
  if (perKey) {
    const byName = new Map<string, string[]>()
    for (const { key } of request.pairs) {
      const lower = key.toLowerCase()
      byName.set(lower, [...(byName.get(lower) ?? []), key])
    }
    for (const keys of byName.values()) {
      if (keys.length < 2) continue
      add({
        code: 'INVALID_INPUT',
        field: 'name',
        message: `Keys ${namesText(keys)} would be secrets of one name: secret names are unique whatever their case.`,
      })
    }
  }
  return { valid, problems }
}

/** The rules that depend on the vault: the workspace exists, the role may, the names are free. */
function stateProblems(
  state: VaultState,
  request: EnvImportRequest,
  valid: ValidRegistration[],
): EnvImportProblem[] {
  const first = valid[0]
  if (first === undefined) return []
  let scope: Scope
  try {
    scope = existingScope(state, first.scope)
    assertMayChange(state.profile.role, scope, 'register')
  } catch (error) {
    if (!isSafeholdError(error)) throw error
    return [{ code: error.code, field: error.field ?? 'scope', message: error.message }]
  }
  const holders = valid
    .map((registration) => findByName(state, registration.name, scope))
    .filter((holder) => holder !== undefined)
  if (holders.length === 0) return []
  const scheduled = holders.filter((holder) => holder.scheduledAt !== null)
  if (request.mode.kind === 'one') {
    const message = nameTakenMessage(holders[0]!.name, scope, scheduled.length > 0)
    return [{ code: 'NAME_TAKEN', field: 'name', message }]
  }
  const one = holders.length === 1
  const names = namesText(holders.map((holder) => holder.name))
  const held =
    scheduled.length === 0
      ? ''
      : ` ${namesText(scheduled.map((h) => h.name))} ${scheduled.length === 1 ? 'is' : 'are'} scheduled for deletion and still ${scheduled.length === 1 ? 'holds its name' : 'hold their names'}; "Cancel deletion" keeps ${scheduled.length === 1 ? 'it' : 'them'}.`
  const message = `${one ? `A secret named ${names} already exists` : `Secrets named ${names} already exist`} in ${scopePhrase(scope)}.${held} Rename or remove ${one ? 'that key' : 'those keys'}, import the file as one Key/Value secret, or choose another scope.`
  return [{ code: 'NAME_TAKEN', field: 'name', message }]
}

/** All the problems in one error: NAME_TAKEN when names are all that stand in the way. */
function combined(problems: EnvImportProblem[]): SafeholdError {
  const code = problems.find((p) => p.code !== 'NAME_TAKEN')?.code ?? 'NAME_TAKEN'
  const field = problems.length === 1 ? problems[0]!.field : undefined
  const text = problems.map((p) => p.message).join(' ')
  return new SafeholdError(code, `Nothing was imported. ${text}`, field)
}

function storedOf(valid: ValidRegistration, scope: Scope, at: string): StoredSecret {
  return {
    id: randomUUID(),
    name: valid.name,
    type: valid.type,
    scope,
    availability: valid.availability,
    fields: valid.fields,
    values: valid.values,
    keys: valid.keys,
    certificate: null,
    createdAt: at,
    updatedAt: at,
    lastUsedAt: null,
    lastActivityAt: at,
    expiresAt: valid.expiresAt,
    scheduledAt: null,
    usages: {},
  }
}
