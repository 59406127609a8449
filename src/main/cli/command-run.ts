/**
 * `safehold run` and `safehold inject` (DESIGN §6.1): values handed to a program without anyone
 * pasting them into a file. Both take every value they need in one use (secret-use.ts): all or
 * none, each secret recorded once for the consumer. Kept apart from the other commands so they
 * load little: no zod, no certificate parsing.
 */
import { SafeholdError } from '../../shared/errors'
import { readBoundedFile } from '../files/bounded-read'
import type { VaultServices } from '../app/app-services'
import { namesRequested, useSecrets, type UseRequest } from '../usage/secret-use'
import { parseReference, REFERENCE_IN_TEMPLATE } from '../usage/secret-references'
import { MIN_MASKED_BYTES, unmaskable } from '../usage/value-masker'
import { runChild } from './child-process'
import { checkOutput, writePrivateOutput } from '../vault/private-output'
import type { CliContext } from './cli-context'

/** A template or an env file is text a person wrote: 1 MiB is far beyond any real one. */
const TEMPLATE_LIMIT = 1024 * 1024
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** What the child must not inherit from this process: the keys to the vault itself. */
const WITHHELD = ['SAFEHOLD_PASSPHRASE', 'SAFEHOLD_EXPORT_PASSPHRASE']

interface RunOptions {
  as: string
  env?: string[]
  envFile?: string
  masking?: boolean
}

/** `--env VAR=NAME[.FIELD]`, in order; a variable given twice is a mistake. */
function envRequests(specs: string[]): { variable: string; request: UseRequest }[] {
  return specs.map((spec, index) => {
    const eq = spec.indexOf('=')
    const variable = eq > 0 ? spec.slice(0, eq) : ''
    const name = spec.slice(eq + 1)
    if (!ENV_NAME.test(variable) || name === '') {
      throw new SafeholdError(
        'INVALID_INPUT',
        `--env number ${index + 1} is not VAR=NAME or VAR=NAME.FIELD (VAR: letters, digits and "_", not starting with a digit).`,
        'env',
      )
    }
    return { variable, request: { ref: { name }, dotted: true } }
  })
}

/**
 * `--env-file`: a .env file, read exactly as dotenv reads it or refused with every problem by line
 * (env-file.ts), whose values are kept as written (an empty one too: an empty variable is one) or
 * are safehold:// references.
 */
async function envFileEntries(
  path: string,
): Promise<{ variable: string; literal?: string; request?: UseRequest }[]> {
  const { fileName, data } = readBoundedFile(path, 'the file given to --env-file', TEMPLATE_LIMIT)
  const { readEnvFile } = await import('../secrets/env-file')
  const pairs = readEnvFile(fileName, data, {
    keyProblem: (key) =>
      ENV_NAME.test(key)
        ? null
        : 'a variable name is letters, digits and "_", not starting with a digit',
    refuseEmpty: false,
    maxValue: null,
    field: 'envFile',
  })
  return pairs.map(({ key: variable, value }, index) => {
    if (!value.startsWith('safehold://')) return { variable, literal: value }
    return { variable, request: parseReference(value, `entry ${index + 1} of --env-file`) }
  })
}

/** Only the secrets the requests name are read: a run of a few values need not read them all. */
function servicesFor(context: CliContext, requests: readonly UseRequest[]): Promise<VaultServices> {
  const names = namesRequested(requests)
  return names === null ? context.vaultStore() : context.servicesFor(...names)
}

export async function run(context: CliContext, args: string[], options: RunOptions): Promise<void> {
  if (args.length === 0) {
    throw new SafeholdError(
      'INVALID_INPUT',
      'Name the command to run after "--", e.g. safehold run --as deploy --env TOKEN=api-token -- ./deploy.sh',
      'command',
    )
  }
  const entries: { variable: string; literal?: string; request?: UseRequest }[] = [
    ...(options.envFile === undefined ? [] : await envFileEntries(options.envFile)),
    ...envRequests(options.env ?? []),
  ]
  const seen = new Set<string>()
  for (const { variable } of entries) {
    if (seen.has(variable))
      throw new SafeholdError(
        'INVALID_INPUT',
        `The variable ${variable} is given more than once; give each variable one value.`,
        'env',
      )
    seen.add(variable)
  }
  const wanted = entries.filter((entry) => entry.request !== undefined)
  if (wanted.length === 0) {
    throw new SafeholdError(
      'INVALID_INPUT',
      'Say which values the command gets: --env VAR=NAME[.FIELD], or --env-file FILE with safehold:// references.',
      'env',
    )
  }
  const requests = wanted.map((entry) => entry.request!)
  const { store, clock } = await servicesFor(context, requests)
  const used = await useSecrets(store, clock, { requests, consumer: options.as })
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(context.environment))
    if (value !== undefined && !WITHHELD.includes(key)) env[key] = value
  const values: string[] = []
  let next = 0
  for (const entry of entries) {
    if (entry.request === undefined) {
      env[entry.variable] = entry.literal!
    } else {
      const value = used[next++]!.value
      env[entry.variable] = value
      values.push(value)
    }
  }
  for (const outcome of new Set(used.filter((u) => u.reactivated).map((u) => u.secret.name)))
    context.err.write(`"${outcome}" was used again; its deletion was cancelled.\n`)
  const masking = options.masking !== false
  const short = unmaskable(values)
  if (masking && short > 0) {
    context.err.write(
      `safehold: ${short === 1 ? 'one value is' : `${short} values are`} shorter than ${MIN_MASKED_BYTES} bytes and not masked in the output.\n`,
    )
  }
  const status = await runChild({
    command: args[0]!,
    args: args.slice(1),
    env,
    masked: masking ? values : null,
    out: context.out,
    err: context.err,
  })
  context.exitWith(status)
}

interface InjectOptions {
  as: string
  in: string
  out?: string
  force?: boolean
}

export async function inject(
  context: CliContext,
  _args: string[],
  options: InjectOptions,
): Promise<void> {
  // Refused before any value is taken: a use is recorded only for output that is written.
  if (options.out !== undefined) checkOutput(options.out, options.force === true, '-o')
  const { data } = readBoundedFile(options.in, 'the template given to -i', TEMPLATE_LIMIT)
  const template = data.toString('utf8')
  const references = [...template.matchAll(REFERENCE_IN_TEMPLATE)]
  const requests = references.map((match, index) =>
    parseReference(match[1]!, `reference ${index + 1} of the template`),
  )
  let filled = template
  if (requests.length > 0) {
    const { store, clock } = await servicesFor(context, requests)
    const used = await useSecrets(store, clock, { requests, consumer: options.as })
    let index = 0
    filled = template.replace(REFERENCE_IN_TEMPLATE, () => used[index++]!.value)
  }
  if (options.out === undefined) context.out.write(filled)
  else
    writePrivateOutput(options.out, filled, {
      force: options.force === true,
      what: 'the file given to -o',
      option: '-o',
    })
}
