/**
 * `safehold import --env FILE …`, `safehold export --out FILE` and `safehold import --vault-export
 * FILE` (DESIGN §6.1). An export's passphrase comes from SAFEHOLD_EXPORT_PASSPHRASE, else it is
 * asked on the terminal without echo (twice when exporting); with neither, the command refuses
 * rather than wait. Nothing printed holds a value.
 */
import { scopeToString, type Scope } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { printable, scopePhrase } from '../../shared/name-text'
import { MAX_KV_FILE_BYTES } from '../../shared/secret-rules'
import { namesText, EnvImport, type EnvImportMode } from '../secrets/env-import'
import { parseKvFile } from '../secrets/kv-file'
import { parseScope } from '../secrets/secret-lookup'
import { VaultTransfer, type ConflictMode } from '../secrets/vault-transfer'
import { readExportFile } from '../vault/export-file'
import { checkOutput } from '../vault/private-output'
import { checkPassphraseStrength } from '../vault/vault-key'
import { readInputFile, type CliContext } from './cli-context'
import { printJson } from './cli-output'
import { parseAvailability } from './commands-secrets'
import { askHidden } from './hidden-prompt'

const PASSPHRASE_VARIABLE = 'SAFEHOLD_EXPORT_PASSPHRASE'

interface ImportOptions {
  env?: string
  asOne?: string
  onePerLine?: boolean
  scope?: string
  availability?: string
  vaultExport?: string
  onConflict?: ConflictMode
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

function refuse(message: string, field?: string): SafeholdError {
  return new SafeholdError('INVALID_INPUT', message, field)
}

/** The export's passphrase: the variable, else asked (twice, to export: they must match). */
async function exportPassphrase(context: CliContext, exporting: boolean): Promise<string> {
  const fromEnv = context.environment[PASSPHRASE_VARIABLE]
  const nothingDone = exporting ? 'nothing was exported' : 'nothing was imported'
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  const terminal = context.terminalInput(PASSPHRASE_VARIABLE)
  if (terminal === null) {
    throw new SafeholdError(
      'PASSWORD_REQUIRED',
      `The export's passphrase is needed: set ${PASSPHRASE_VARIABLE}, or run the command in a terminal to be asked for it; ${nothingDone}.`,
      'passphrase',
    )
  }
  const ask = (prompt: string): Promise<string> =>
    askHidden(terminal, context.err, prompt, nothingDone)
  const first = await ask(exporting ? 'Passphrase for the export: ' : 'Passphrase of the export: ')
  if (first === '') throw refuse(`The passphrase is empty; ${nothingDone}.`, 'passphrase')
  if (!exporting) return first
  checkPassphraseStrength(first)
  if ((await ask('The same passphrase again: ')) !== first)
    throw refuse(`The two passphrases differ; ${nothingDone}.`, 'passphrase')
  return first
}

export async function exportVault(
  context: CliContext,
  _args: string[],
  options: { out: string; force?: boolean },
): Promise<void> {
  if (options.out === '') throw refuse('--out was given an empty path; name a file.', 'out')
  const force = options.force === true
  // Refused before a passphrase is asked or the vault opened.
  checkOutput(options.out, force, '--out')
  const passphrase = await exportPassphrase(context, true)
  const { store, clock } = await context.vaultStore()
  const count = await new VaultTransfer(store, clock).exportTo(
    options.out,
    passphrase,
    force,
    'the file given to --out',
  )
  if (context.json) printJson({ exported: count, file: options.out }, context.out)
  else
    context.out.write(
      `Exported ${plural(count, 'secret')} to ${printable(options.out)}, encrypted under the passphrase you gave. Keep the passphrase apart from the file: without it the export cannot be read.\n`,
    )
}

export async function importCommand(
  context: CliContext,
  _args: string[],
  options: ImportOptions,
): Promise<void> {
  if ((options.env === undefined) === (options.vaultExport === undefined))
    throw refuse(
      'Give one of --env FILE (a .env file) and --vault-export FILE (a file made by "safehold export").',
    )
  if (options.env !== undefined) return importEnv(context, options.env, options)
  return importVaultExport(context, options.vaultExport!, options)
}

async function importEnv(context: CliContext, path: string, options: ImportOptions): Promise<void> {
  if (options.onConflict !== undefined)
    throw refuse(
      '--on-conflict is for --vault-export; a .env import adds nothing unless every name is free.',
      'onConflict',
    )
  if (options.asOne !== undefined && options.onePerLine)
    throw refuse('Give --as-one NAME or --one-per-line, not both.', 'mode')
  if (options.scope === undefined)
    throw refuse(
      'Say where the secrets go: --scope organization, workspace:NAME or personal.',
      'scope',
    )
  const scope = parseScope(options.scope)
  const availability = parseAvailability(options.availability)
  const pairs = parseKvFile(readInputFile(path, '--env', MAX_KV_FILE_BYTES))
  const mode: EnvImportMode =
    options.asOne === undefined ? { kind: 'per-key' } : { kind: 'one', name: options.asOne }
  const { store, clock } = await context.vaultStore()
  const secrets = await new EnvImport(store, clock).commit({
    pairs,
    mode,
    scope,
    ...(availability === undefined ? {} : { availability }),
  })
  if (context.json) {
    const imported = secrets.map(({ name, scope: where }) => ({
      name,
      scope: scopeToString(where),
    }))
    return printJson({ imported }, context.out)
  }
  context.out.write(
    `Imported ${plural(secrets.length, 'Key/Value secret')} into ${scopePhrase(secrets[0]!.scope)}: ${namesText(
      secrets.map((secret) => secret.name),
      secrets.length,
    )}.\n`,
  )
}

async function importVaultExport(
  context: CliContext,
  path: string,
  options: ImportOptions,
): Promise<void> {
  for (const [given, option] of [
    [options.scope, '--scope'],
    [options.availability, '--availability'],
    [options.asOne, '--as-one'],
    [options.onePerLine, '--one-per-line'],
  ] as const) {
    if (given !== undefined)
      throw refuse(
        `${option} is for --env; a vault export's secrets keep their own scopes and availability.`,
      )
  }
  if (path === '') throw refuse('--vault-export was given an empty path; name a file.', 'file')
  const file = readExportFile(path, 'the file given to --vault-export')
  const passphrase = await exportPassphrase(context, false)
  const { store, clock } = await context.vaultStore()
  const result = await new VaultTransfer(store, clock).importFrom(
    file,
    passphrase,
    options.onConflict ?? 'fail',
  )
  const scoped = <T extends { scope: Scope }>(items: T[]) =>
    items.map((item) => ({ ...item, scope: scopeToString(item.scope) }))
  if (context.json)
    return printJson(
      {
        imported: scoped(result.imported),
        skipped: scoped(result.skipped),
        workspacesAdded: result.workspacesAdded,
      },
      context.out,
    )
  const lines = [`Imported ${plural(result.imported.length, 'secret')} from the export.`]
  for (const { name, renamedFrom } of result.imported) {
    if (renamedFrom !== undefined)
      lines.push(`"${renamedFrom}" was imported as "${name}": its name was taken.`)
  }
  if (result.skipped.length > 0)
    lines.push(
      `Skipped ${plural(result.skipped.length, 'secret')} whose names are taken here (the existing ones were kept): ${namesText(
        result.skipped.map((s) => s.name),
        result.skipped.length,
      )}.`,
    )
  if (result.workspacesAdded.length > 0)
    lines.push(
      `Added ${plural(result.workspacesAdded.length, 'workspace')}: ${result.workspacesAdded.map(printable).join(', ')}.`,
    )
  context.out.write(`${lines.join('\n')}\n`)
}
