/**
 * `safehold audit [NAME] [--since DATE] [--action A] [--json]` (DESIGN §3, §6.1): the vault's audit
 * log, oldest first, with time, actor (the user, or the consumer of a use) and action. No entry
 * holds a value: entries are written with names, field labels and dates only.
 */
import { isSafeholdError, SafeholdError } from '../../shared/errors'
import { historyDetail } from '../secrets/history-labels'
import { resolveSecret } from '../secrets/secret-lookup'
import type { AuditEntry, VaultState } from '../vault/vault-state'
import type { CliContext } from './cli-context'
import { printJson, printTable } from './cli-output'

interface AuditOptions {
  since?: string
  action?: string
  scope?: string
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/

/** `--since`: a date (local midnight) or a date and time; anything else is refused. */
export function parseSince(text: string): number {
  const at = DATE.test(text)
    ? Date.parse(text.length === 10 ? `${text}T00:00:00` : text)
    : Number.NaN
  if (Number.isNaN(at)) {
    throw new SafeholdError(
      'INVALID_INPUT',
      '--since takes a date, YYYY-MM-DD, or a date and time, e.g. 2026-12-01T09:30Z.',
      'since',
    )
  }
  return at
}

/**
 * The entries of the secret `name`: a live secret by its id (a rename keeps its history); a
 * deleted one, which only its entries remember, by the name they carry.
 */
function secretFilter(
  state: VaultState,
  name: string,
  scope: string | undefined,
): (entry: AuditEntry) => boolean {
  try {
    const { id } = resolveSecret(state, { name, ...(scope === undefined ? {} : { scope }) })
    return (entry) => entry.secretId === id
  } catch (error) {
    const wanted = name.toLowerCase()
    const known = state.audit.some((entry) => entry.secretName?.toLowerCase() === wanted)
    if (!isSafeholdError(error) || error.code !== 'NOT_FOUND' || !known) throw error
    return (entry) => entry.secretName?.toLowerCase() === wanted
  }
}

export async function audit(
  context: CliContext,
  args: string[],
  options: AuditOptions,
): Promise<void> {
  const since = options.since === undefined ? null : parseSince(options.since)
  const { store } = await context.vaultStore()
  const state = store.state
  const about = args[0] === undefined ? null : secretFilter(state, args[0], options.scope)
  const entries = state.audit.filter(
    (entry: AuditEntry) =>
      (about === null || about(entry)) &&
      (options.action === undefined || entry.action === options.action) &&
      (since === null || Date.parse(entry.at) >= since),
  )
  const shown = entries.map(({ at, actor, action, secretName, detail }) => ({
    at,
    actor,
    action,
    secret: secretName ?? null,
    detail: detail === undefined ? null : historyDetail(action, detail),
  }))
  if (context.json) return printJson(shown, context.out)
  if (shown.length === 0) {
    context.out.write('No audit entries match.\n')
    return
  }
  printTable(
    [
      ['TIME', 'ACTOR', 'ACTION', 'SECRET', 'DETAIL'],
      ...shown.map((e) => [e.at, e.actor, e.action, e.secret ?? '—', e.detail ?? '']),
    ],
    context.out,
  )
}
