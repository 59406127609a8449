/** register, list, show, edit (restore-previous too), delete and cancel-deletion. */
import { SafeholdError } from '../../shared/errors'
import { quoted } from '../../shared/name-text'
import { MAX_KV_FILE_BYTES } from '../../shared/secret-rules'
import type { Availability, CredentialType } from '../../shared/domain'
import type {
  EditRequest,
  KeyValuePair,
  RegisterRequest,
  SecretRef,
} from '../../shared/secret-requests'
import { parseKvFile } from '../secrets/kv-file'
import { parseScope } from '../secrets/secret-lookup'
import type { SecretsService } from '../secrets/secrets-service'
import {
  readInputFile,
  STDIN_PASSWORD_LIMIT,
  STDIN_VALUE_LIMIT,
  type CliContext,
} from './cli-context'
import { listJson, printJson, printSecretDetails, printSecretList, showJson } from './cli-output'
import { dateWithDistance, warnOfDeletions } from './deletion-warning'

/** DESIGN §1.1: certificate and private key files are at most 1 MiB. */
const MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024

interface ValueOptions {
  field?: string[]
  secretStdin?: string
  cert?: string
  key?: string
  kvFile?: string
  certPasswordStdin?: boolean
  expires?: string
  scope?: string
}

async function service(context: CliContext): Promise<SecretsService> {
  return (await context.services()).secrets
}

function ref(name: string, scope: string | undefined): SecretRef {
  return scope === undefined ? { name } : { name, scope }
}

/**
 * --field KEY=VALUE (and pair:KEY=VALUE), --secret-stdin FIELD, files: the request's values.
 * Fields are collected as entries, so a key such as "__proto__" stays a key to be refused.
 */
async function readValues(
  context: CliContext,
  options: ValueOptions,
): Promise<{
  fields: Record<string, string>
  pairs: KeyValuePair[]
  files: Pick<RegisterRequest, 'certificate' | 'privateKey'>
  kvFile: KeyValuePair[] | undefined
}> {
  const fields: [string, string][] = []
  const pairs: KeyValuePair[] = []
  const put = (key: string, value: string): void => {
    if (key.startsWith('pair:')) pairs.push({ key: key.slice(5), value })
    else fields.push([key, value])
  }
  for (const [index, entry] of (options.field ?? []).entries()) {
    const at = entry.indexOf('=')
    // The entry may be a value typed without its key: it is named by position, never shown.
    if (at <= 0)
      throw new SafeholdError(
        'INVALID_INPUT',
        `--field #${index + 1} takes KEY=VALUE; it has ${at === 0 ? 'no KEY before' : 'no'} "=".`,
        'field',
      )
    put(entry.slice(0, at), entry.slice(at + 1))
  }
  if (options.secretStdin !== undefined)
    put(options.secretStdin, await context.readStdin('--secret-stdin', STDIN_VALUE_LIMIT))
  const password = options.certPasswordStdin
    ? await context.readStdin('--cert-password-stdin', STDIN_PASSWORD_LIMIT)
    : undefined
  const withPassword = <T extends object>(file: T): T =>
    password === undefined ? file : { ...file, password }
  const files: Pick<RegisterRequest, 'certificate' | 'privateKey'> = {}
  if (options.cert !== undefined)
    files.certificate = withPassword(
      readInputFile(options.cert, '--cert', MAX_CERTIFICATE_FILE_BYTES),
    )
  if (options.key !== undefined)
    files.privateKey = withPassword(readInputFile(options.key, '--key', MAX_CERTIFICATE_FILE_BYTES))
  const kvFile =
    options.kvFile === undefined
      ? undefined
      : parseKvFile(readInputFile(options.kvFile, '--kv-file', MAX_KV_FILE_BYTES))
  return { fields: Object.fromEntries(fields), pairs, files, kvFile }
}

export function parseAvailability(text: string | undefined): Availability | undefined {
  if (text === undefined) return undefined
  if (text === 'organization') return { kind: 'organization' }
  if (text.startsWith('spot:')) return { kind: 'spot', spot: text.slice(5) as never }
  throw new SafeholdError(
    'INVALID_INPUT',
    `Availability ${quoted(text, '(as given)')} is not organization or spot:SPOT.`,
    'availability',
  )
}

/** --note and --tag of register and edit; on edit, tags given replace the list. */
interface MetadataOptions {
  note?: string
  tag?: string[]
  clearTags?: boolean
}

function metadataOf(options: MetadataOptions): Pick<RegisterRequest, 'notes' | 'tags'> {
  if (options.clearTags && options.tag?.length) {
    throw new SafeholdError(
      'INVALID_INPUT',
      'Give --tag to replace the tags, or --clear-tags to remove them all, not both.',
      'tags',
    )
  }
  const tags = options.clearTags ? [] : options.tag
  return {
    ...(options.note === undefined ? {} : { notes: options.note }),
    ...(tags === undefined ? {} : { tags }),
  }
}

function printWarnings(context: CliContext, warnings: string[]): void {
  for (const warning of warnings) context.err.write(`warning: ${warning}\n`)
}

export async function register(
  context: CliContext,
  _args: string[],
  options: ValueOptions &
    MetadataOptions & {
      type: CredentialType
      name: string
      scope: string
      availability?: string
    },
): Promise<void> {
  const values = await readValues(context, options)
  const availability = parseAvailability(options.availability)
  const request: RegisterRequest = {
    type: options.type,
    name: options.name,
    scope: parseScope(options.scope),
    fields: values.fields,
    ...values.files,
    ...(availability ? { availability } : {}),
    ...(options.expires === undefined ? {} : { expiresAt: options.expires }),
    ...metadataOf(options),
  }
  if (values.kvFile || values.pairs.length)
    request.pairs = [...(values.kvFile ?? []), ...values.pairs]
  const secrets = await service(context)
  const { secret, warnings } = await secrets.register(request)
  printWarnings(context, warnings)
  if (context.json) printJson(showJson(secret), context.out)
  else
    context.out.write(
      `Registered "${secret.name}" in ${secret.scope} (fingerprint ${secret.fingerprint}).\n`,
    )
}

export async function list(
  context: CliContext,
  _args: string[],
  options: { scope?: string; status?: string; tag?: string },
): Promise<void> {
  const secrets = await (await service(context)).list(options)
  warnOfDeletions(secrets, context.clock.now().getTime(), context.err)
  if (context.json) printJson(secrets.map(listJson), context.out)
  else printSecretList(secrets, context.out)
}

export async function show(
  context: CliContext,
  args: string[],
  options: { scope?: string },
): Promise<void> {
  const secret = await (await service(context)).show(ref(args[0]!, options.scope))
  const now = context.clock.now().getTime()
  warnOfDeletions([secret], now, context.err)
  if (context.json) printJson(showJson(secret), context.out)
  else printSecretDetails(secret, context.out, now)
}

interface EditOptions extends ValueOptions, MetadataOptions {
  removeKey?: string[]
  rename?: string
  availability?: string
  restorePrevious?: boolean
}

export async function edit(
  context: CliContext,
  args: string[],
  options: EditOptions,
): Promise<void> {
  const target = ref(args[0]!, options.scope)
  const { secret, warnings } = options.restorePrevious
    ? await restore(context, target, options)
    : await (await service(context)).edit(await editRequest(context, target, options))
  printWarnings(context, warnings)
  // An edit is activity, so only a deletion scheduled by hand can still be near.
  warnOfDeletions([secret], context.clock.now().getTime(), context.err)
  if (context.json) printJson(showJson(secret), context.out)
  else if (options.restorePrevious)
    context.out.write(
      `Restored the previous value of "${secret.name}" (fingerprint ${secret.fingerprint}); the value it replaced can be restored the same way.\n`,
    )
  else context.out.write(`Saved changes to "${secret.name}" (fingerprint ${secret.fingerprint}).\n`)
}

/** The options that change a secret; --restore-previous is a change of its own. */
const CHANGES: (keyof EditOptions)[] = [
  ...(['field', 'secretStdin', 'cert', 'key', 'kvFile', 'expires', 'removeKey'] as const),
  ...(['rename', 'availability', 'note', 'tag', 'clearTags'] as const),
]

async function restore(context: CliContext, target: SecretRef, options: EditOptions) {
  if (CHANGES.some((key) => options[key] !== undefined)) {
    throw new SafeholdError(
      'INVALID_INPUT',
      '--restore-previous swaps the current and previous values in one step; give other changes in another edit.',
      'previous',
    )
  }
  return (await service(context)).restorePrevious(target)
}

async function editRequest(
  context: CliContext,
  target: SecretRef,
  options: EditOptions,
): Promise<EditRequest> {
  const values = await readValues(context, options)
  const availability = parseAvailability(options.availability)
  const request: EditRequest = {
    ref: target,
    fields: values.fields,
    ...values.files,
    ...metadataOf(options),
    ...(options.rename === undefined ? {} : { name: options.rename }),
    ...(availability === undefined ? {} : { availability }),
  }
  if (values.pairs.length) request.pairs = values.pairs
  if (values.kvFile) request.replacePairs = values.kvFile
  if (options.removeKey?.length) request.removeKeys = options.removeKey
  if (options.expires !== undefined)
    request.expiresAt = options.expires === 'none' ? null : options.expires
  return request
}

export async function remove(
  context: CliContext,
  args: string[],
  options: { scope?: string; now?: boolean; schedule?: boolean; confirm?: string },
): Promise<void> {
  if (options.now === options.schedule) {
    throw new SafeholdError(
      'INVALID_INPUT',
      'Choose --now (delete at once) or --schedule (delete in 30 days).',
    )
  }
  if (options.confirm !== 'DELETE') {
    throw new SafeholdError(
      'CONFIRMATION_REQUIRED',
      `${options.now ? 'Deleting cannot be undone' : 'The secret will be deleted in 30 days'}. Confirm with --confirm DELETE (exactly).`,
      'confirm',
    )
  }
  const secrets = await service(context)
  const target = ref(args[0]!, options.scope)
  if (options.now) {
    await secrets.deleteNow(target)
    if (context.json) printJson({ deleted: args[0] }, context.out)
    else context.out.write(`Deleted ${quoted(args[0], 'the secret')}. It can no longer be used.\n`)
    return
  }
  const secret = await secrets.scheduleDeletion(target)
  if (context.json) printJson(showJson(secret), context.out)
  else
    context.out.write(
      `"${secret.name}" is scheduled for deletion on ${dateWithDistance(secret.deletesAt!, context.clock.now().getTime())}.\n`,
    )
}

export async function cancelDeletion(
  context: CliContext,
  args: string[],
  options: { scope?: string },
): Promise<void> {
  const secret = await (await service(context)).cancelDeletion(ref(args[0]!, options.scope))
  if (context.json) printJson(showJson(secret), context.out)
  else context.out.write(`The deletion of "${secret.name}" was cancelled; it is Active again.\n`)
}
