/**
 * The rules of DESIGN.md §1.1 as zod schemas. Every message names the field in the words of the UI
 * and says what would be accepted; none of them ever echoes a value.
 */
import { z } from 'zod'
import { CREDENTIAL_TYPES, SPOTS } from './domain'
import { checkName, CONTROL_CHARACTER, quoted } from './name-text'

export { nameKey, nameTakenMessage, normalizeName } from './name-text'

export const MAX_VALUE_BYTES = 64 * 1024
export const MAX_KV_PAIRS = 200
export const MAX_KV_FILE_BYTES = 1024 * 1024

/** The UI label of each field key, used to name the field in messages. */
export const FIELD_LABELS = {
  name: 'Secret name',
  headerName: 'Header name',
  value: 'Value',
  headerValue: 'Header value',
  clientId: 'Client ID',
  url: 'URL',
  clientSecret: 'Client secret',
  certificate: 'Certificate',
  privateKey: 'Private key',
  pairs: 'Key/Value pairs',
  expiresAt: 'Expiration date',
  scope: 'Scope',
  availability: 'Availability',
  workspace: 'Workspace',
  notes: 'Notes',
  tags: 'Tags',
} as const

/** A field key's UI label, for messages and the history ("changed Header name, Value"). */
export function fieldLabel(key: string): string {
  return Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key as keyof typeof FIELD_LABELS] : key
}

export const secretNameSchema = z
  .string({ error: 'Secret name is required.' })
  .min(1, 'Secret name is required.')
  .regex(
    /^[A-Za-z0-9._-]{3,64}$/,
    'Secret name must be 3–64 characters long and use only letters, digits, "-", "_" and ".".',
  )

/** RFC 9110 token characters. */
export const headerNameSchema = z
  .string({ error: 'Header name is required.' })
  .min(1, 'Header name is required.')
  .max(128, 'Header name must be at most 128 characters.')
  .regex(
    /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/,
    'Header name may contain only letters, digits and !#$%&\'*+-.^_`|~ (no spaces or ":").',
  )

export function secretValueSchema(label: string): z.ZodType<string> {
  return z
    .string({ error: `${label} is required.` })
    .refine((v) => v.length > 0, `${label} is required.`)
    .refine((v) => v.trim().length > 0, `${label} cannot be only whitespace.`)
    .refine((v) => utf8Length(v) <= MAX_VALUE_BYTES, `${label} is too long: at most 64 KiB.`)
    .refine(
      (v) => !v.includes('\uFFFD') && !LONE_SURROGATE.test(v),
      `${label} must be valid UTF-8 text.`,
    )
}

/** A UTF-16 surrogate without its pair has no UTF-8 form; it would reach a consumer as U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u

const encoder = new TextEncoder()
const utf8Length = (v: string): number => encoder.encode(v).length

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]'])
/** WHATWG URL normalizes IPv4 hosts (127.1 → 127.0.0.1), so a dotted quad is all there is to match. */
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/

export const tokenUrlSchema = z
  .string({ error: 'URL is required.' })
  .min(1, 'URL is required.')
  .refine(
    (v) => URL.canParse(v),
    'URL must be an absolute address such as https://auth.example.com/oauth/token.',
  )
  .refine((v) => {
    if (!URL.canParse(v)) return true
    const url = new URL(v)
    if (url.protocol === 'https:') return true
    return (
      url.protocol === 'http:' &&
      (LOOPBACK_HOSTS.has(url.hostname) || LOOPBACK_IPV4.test(url.hostname))
    )
  }, 'URL must use https:// (http:// is allowed only for localhost).')

export const clientIdSchema = z
  .string({ error: 'Client ID is required.' })
  .min(1, 'Client ID is required.')
  .max(512, 'Client ID must be at most 512 characters.')
  .refine((v) => v.trim().length > 0, 'Client ID cannot be only whitespace.')

export const kvKeySchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]*$/,
    'Keys must start with a letter or "_" and contain only letters, digits, "_", "." and "-".',
  )
  .max(256, 'Keys must be at most 256 characters.')

/** An edit may remove keys of a Key/Value secret, but not the last one. */
export const LAST_KEY_MESSAGE =
  'A Key/Value secret keeps at least one key. To remove them all, delete the secret.'

export const kvPairsSchema = z
  .array(z.object({ key: z.string(), value: z.string() }), {
    error: 'Key/Value pairs are required.',
  })
  .min(1, 'Add at least one key and value.')
  .max(MAX_KV_PAIRS, `At most ${MAX_KV_PAIRS} keys are allowed.`)
  .superRefine((pairs, ctx) => {
    const seen = new Set<string>()
    pairs.forEach(({ key, value }, index) => {
      // A key that fails its pattern may hold anything: it is named by its position instead.
      const keyCheck = kvKeySchema.safeParse(key)
      if (!keyCheck.success) {
        ctx.addIssue({
          code: 'custom',
          message: `Key ${key === '' ? '""' : quoted(key, `#${index + 1}`)}: ${keyCheck.error.issues[0]?.message ?? 'invalid'}`,
        })
        return
      }
      const name = quoted(key, `#${index + 1}`)
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', message: `Key ${name} appears more than once.` })
      seen.add(key)
      const valueCheck = secretValueSchema(`The value of ${name}`).safeParse(value)
      if (!valueCheck.success) {
        ctx.addIssue({
          code: 'custom',
          message: valueCheck.error.issues[0]?.message ?? 'invalid value',
        })
      }
    })
  })

/** The name rule of name-text.ts as a schema; its output is the normalized name. */
export function displayNameSchema(label: string): z.ZodType<string, string> {
  return z.string({ error: `${label} is required.` }).transform((text, ctx) => {
    const checked = checkName(text, label)
    if ('name' in checked) return checked.name
    ctx.addIssue({ code: 'custom', message: checked.problem })
    return z.NEVER
  })
}

export const workspaceNameSchema = displayNameSchema('Workspace name')
export const organizationNameSchema = displayNameSchema('Organization name')
export const personNameSchema = displayNameSchema('User name')

export const credentialTypeSchema = z.enum(CREDENTIAL_TYPES, {
  error: `Credential type must be one of: ${CREDENTIAL_TYPES.join(', ')}.`,
})

export const spotSchema = z.enum(SPOTS, { error: `Spot must be one of: ${SPOTS.join(', ')}.` })

/**
 * The one scope schema: the IPC contract checks requests with it and the secrets service checks
 * every caller's (the CLI's too); domain.ts's Scope is its output. Strict, so a field it does not
 * know is refused rather than carried into the vault.
 */
export const scopeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('organization') }),
    z.strictObject({ kind: z.literal('workspace'), workspace: workspaceNameSchema }),
    z.strictObject({ kind: z.literal('personal') }),
  ],
  { error: 'Scope must be organization, workspace:NAME or personal.' },
)

/** The one availability schema, used as scopeSchema is; domain.ts's Availability is its output. */
export const availabilitySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('organization') }),
    z.strictObject({ kind: z.literal('spot'), spot: spotSchema }),
  ],
  { error: 'Availability must be Entire organization or one Spot.' },
)

/**
 * Expiration dates are calendar days (`YYYY-MM-DD`, end of that day UTC) or full ISO instants with
 * `Z` or an offset: without one, `Date` would read the time in the machine's time zone.
 */
export const expirationSchema = z
  .string()
  .refine((v) => parseExpiration(v) !== null, 'Expiration date must be a date such as 2027-03-31.')

export function parseExpiration(text: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (day) {
    const date = new Date(
      Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59, 999),
    )
    return date.toISOString().startsWith(text) ? date : null
  }
  const instant = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.exec(
    text,
  )
  // `Date` rolls 2027-02-30T… over into March; the calendar day must exist as written.
  if (!instant || parseExpiration(instant[1]!) === null) return null
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? null : date
}

/** Schemas of the typed fields, by field key; look one up with fieldSchema(). */
export const FIELD_SCHEMAS: Readonly<Record<string, z.ZodType<string>>> = {
  headerName: headerNameSchema,
  value: secretValueSchema('Value'),
  headerValue: secretValueSchema('Header value'),
  clientId: clientIdSchema,
  url: tokenUrlSchema,
  clientSecret: secretValueSchema('Client secret'),
}

/** The schema of a field key the user gave, or undefined: own keys only, never the prototype's. */
export function fieldSchema(key: string): z.ZodType<string> | undefined {
  return Object.hasOwn(FIELD_SCHEMAS, key) ? FIELD_SCHEMAS[key] : undefined
}

// ── Notes and tags (DESIGN §1.1): metadata, shown and searched, never a value ───────────────────

export const MAX_NOTES_BYTES = 4 * 1024
export const MAX_TAGS = 20
export const MAX_TAG_CHARACTERS = 32
const TAG = /^[A-Za-z0-9_-]{1,32}$/

/** What a name may not hold, except line breaks and tabs, which notes keep. */
const NOTE_CONTROL = new RegExp(`(?![\\n\\t])(?:${CONTROL_CHARACTER.source})`, 'u')

/**
 * Notes as stored (Windows line ends become \n), or why they are refused. A UTF-16 unit is at
 * least one UTF-8 byte, so overlong text is refused before it is encoded or scanned.
 */
export function checkNotes(text: unknown): { notes: string } | { problem: string } {
  if (typeof text !== 'string') return { problem: 'Notes must be text.' }
  const tooLong = {
    problem: `Notes hold at most 4 KiB (${MAX_NOTES_BYTES.toLocaleString('en')} bytes of UTF-8; accented letters and emoji count as several).`,
  }
  if (text.length > MAX_NOTES_BYTES) return tooLong
  const notes = text.replace(/\r\n/g, '\n')
  if (utf8Length(notes) > MAX_NOTES_BYTES) return tooLong
  if (NOTE_CONTROL.test(notes))
    return {
      problem:
        'Notes cannot contain control characters other than line breaks and tabs (no terminal escapes or bidi overrides).',
    }
  return { notes }
}

/**
 * Tags as stored, in the user's order, or why they are refused. A tag is named by its position,
 * never quoted: the count is checked before any tag is looked at, so 1,000 tags cost nothing.
 */
export function checkTags(tags: unknown): { tags: string[] } | { problem: string } {
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string'))
    return { problem: 'Tags must be a list of words.' }
  if (tags.length > MAX_TAGS) return { problem: `At most ${MAX_TAGS} tags are allowed.` }
  const seen = new Map<string, number>()
  for (const [index, tag] of tags.entries()) {
    if (!TAG.test(tag))
      return {
        problem: `Tag #${index + 1} must be 1–${MAX_TAG_CHARACTERS} characters of letters, digits, "-" and "_".`,
      }
    const first = seen.get(tag.toLowerCase())
    if (first !== undefined)
      return {
        problem: `Tag #${index + 1} repeats tag #${first + 1}; tags are unique whatever their case.`,
      }
    seen.set(tag.toLowerCase(), index)
  }
  return { tags: [...tags] }
}

/** checkNotes as a schema; its output is the notes as stored. */
export const notesSchema: z.ZodType<string, unknown> = z.unknown().transform((text, ctx) => {
  const checked = checkNotes(text)
  if ('notes' in checked) return checked.notes
  ctx.addIssue({ code: 'custom', message: checked.problem })
  return z.NEVER
})

/** checkTags as a schema. */
export const tagsSchema: z.ZodType<string[], unknown> = z.unknown().transform((tags, ctx) => {
  const checked = checkTags(tags)
  if ('tags' in checked) return checked.tags
  ctx.addIssue({ code: 'custom', message: checked.problem })
  return z.NEVER
})
