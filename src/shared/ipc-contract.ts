/**
 * The IPC contract: every channel the renderer may call, with the zod schemas of its request and
 * response. Main validates every request against it; responses pass through their schema before
 * they leave main, so a field that is not listed here (a value, above all) can never reach the
 * renderer. Main's handlers, the preload's and the renderer's types, and the view and request
 * types (secret-view.ts, secret-requests.ts) all come from these schemas.
 *
 * The channel names alone live in ipc-channels.ts, zod-free, because the sandboxed preload must
 * not bundle zod; this contract is typed against that list (`satisfies Record<ChannelName, …>`),
 * so a channel missing from either, or added to only one, fails to compile.
 */
import { z } from 'zod'
import {
  AUDIT_RETENTION_DAYS,
  AUTO_LOCK_MINUTES,
  CREDENTIAL_TYPES,
  ROLES,
  SECRET_STATUSES,
} from './domain'
import type { ErrorInfo } from './errors'
import { bridgePath, CHANNELS, type ChannelName } from './ipc-channels'
import { availabilitySchema, MAX_KV_FILE_BYTES, MAX_KV_PAIRS, scopeSchema } from './secret-rules'

const text = (max: number): z.ZodString => z.string().max(max)
const secretId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
/** A scan is named as a secret is: by a random UUID. */
const scanId = secretId
const isoDate = z.string()
const nullableDate = isoDate.nullable()

/** A file the user dropped or chose, as base64; certificates and keys are parsed only in main. */
export const fileInputSchema = z.strictObject({
  fileName: text(255).min(1),
  dataBase64: text(2 * 1024 * 1024),
  password: text(1024).optional(),
})

/**
 * A Key/Value file (`.env` or JSON) as the wizard read it, for main to parse: base64 of at most
 * MAX_KV_FILE_BYTES bytes, and nothing but base64 in it.
 */
export const kvFileSchema = z.strictObject({
  fileName: text(255).min(1),
  dataBase64: text(4 * Math.ceil(MAX_KV_FILE_BYTES / 3)).regex(/^[A-Za-z0-9+/]*={0,2}$/),
})

export const pairSchema = z.strictObject({ key: text(256), value: text(64 * 1024 + 16) })
const fieldsSchema = z.record(text(64), text(64 * 1024 + 16))

export const registerRequestSchema = z.strictObject({
  type: z.enum(CREDENTIAL_TYPES),
  name: text(256),
  scope: scopeSchema,
  availability: availabilitySchema.nullable().optional(),
  expiresAt: text(64).nullable().optional(),
  fields: fieldsSchema.optional(),
  pairs: z.array(pairSchema).max(1000).optional(),
  certificate: fileInputSchema.optional(),
  privateKey: fileInputSchema.optional(),
  /** DESIGN §1.1: up to 4 KiB of text; metadata, never a value. */
  notes: text(8 * 1024).optional(),
  /** Up to 20 tags of 1–32 letters, digits, `-`, `_` (checked in main). */
  tags: z.array(text(64)).max(64).optional(),
})

export const editRequestSchema = z.strictObject({
  id: secretId,
  fields: fieldsSchema.optional(),
  pairs: z.array(pairSchema).max(1000).optional(),
  replacePairs: z.array(pairSchema).max(1000).optional(),
  removeKeys: z.array(text(200)).max(1000).optional(),
  expiresAt: text(64).nullable().optional(),
  certificate: fileInputSchema.optional(),
  privateKey: fileInputSchema.optional(),
  /** A new secret name, under the same rules as at registration. */
  name: text(256).optional(),
  /** Organization secrets only. */
  availability: availabilitySchema.optional(),
  notes: text(8 * 1024).optional(),
  tags: z.array(text(64)).max(64).optional(),
  favourite: z.boolean().optional(),
})

export const usageSchema = z.object({
  consumer: z.string(),
  firstUsedAt: isoDate,
  lastUsedAt: isoDate,
  count: z.number(),
})

/** What anyone outside the vault may know about a secret: metadata, never a value. */
export const secretSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(CREDENTIAL_TYPES),
  /** organization | workspace:NAME | personal */
  scope: z.string(),
  /** organization | spot:SPOT for organization secrets, else null */
  availability: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  lastUsedAt: nullableDate,
  expiresAt: nullableDate,
  status: z.enum(SECRET_STATUSES),
  deletesAt: nullableDate,
  usages: z.array(usageSchema),
  /** Non-secret fields: headerName, clientId, url. */
  fields: z.record(z.string(), z.string()),
  /** Key/Value: the keys (their values stay in the vault). */
  keys: z.array(z.string()),
  /** The certificate's names, for search; the full facts are in the details. */
  certificateNames: z
    .object({ subject: z.string(), issuer: z.string(), subjectAltNames: z.array(z.string()) })
    .nullable(),
  notes: z.string(),
  tags: z.array(z.string()),
  favourite: z.boolean(),
})

/** Facts read from a certificate by the main process; shown instead of the certificate itself. */
export const certificateFactsSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  /** SHA-256 fingerprint of the leaf certificate, colon-separated upper-case hex. */
  fingerprintSha256: z.string(),
  notBefore: isoDate,
  notAfter: isoDate,
  /** 'RSA 2048', 'EC P-256', 'Ed25519', … */
  keyType: z.string(),
  subjectAltNames: z.array(z.string()),
  /** Number of certificates in the file including the leaf. */
  chainLength: z.number(),
  /**
   * The certificates after the leaf, in chain order (absent in facts stored before it was kept).
   */
  chain: z
    .array(z.object({ subject: z.string(), issuer: z.string(), notAfter: isoDate }))
    .optional(),
})

/** The value an edit replaced, kept 30 days (DESIGN §1.1): its fingerprint and dates only. */
export const previousValueSchema = z.object({
  fingerprint: z.string(),
  replacedAt: isoDate,
  /** When it is purged: replacedAt + 30 days. */
  purgesAt: isoDate,
})

export const secretDetailsSchema = secretSummarySchema.extend({
  certificate: certificateFactsSchema.nullable(),
  hasPrivateKey: z.boolean(),
  /** First 8 hex characters of an HMAC of the values under a vault-internal key (§1.3). */
  fingerprint: z.string(),
  previous: previousValueSchema.nullable(),
})

export const profileViewSchema = z.object({
  organization: z.string(),
  user: z.string(),
  role: z.enum(ROLES),
  workspaces: z.array(z.string()),
  /** What protects the vault key: "Key in GNOME Keyring", "Passphrase". */
  protection: z.string(),
})

const auditEntrySchema = z.object({
  at: isoDate,
  actor: z.string(),
  action: z.string(),
  detail: z.string().optional(),
})

export const REMINDER_KINDS = [
  'inactive',
  'deletion-reminder',
  'deleted',
  'expiry-reminder',
  'expired',
  'reactivated',
] as const

export const notificationViewSchema = z.object({
  id: z.string(),
  at: isoDate,
  secretId: z.string(),
  secretName: z.string(),
  scope: z.string(),
  kind: z.enum(REMINDER_KINDS),
  dueAt: isoDate,
  offsetDays: z.number(),
  read: z.boolean(),
  title: z.string(),
  body: z.string(),
})

const notificationListSchema = z.object({
  items: z.array(notificationViewSchema),
  unread: z.number(),
  total: z.number(),
})

export const settingsViewSchema = z.object({
  expiryReminderDays: z.array(z.number()),
  launchAtLogin: z.boolean().nullable(),
  /** The app locks after this many idle minutes (DESIGN §4). */
  autoLockMinutes: z.number(),
  /** Audit entries older than this many days are trimmed (DESIGN §3). */
  auditRetentionDays: z.number(),
})

export { AUDIT_RETENTION_DAYS, AUTO_LOCK_MINUTES }

/**
 * Where the window stands before and after the vault is open (DESIGN §6.4): no vault (the
 * welcome screen), locked (the unlock screen), or open. Nothing of the vault's content is here.
 */
export const vaultStateSchema = z.object({
  phase: z.enum(['no-vault', 'locked', 'open']),
  /** The vault folder this window uses (shown on the welcome and unlock screens). */
  vaultDir: z.string(),
  /** What protects the key of the vault in vaultDir ("Key in GNOME Keyring", "Passphrase"); null with no vault. */
  protection: z.string().nullable(),
  /** Whether a passphrase unlocks that vault; Settings offers to add one to a keychain-only vault. */
  hasPassphrase: z.boolean(),
  /**
   * How the locked vault is unlocked: its passphrase; OS verification (Touch ID); or, for a
   * keychain-only vault where the OS offers no verification, the keychain alone (the OS session
   * is what protects it). Null unless locked.
   */
  unlockWith: z.enum(['passphrase', 'os-verification', 'keychain']).nullable(),
  /** Whether the OS keychain answers, and if not, why: the welcome screen offers a passphrase first then. */
  keychain: z.object({ available: z.boolean(), label: z.string(), reason: z.string().nullable() }),
  /** After 5 wrong passphrases, how long until the next try is taken; 0 when it is now. */
  retryAfterMs: z.number(),
  /** Why the vault last locked: by the user, after idle minutes, or by the OS locking or sleeping. */
  lockedBy: z.enum(['user', 'idle', 'system']).nullable(),
})

/** How a connection test ended (DESIGN §3, §6.1 `safehold test`); `works` is the only success. */
export const CONNECTION_OUTCOMES = [
  'works',
  'refused',
  'http-error',
  'redirect',
  'timeout',
  'dns',
  'connection-refused',
  'tls',
  'network',
  'bad-response',
] as const

/**
 * A connection test's result in plain words: what the server answered, never a value, a header
 * or a token (a token endpoint's answer gives its type and lifetime only).
 */
export const connectionTestResultSchema = z.object({
  works: z.boolean(),
  outcome: z.enum(CONNECTION_OUTCOMES),
  message: z.string(),
  /** Where the test went: the URL's origin (scheme, host, port), never its path or query. */
  target: z.string(),
  httpStatus: z.number().nullable(),
  token: z
    .object({
      type: z.string(),
      expiresInSeconds: z.number().nullable(),
      authMethod: z.enum(['client_secret_basic', 'client_secret_post']),
    })
    .nullable(),
  /** The server's certificate, where the test spoke TLS and got that far. */
  server: z
    .object({ subject: z.string(), issuer: z.string(), notAfter: isoDate, protocol: z.string() })
    .nullable(),
  /** The secret was Inactive or Scheduled for deletion; this use made it Active again. */
  reactivated: z.boolean(),
})

/** History (DESIGN §3): the filters of `safehold audit`, each optional. */
export const auditFilterSchema = z.strictObject({
  /** Part of a secret's name, any case. */
  secret: text(128).optional(),
  /** Only entries at or after this instant (the renderer sends the local midnight of a day). */
  since: z.iso.datetime().optional(),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/)
    .optional(),
  scope: scopeSchema.optional(),
})

export const auditRowSchema = z.object({
  at: isoDate,
  actor: z.string(),
  action: z.string(),
  /** The secret's name when the entry was written; null for the vault's own entries. */
  secret: z.string().nullable(),
  detail: z.string().optional(),
})

/** A leak scan as the window sees it: the folder, counts, and places — never a value. */
export const scanViewSchema = z.object({
  id: z.string(),
  folder: z.string(),
  gitRepository: z.boolean(),
  gitHistory: z.boolean(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  values: z.number(),
  files: z.number(),
  binary: z.number(),
  bytes: z.number(),
  found: z.number(),
  truncated: z.boolean(),
  error: z.string().nullable(),
  /** The index of the first of `findings` among every place found. */
  from: z.number(),
  findings: z.array(
    z.object({
      file: z.string(),
      line: z.number(),
      secret: z.string(),
      commit: z.string().nullable(),
    }),
  ),
})

const savedSchema = z.object({ secret: secretDetailsSchema, warnings: z.array(z.string()) })

/**
 * "Import .env": the file as the page read it (base64, at most 1 MiB of bytes), parsed in main
 * only. The page sends it again with the import, so main keeps no values between the two calls.
 */
export const envImportRequestSchema = z.strictObject({
  file: z.strictObject({ fileName: text(255).min(1), dataBase64: text(1_400_000) }),
  /** One Key/Value secret named `name` holding every pair, or one Key/Value secret per key. */
  mode: z.enum(['one', 'per-key']),
  name: text(256).optional(),
  scope: scopeSchema,
  availability: availabilitySchema.nullable().optional(),
})

export const envImportPreviewSchema = z.object({
  keys: z.array(z.string()),
  secrets: z.array(z.object({ name: z.string(), keys: z.array(z.string()) })),
  /** Every reason the import would be refused, each beside its field: name, pairs, scope, … */
  problems: z.array(z.object({ code: z.string(), field: z.string(), message: z.string() })),
})
const byId = z.strictObject({ id: secretId })
const confirmed = z.strictObject({ id: secretId, confirm: z.literal('DELETE') })
const empty = z.strictObject({})

interface ChannelSchemas {
  request: z.ZodType
  response: z.ZodType
}

/** channel → { request, response }. Channel names are `<domain>:<verb>`. */
export const ipcContract = {
  'app:state': {
    request: empty,
    response: z.object({ profile: profileViewSchema, vaultDir: z.string() }),
  },
  'profile:update': {
    request: z.strictObject({
      user: text(128).optional(),
      role: z.enum(ROLES).optional(),
      confirmDemotion: z.boolean().optional(),
    }),
    response: profileViewSchema,
  },
  'workspaces:add': { request: z.strictObject({ name: text(128) }), response: profileViewSchema },
  'secrets:list': { request: empty, response: z.array(secretSummarySchema) },
  'secrets:show': { request: byId, response: secretDetailsSchema },
  'secrets:history': { request: byId, response: z.array(auditEntrySchema) },
  'secrets:register': { request: registerRequestSchema, response: savedSchema },
  'secrets:edit': { request: editRequestSchema, response: savedSchema },
  'secrets:delete-now': { request: confirmed, response: z.object({ deleted: z.literal(true) }) },
  'secrets:schedule-deletion': { request: confirmed, response: secretDetailsSchema },
  'secrets:cancel-deletion': { request: byId, response: secretDetailsSchema },
  'secrets:copy': {
    request: z.strictObject({ id: secretId, field: text(300).optional() }),
    response: z.object({ clearsAfterSeconds: z.number(), reactivated: z.boolean() }),
  },
  /** "Test connection": a use by connection-test; `url` where the secret has none of its own. */
  'secrets:test-connection': {
    request: z.strictObject({
      id: secretId,
      url: text(2048).optional(),
      /** A private CA to trust for this test (PEM or DER), read only in main. */
      ca: fileInputSchema.omit({ password: true }).optional(),
    }),
    response: connectionTestResultSchema,
  },
  'notifications:list': { request: empty, response: notificationListSchema },
  'notifications:mark-all-read': { request: empty, response: notificationListSchema },
  'settings:get': { request: empty, response: settingsViewSchema },
  'settings:update': {
    request: z.strictObject({
      expiryReminderDays: z.array(z.number().int().min(1).max(365)).max(5).optional(),
      launchAtLogin: z.boolean().optional(),
      autoLockMinutes: z
        .number()
        .int()
        .min(AUTO_LOCK_MINUTES.min)
        .max(AUTO_LOCK_MINUTES.max)
        .optional(),
      auditRetentionDays: z
        .number()
        .int()
        .min(AUDIT_RETENTION_DAYS.min)
        .max(AUDIT_RETENTION_DAYS.max)
        .optional(),
    }),
    response: settingsViewSchema,
  },
  /** What a notification click or the tray asked the window to show; each request is given once. */
  'app:take-navigation': {
    request: empty,
    response: z.object({
      secretId: z.string().nullable(),
      view: z.enum(['upcoming', 'import-env']).nullable(),
    }),
  },
  'certificates:inspect': {
    request: z.strictObject({
      certificate: fileInputSchema,
      privateKey: fileInputSchema.optional(),
    }),
    response: z.object({
      facts: certificateFactsSchema,
      hasPrivateKey: z.boolean(),
      warnings: z.array(z.string()),
    }),
  },
  /** Answers in every phase; the renderer polls it to notice a lock made by main (idle, OS, tray). */
  'vault:state': { request: empty, response: vaultStateSchema },
  /** The welcome screen's "Create vault": only when there is no vault. */
  'vault:create': {
    request: z.strictObject({
      organization: text(256),
      user: text(256),
      protection: z.enum(['keychain', 'passphrase']),
      passphrase: text(1024).optional(),
    }),
    response: vaultStateSchema,
  },
  /** "Open a vault folder…": main asks the OS folder picker; a cancelled pick changes nothing. */
  'vault:open-folder': {
    request: empty,
    response: z.object({ state: vaultStateSchema, cancelled: z.boolean() }),
  },
  'vault:unlock': {
    request: z.strictObject({ passphrase: text(1024).optional() }),
    response: vaultStateSchema,
  },
  'vault:lock': { request: empty, response: vaultStateSchema },
  /** The user is at the window (a key or pointer press, throttled): the idle timer restarts. */
  'vault:touch': { request: empty, response: z.object({ locksInMs: z.number().nullable() }) },
  /** Settings: a keychain-only vault gains a passphrase, which then unlocks it. */
  'vault:add-passphrase': {
    request: z.strictObject({ passphrase: text(1024) }),
    response: vaultStateSchema,
  },
  'workspaces:rename': {
    request: z.strictObject({ from: text(128), to: text(128) }),
    response: profileViewSchema,
  },
  'secrets:restore-previous': { request: byId, response: savedSchema },
  /** History: the audit log, filtered, newest first; `total` counts every match. */
  'audit:list': {
    request: auditFilterSchema,
    response: z.object({
      entries: z.array(auditRowSchema),
      total: z.number(),
      actions: z.array(z.string()),
    }),
  },
  /**
   * "Scan a folder…": main asks the OS folder picker (or takes the last scan's folder, `same`) and
   * starts reading it off the main thread; a cancelled pick is `scan: null`.
   */
  'scan:start': {
    request: z.strictObject({ folder: z.enum(['choose', 'same']), gitHistory: z.boolean() }),
    response: z.object({ scan: scanViewSchema.nullable() }),
  },
  /** How far a scan has got, with the places found from index `from` on (a page at most). */
  'scan:status': {
    request: z.strictObject({ id: scanId, from: z.number().int().min(0).max(1_000_000) }),
    response: scanViewSchema,
  },
  'scan:cancel': { request: z.strictObject({ id: scanId }), response: scanViewSchema },
  /** "Import .env": what the file would become, and every problem; keys and names, never values. */
  'import:preview-env': { request: envImportRequestSchema, response: envImportPreviewSchema },
  /** Adds every secret of the preview in one transaction, or none. */
  'import:env': {
    request: envImportRequestSchema,
    response: z.object({
      secrets: z.array(z.object({ id: z.string(), name: z.string(), scope: z.string() })),
    }),
  },
  /**
   * The wizard's Key/Value file, read in main exactly as `register --kv-file` reads it: its pairs
   * (shown as rows before anything is saved), or the error naming every problem by line.
   */
  'files:parse-kv': {
    request: kvFileSchema,
    response: z.object({ pairs: z.array(pairSchema).max(MAX_KV_PAIRS) }),
  },
} as const satisfies Record<ChannelName, ChannelSchemas>

export type IpcContract = typeof ipcContract
export type Channel = ChannelName
export type IpcRequest<C extends Channel> = z.input<IpcContract[C]['request']>
export type IpcResponse<C extends Channel> = z.output<IpcContract[C]['response']>

/** Errors cross IPC as values, never as thrown exceptions with stack traces. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

export { bridgePath, CHANNELS }

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S
type DomainOf<C> = C extends `${infer D}:${string}` ? D : never
type VerbOf<C> = C extends `${string}:${infer V}` ? CamelCase<V> : never

/** The shape of window.safehold: one method per channel, grouped by domain. */
export type SafeholdApi = {
  [D in DomainOf<Channel>]: {
    [C in Channel as DomainOf<C> extends D ? VerbOf<C> : never]: (
      request: IpcRequest<C>,
    ) => Promise<IpcResult<IpcResponse<C>>>
  }
}
