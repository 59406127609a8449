/**
 * What a vault export holds once decrypted, and the one schema it is read back through. A file
 * is hostile until proven otherwise: every field is bounded and every rule a registration obeys
 * is applied, so a secret that could not have been registered cannot be imported either. Maps
 * travel as lists of entries, never as objects keyed by user data, so a key such as "__proto__"
 * is a string to be refused, never a property to be set.
 */
import { z } from 'zod'
import { CREDENTIAL_TYPES, TYPE_FIELDS, type CredentialType } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { certificateFactsSchema } from '../../shared/ipc-contract'
import { isShowable } from '../../shared/name-text'
import {
  availabilitySchema,
  fieldSchema,
  kvKeySchema,
  kvPairsSchema,
  notesSchema,
  scopeSchema,
  secretNameSchema,
  tagsSchema,
  workspaceNameSchema,
} from '../../shared/secret-rules'
import { livePrevious } from './previous-value'
import type { StoredSecret, VaultState } from '../vault/vault-state'

export const PAYLOAD_KIND = 'safehold-vault-export'
/** More than any vault holds; the file's own size bound (256 MiB) comes first anyway. */
const MAX_SECRETS = 100_000
/** A certificate value is a PEM with its chain, from a file of at most 1 MiB. */
const MAX_STORED_VALUE = 2 * 1024 * 1024
const MAX_USAGES = 10_000

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
const instant = z
  .string()
  .max(40)
  .refine((v) => ISO.test(v) && !Number.isNaN(Date.parse(v)), 'A date is not an ISO-8601 instant.')
/** The consumer rule of a use (`--as`), so a usage list can hold only what a use could record. */
const consumerSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9:._@/ ()-]{0,63}$/, 'A consumer name is not one a use records.')

const entries = (maxValue: number, maxItems: number) =>
  z
    .array(z.strictObject({ key: z.string().max(300), value: z.string().max(maxValue) }))
    .max(maxItems)

const previousSchema = z.strictObject({
  values: entries(MAX_STORED_VALUE, 210),
  keys: z.array(kvKeySchema).max(200),
  certificate: certificateFactsSchema.nullable(),
  expiresAt: instant.nullable(),
  replacedAt: instant,
})

const secretSchema = z.strictObject({
  name: secretNameSchema,
  type: z.enum(CREDENTIAL_TYPES),
  scope: scopeSchema,
  availability: availabilitySchema.nullable(),
  fields: entries(4096, 8),
  values: entries(MAX_STORED_VALUE, 210),
  keys: z.array(kvKeySchema).max(200),
  certificate: certificateFactsSchema.nullable(),
  createdAt: instant,
  updatedAt: instant,
  lastUsedAt: instant.nullable(),
  expiresAt: instant.nullable(),
  usages: z
    .array(
      z.strictObject({
        consumer: consumerSchema,
        firstUsedAt: instant,
        lastUsedAt: instant,
        count: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      }),
    )
    .max(MAX_USAGES),
  notes: notesSchema.optional(),
  tags: tagsSchema.optional(),
  favourite: z.boolean().optional(),
  previous: previousSchema.nullable(),
})

export const exportPayloadSchema = z.strictObject({
  kind: z.literal(PAYLOAD_KIND),
  exportedAt: instant,
  organization: z.string().max(256),
  workspaces: z.array(workspaceNameSchema).max(10_000),
  secrets: z.array(secretSchema).max(MAX_SECRETS),
})

export type ExportPayload = z.output<typeof exportPayloadSchema>
export type ExportedSecret = ExportPayload['secrets'][number]
type Entry = { key: string; value: string }

const toEntries = (record: Record<string, string>): Entry[] =>
  Object.entries(record).map(([key, value]) => ({ key, value }))

/** Every secret that is not as good as gone (its deletion due), with its live previous value. */
export function payloadOf(state: VaultState, now: Date, isDue: (s: StoredSecret) => boolean) {
  const secrets = Object.values(state.secrets)
    .filter((secret) => !isDue(secret))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((secret): ExportedSecret => {
      const previous = livePrevious(secret, now.getTime())
      return {
        name: secret.name,
        type: secret.type,
        scope: secret.scope,
        availability: secret.availability,
        fields: toEntries(secret.fields),
        values: toEntries(secret.values),
        keys: [...secret.keys],
        certificate: secret.certificate,
        createdAt: secret.createdAt,
        updatedAt: secret.updatedAt,
        lastUsedAt: secret.lastUsedAt,
        expiresAt: secret.expiresAt,
        usages: Object.entries(secret.usages).map(([consumer, usage]) => ({ consumer, ...usage })),
        ...(secret.notes ? { notes: secret.notes } : {}),
        ...(secret.tags?.length ? { tags: [...secret.tags] } : {}),
        ...(secret.favourite ? { favourite: true } : {}),
        previous:
          previous === null
            ? null
            : { ...previous, values: toEntries(previous.values), keys: [...previous.keys] },
      }
    })
  return {
    kind: PAYLOAD_KIND,
    exportedAt: now.toISOString(),
    organization: state.profile.organization,
    workspaces: [...state.workspaces],
    secrets,
  } satisfies ExportPayload
}

/** INVALID_INPUT about the file, naming the secret by its place (and name, when showable). */
function invalid(index: number | null, name: unknown, problem: string): SafeholdError {
  const which =
    index === null ? 'The export' : `Secret #${index + 1}${isShowable(name) ? ` ("${name}")` : ''}`
  return new SafeholdError(
    'INVALID_INPUT',
    `${which} in the file cannot be imported: ${problem} Nothing was imported.`,
    'file',
  )
}

/** The payload, checked whole; the first problem is thrown, naming its secret. */
export function parsePayload(plaintext: Buffer): ExportPayload {
  let data: unknown
  try {
    data = JSON.parse(plaintext.toString('utf8'))
  } catch {
    throw invalid(null, null, 'its content is not readable.')
  }
  const parsed = exportPayloadSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const [top, index] = issue.path
    const at = top === 'secrets' && typeof index === 'number' ? index : null
    const name = at === null ? null : (data as { secrets: { name?: unknown }[] }).secrets[at]?.name
    // zod's own words for a key it does not know quote the key; ours do not.
    const problem =
      issue.code === 'unrecognized_keys' ? 'it has a field Safehold does not know.' : issue.message
    throw invalid(at, name, problem.endsWith('.') ? problem : `${problem}.`)
  }
  const payload = parsed.data
  const seen = new Set<string>()
  payload.secrets.forEach((secret, index) => {
    const problem = secretProblem(secret)
    if (problem !== null) throw invalid(index, secret.name, problem)
    const key = `${scopeText(secret.scope)}\n${secret.name.toLowerCase()}`
    if (seen.has(key)) throw invalid(index, secret.name, 'another secret of the file has its name.')
    seen.add(key)
  })
  return payload
}

function scopeText(scope: ExportedSecret['scope']): string {
  return scope.kind === 'workspace' ? `workspace:${scope.workspace.toLowerCase()}` : scope.kind
}

/** Why a well-formed secret breaks a rule of its type, or null. */
function secretProblem(secret: ExportedSecret): string | null {
  if ((secret.scope.kind === 'organization') !== (secret.availability !== null))
    return 'only organization secrets have an availability, and they always have one.'
  if ((secret.type === 'certificate') !== (secret.certificate !== null))
    return 'certificate facts belong to certificates alone.'
  const plain = TYPE_FIELDS[secret.type].plain
  const fields = uniqueKeys(secret.fields)
  if (fields === null || fields.length !== plain.length || !plain.every((k) => fields.includes(k)))
    return 'its fields are not those of its type.'
  for (const { key, value } of secret.fields) {
    const checked = fieldSchema(key)!.safeParse(value)
    if (!checked.success) return checked.error.issues[0]?.message ?? 'a field is not valid.'
  }
  const values = valuesProblem(secret.type, secret.values, secret.keys)
  if (values !== null) return values
  if (secret.previous) {
    const { values: previous, keys, certificate } = secret.previous
    if (valuesProblem(secret.type, previous, keys) !== null)
      return 'its previous value is not one of its type.'
    if ((secret.type === 'certificate') !== (certificate !== null))
      return 'its previous value’s certificate facts do not match its type.'
  }
  return null
}

function uniqueKeys(list: Entry[]): string[] | null {
  const keys = list.map((entry) => entry.key)
  return new Set(keys).size === keys.length ? keys : null
}

/** The values of one type: its secret fields, or for Key/Value exactly `pair:KEY` per key. */
function valuesProblem(type: CredentialType, values: Entry[], keys: string[]): string | null {
  const given = uniqueKeys(values)
  if (given === null) return 'a value appears twice.'
  if (type === 'key-value') {
    const pairs = keys.map((key) => ({
      key,
      value: values.find((entry) => entry.key === `pair:${key}`)?.value,
    }))
    if (given.length !== keys.length || pairs.some((pair) => pair.value === undefined))
      return 'its values do not match its keys.'
    const checked = kvPairsSchema.safeParse(pairs)
    return checked.success ? null : (checked.error.issues[0]?.message ?? 'a pair is not valid.')
  }
  if (keys.length > 0) return 'only Key/Value secrets have keys.'
  if (type === 'certificate') {
    const known = given.every((key) => key === 'certificate' || key === 'privateKey')
    const pem = values.every((entry) => /^-----BEGIN [A-Z0-9 ]+-----/.test(entry.value))
    return known && given.includes('certificate') && pem
      ? null
      : 'its certificate and key are not PEM text.'
  }
  const secretFields = TYPE_FIELDS[type].secret
  if (given.length !== secretFields.length || !secretFields.every((k) => given.includes(k)))
    return 'its values are not those of its type.'
  for (const { key, value } of values) {
    const checked = fieldSchema(key)!.safeParse(value)
    if (!checked.success) return checked.error.issues[0]?.message ?? 'a value is not valid.'
  }
  return null
}
