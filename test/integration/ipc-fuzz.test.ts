/**
 * Fuzzing every IPC channel (issue 3 acceptance): for each channel, ≥ 1,000 payloads that break its
 * schema (wrong types, missing and extra fields, huge strings, nested junk, __proto__ and
 * constructor keys, non-objects at the top) and a few hundred that pass the schema but name
 * nothing real. Every one must come back as `{ ok: false, error }` with a typed code, none may
 * throw or reach the generic failure, no message may echo what was sent, and afterwards the
 * vault's files are byte-identical and Object.prototype is untouched. A call from any foreign
 * sender is refused on every channel.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../src/shared/errors'
import { CHANNELS, ipcContract, type Channel } from '../../src/shared/ipc-contract'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter, UNEXPECTED_ERROR } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { memoryClipboard } from '../../src/main/usage/clipboard'
import { fixedClock, testSeed } from '../support/vault-fixtures'
import { checkName } from '../../src/shared/name-text'

const OWN = { url: 'app://safehold/index.html' }
const CANARY = 'CANARY_c4n4ry'
/** Distinct malformed payloads each channel must see; generated ones repeat, so run more. */
const DISTINCT = 1_000
const RUNS = 4_000
const SEMANTIC_RUNS = 200
const SEED = testSeed('SAFEHOLD_FUZZ_SEED')

// ---- payloads that break the schema --------------------------------------------------------

const ID = '4c1f7b2e-9a3d-4e8f-b6a1-2d5c7e9f0a13'
const FILE = { fileName: 'leaf.pem', dataBase64: 'AAAA' }
const ENV_FILE = {
  fileName: '.env',
  dataBase64: Buffer.from(`TOKEN=${CANARY}\n`).toString('base64'),
}
/** One schema-valid request per channel (two for register), the starting point of mutations. */
const VALID: Record<Channel, unknown[]> = {
  'app:state': [{}],
  'profile:update': [{ user: 'Ada', role: 'member', confirmDemotion: true }],
  'workspaces:add': [{ name: 'Platform' }],
  'secrets:list': [{}],
  'secrets:show': [{ id: ID }],
  'secrets:history': [{ id: ID }],
  'secrets:register': [
    {
      type: 'api-key',
      name: 'stripe-live',
      scope: { kind: 'organization' },
      availability: { kind: 'spot', spot: 'CodeCrafters' },
      expiresAt: '2031-01-01',
      fields: { headerName: 'Authorization', value: CANARY },
      notes: 'Rotated monthly.\n\tOwner: Ada',
      tags: ['billing', 'prod'],
    },
    {
      type: 'certificate',
      name: 'mtls',
      scope: { kind: 'workspace', workspace: 'Platform' },
      pairs: [{ key: 'A', value: CANARY }],
      certificate: FILE,
      privateKey: { ...FILE, password: CANARY },
    },
  ],
  'secrets:edit': [
    {
      id: ID,
      fields: { value: CANARY },
      pairs: [{ key: 'A', value: CANARY }],
      replacePairs: [],
      expiresAt: null,
      certificate: FILE,
      privateKey: FILE,
      name: 'stripe-live-v2',
      availability: { kind: 'spot', spot: 'Bytebards' },
      notes: 'Rotated.',
      tags: ['billing'],
      favourite: true,
    },
  ],
  'secrets:delete-now': [{ id: ID, confirm: 'DELETE' }],
  'secrets:schedule-deletion': [{ id: ID, confirm: 'DELETE' }],
  'secrets:cancel-deletion': [{ id: ID }],
  'secrets:copy': [{ id: ID, field: 'value' }],
  'secrets:test-connection': [{ id: ID, url: 'https://127.0.0.1:9/', ca: FILE }],
  'notifications:list': [{}],
  'notifications:mark-all-read': [{}],
  'settings:get': [{}],
  'vault:state': [{}],
  'vault:create': [
    { organization: 'Acme', user: 'Ada', protection: 'passphrase', passphrase: CANARY },
  ],
  'vault:open-folder': [{}],
  'vault:unlock': [{ passphrase: CANARY }],
  'vault:lock': [{}],
  'vault:touch': [{}],
  'vault:add-passphrase': [{ passphrase: CANARY }],
  'workspaces:rename': [{ from: 'Platform', to: 'Infra' }],
  'secrets:restore-previous': [{ id: ID }],
  'settings:update': [{ expiryReminderDays: [30, 7, 1], launchAtLogin: false }],
  'app:take-navigation': [{}],
  'certificates:inspect': [{ certificate: FILE, privateKey: { ...FILE, password: CANARY } }],
  'import:preview-env': [{ file: ENV_FILE, mode: 'per-key', scope: { kind: 'personal' } }],
  'files:parse-kv': [ENV_FILE],
  'import:env': [
    {
      file: ENV_FILE,
      mode: 'one',
      name: 'app-env',
      scope: { kind: 'workspace', workspace: 'Platform' },
      availability: null,
    },
  ],
  'audit:list': [
    {
      secret: 'stripe',
      since: '2026-12-01T00:00:00.000Z',
      action: 'use-refused',
      scope: { kind: 'workspace', workspace: 'Platform' },
    },
  ],
  'scan:start': [{ folder: 'same', gitHistory: true }],
  'scan:status': [{ id: ID, from: 0 }],
  'scan:cancel': [{ id: ID }],
}

const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'then',
  'id',
  'name',
  'type',
  'scope',
  'kind',
  'fields',
  'value',
  'confirm',
  'certificate',
  'dataBase64',
]

/** An object whose keys are own properties, `__proto__` included (as JSON.parse makes them). */
function ownObject(entries: [string, unknown][], nullPrototype: boolean): object {
  const object = (nullPrototype ? Object.create(null) : {}) as Record<string, unknown>
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return object
}

const hugeString = fc
  .integer({ min: 70_000, max: 3_000_000 })
  .map((length) => CANARY.repeat(Math.ceil(length / CANARY.length)))
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 }))
const leaf = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -0, NaN, Infinity, '', 'DELETE', CANARY),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.string({ maxLength: 40 }).map((s) => `${CANARY}${s}`),
  fc.date({ noInvalidDate: false }),
  fc.uint8Array({ maxLength: 16 }),
)
const { junk } = fc.letrec<{ junk: unknown }>((tie) => ({
  junk: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('junk'), { maxLength: 4 }),
    fc
      .tuple(fc.array(fc.tuple(key, tie('junk')), { maxLength: 4 }), fc.boolean())
      .map(([entries, bare]) => ownObject(entries, bare)),
    fc.constant(new Map([[CANARY, CANARY]])),
    fc.constant(new Set([CANARY])),
  ),
}))
const anyJunk = fc.oneof({ weight: 12, arbitrary: junk }, { weight: 1, arbitrary: hugeString })

type Path = (string | number)[]
function pathsOf(value: unknown, path: Path = []): Path[] {
  const here = [path]
  if (value === null || typeof value !== 'object') return here
  return here.concat(
    ...Object.entries(value).map(([k, v]) =>
      pathsOf(v, [...path, Array.isArray(value) ? Number(k) : k]),
    ),
  )
}

type Mutation = 'delete' | 'replace' | 'add' | 'wrap'
function mutate(base: unknown, path: Path, mutation: Mutation, extraKey: string, value: unknown) {
  const copy = structuredClone(base)
  if (path.length === 0) {
    if (mutation === 'wrap') return [copy]
    if (mutation === 'add' && copy !== null && typeof copy === 'object') {
      return ownObject([...Object.entries(copy), [extraKey, value]], false)
    }
    return value
  }
  let parent = copy as Record<string | number, unknown>
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (mutation === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1)
    else delete parent[last]
  } else if (mutation === 'wrap') parent[last] = [parent[last]]
  else if (mutation === 'add' && parent[last] !== null && typeof parent[last] === 'object') {
    const target = parent[last]
    parent[last] = Array.isArray(target)
      ? [...(target as unknown[]), value]
      : ownObject([...Object.entries(target), [extraKey, value]], false)
  } else parent[last] = value
  return copy
}

/** A payload as text for counting distinct ones; a huge string counts by its length. */
function shapeOf(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 1_000 ? `<${value.length}>` : JSON.stringify(value)
  if (value === null || typeof value !== 'object' || value instanceof Map || value instanceof Set)
    return fc.stringify(value)
  if (value instanceof Date || ArrayBuffer.isView(value)) return fc.stringify(value)
  const kind = Array.isArray(value) ? '[' : Object.getPrototypeOf(value) === null ? '{bare ' : '{'
  return `${kind}${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}:${shapeOf(v)}`)
    .join(',')}`
}

function malformed(channel: Channel): fc.Arbitrary<unknown> {
  const schema = ipcContract[channel].request
  const mutations = fc.oneof(
    ...VALID[channel].map((base) => {
      const paths = pathsOf(base)
      return fc
        .record({
          path: fc.constantFrom(...paths),
          mutation: fc.constantFrom<Mutation>('delete', 'replace', 'add', 'wrap'),
          extraKey: key,
          value: anyJunk,
        })
        .map(({ path, mutation, extraKey, value }) => mutate(base, path, mutation, extraKey, value))
    }),
  )
  return fc
    .oneof({ weight: 1, arbitrary: anyJunk }, { weight: 3, arbitrary: mutations })
    .filter((payload) => !schema.safeParse(payload).success)
}

// ---- payloads that pass the schema but name nothing real ------------------------------------

const unknownId = fc.uuid().filter((id) => /^[0-9a-f-]{36}$/.test(id))
const randomFile = fc
  .record({
    name: fc.constantFrom('x.pem', 'x.crt', 'x.cer', 'x.der', 'x.p12', 'x.pfx', 'x.key', 'x.txt'),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      fc
        .uint8Array({ minLength: 1, maxLength: 600 })
        .map((b) =>
          Buffer.from(
            `-----BEGIN CERTIFICATE-----\n${Buffer.from(b).toString('base64')}\n-----END CERTIFICATE-----\n`,
          ),
        ),
    ),
    password: fc.option(fc.constant(CANARY), { nil: undefined }),
  })
  .map(({ name, bytes, password }) => ({
    fileName: name,
    dataBase64: Buffer.from(bytes).toString('base64'),
    ...(password === undefined ? {} : { password }),
  }))
const badSecretName = fc
  .string({ maxLength: 70 })
  .filter((name) => !/^[A-Za-z0-9._-]{3,64}$/.test(name) && !name.includes(CANARY))

/** Ids of the seeded secrets (filled in beforeAll): a stripe-live in organization, app-env in Platform. */
const seeded: { org: string; workspace: string } = { org: ID, workspace: ID }
const seededId = fc.constantFrom<keyof typeof seeded>('org', 'workspace').map((k) => seeded[k])
/** Notes and tags each rule refuses, with the canary inside. */
const badNotes = fc.oneof(
  fc.constantFrom('\u001b[2J', '\u202E', '\u009b', '\r', '\u0000').map((c) => `${CANARY}${c}`),
  fc.constant(`${CANARY}${'é'.repeat(2100)}`),
)
const badTags = fc.oneof(
  fc.constant([CANARY, CANARY.toLowerCase()]),
  fc.array(fc.constant(CANARY), { minLength: 21, maxLength: 64 }),
  fc.constantFrom(' ', '\u001b', '.b', 'x'.repeat(33)).map((t) => ['ok', `${CANARY}${t}`]),
)

/** Requests that pass their schema and must still fail without a change. */
const SCHEMA_VALID_BUT_WRONG: Partial<Record<Channel, fc.Arbitrary<unknown>>> = {
  'profile:update': fc.oneof(
    fc.constantFrom('member', 'account-manager').map((role) => ({ role })),
    fc.constantFrom('', ' ', '\t\n ').map((user) => ({ user })),
  ),
  'workspaces:add': fc.oneof(
    fc.constantFrom('platform', 'PLATFORM', 'Platform').map((name) => ({ name })),
    fc
      .string({ maxLength: 128 })
      // Names the rule for people and places refuses: empty, control characters, over 64.
      .filter((name) => 'problem' in checkName(name, 'Workspace name'))
      .map((name) => ({ name })),
  ),
  'secrets:show': unknownId.map((id) => ({ id })),
  'secrets:history': unknownId.map((id) => ({ id })),
  'secrets:register': fc.oneof(
    fc.record({
      type: fc.constant('certificate'),
      name: fc.constant('fuzz-cert'),
      scope: fc.constant({ kind: 'personal' }),
      certificate: randomFile,
    }),
    fc.record({
      type: fc.constantFrom('api-key', 'bearer-token', 'client-credentials', 'key-value'),
      name: badSecretName,
      scope: fc.constant({ kind: 'personal' }),
      fields: fc.dictionary(
        fc.constantFrom('headerName', 'value', 'headerValue'),
        fc.constant(CANARY),
      ),
    }),
  ),
  'secrets:edit': fc.oneof(
    fc.record({ id: unknownId, fields: fc.constant({ value: CANARY }) }),
    fc.record({ id: seededId, notes: badNotes }),
    fc.record({ id: seededId, tags: badTags }),
    fc.record({ id: seededId, name: badSecretName }),
    // Availability is for organization secrets only.
    fc.record({
      id: fc.constant(null).map(() => seeded.workspace),
      availability: fc.constant({ kind: 'organization' }),
    }),
  ),
  // A name the rules refuse: nothing is imported (a taken name: cli-import-export, import-env).
  'import:env': fc.record({
    file: fc.constant(ENV_FILE),
    mode: fc.constant('one'),
    name: badSecretName,
    scope: fc.constant({ kind: 'workspace', workspace: 'Platform' }),
  }),
  'workspaces:rename': fc.oneof(
    // An unknown workspace, whatever the new name (a name that can be shown is quoted back).
    fc.record({
      from: fc.constantFrom('Nope', 'Platformx', ' ', '\u202E'),
      to: fc.constantFrom('Infra', CANARY),
    }),
    // A name the other workspace holds, in any case.
    fc.record({
      from: fc.constantFrom('Platform', 'platform'),
      to: fc.constantFrom('Research', 'RESEARCH', 'research '),
    }),
    fc.record({
      from: fc.constant('Platform'),
      to: fc
        .string({ maxLength: 128 })
        .filter((name) => 'problem' in checkName(name, 'Workspace name')),
    }),
  ),
  'secrets:restore-previous': fc.oneof(
    unknownId.map((id) => ({ id })),
    seededId.map((id) => ({ id })),
  ),
  'secrets:delete-now': unknownId.map((id) => ({ id, confirm: 'DELETE' })),
  'secrets:schedule-deletion': unknownId.map((id) => ({ id, confirm: 'DELETE' })),
  'secrets:cancel-deletion': unknownId.map((id) => ({ id })),
  'secrets:copy': unknownId.map((id) => ({ id })),
  'secrets:test-connection': unknownId.map((id) => ({ id, url: 'https://127.0.0.1:9/' })),
  // No scan has run: there is no folder to scan again, and no scan to ask about or stop.
  'scan:start': fc.boolean().map((gitHistory) => ({ folder: 'same', gitHistory })),
  'scan:status': fc
    .tuple(unknownId, fc.nat({ max: 1_000_000 }))
    .map(([id, from]) => ({ id, from })),
  'scan:cancel': unknownId.map((id) => ({ id })),
  // A .env that reads as dotenv reads it, but is refused: the lines are named, never their text.
  'files:parse-kv': fc
    .record({
      name: fc.constantFrom('.env', '.env.development.local', 'prod.env', 'x.json', 'x.txt'),
      line: fc.constantFrom(
        `A=${CANARY}`,
        `__proto__=${CANARY}`,
        `EMPTY=`,
        `1X=${CANARY}`,
        `K=${CANARY}\u0000`,
        `K="${CANARY}\u2028"`,
      ),
    })
    .map(({ name, line }) => ({
      fileName: name,
      dataBase64: Buffer.from(`A=${CANARY}\n${CANARY} is not a pair\n${line}\n`).toString('base64'),
    })),
  'certificates:inspect': fc
    .tuple(randomFile, fc.option(randomFile, { nil: undefined }))
    .map(([certificate, privateKey]) =>
      privateKey === undefined ? { certificate } : { certificate, privateKey },
    ),
}

// ---- the vault under test --------------------------------------------------------------------

let root = ''
let services: AppServices
let router: IpcRouter
const logged: string[] = []
let filesBefore: Map<string, Buffer>
let listBefore: unknown

function vaultFiles(): Map<string, Buffer> {
  const dir = services.vaultDir
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name)
        return [path.slice(dir.length + 1), readFileSync(path)] as const
      })
      .sort(([a], [b]) => a.localeCompare(b)),
  )
}

function expectTypedRefusal(result: unknown, code?: string): void {
  expect(result).toMatchObject({ ok: false })
  expect(Object.keys(result as object).sort()).toEqual(['error', 'ok'])
  const { error } = result as { error: { code: string; message: string; field?: string } }
  expect(typeof error.code).toBe('string')
  expect(typeof error.message).toBe('string')
  expect(Object.keys(error).every((k) => ['code', 'message', 'field'].includes(k))).toBe(true)
  expect(ERROR_CODES).toContain(error.code)
  expect(error.message).not.toBe(UNEXPECTED_ERROR.message)
  if (code !== undefined) expect(error.code).toBe(code)
  // Nothing that was sent comes back: not the canary, not a huge echo.
  expect(JSON.stringify(result)).not.toContain(CANARY)
  expect(error.message.length).toBeLessThan(400)
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-ipc-fuzz-'))
  services = await openAppServices({
    vaultDir: join(root, 'vault'),
    keychain: memoryKeychain(),
    passphrase: null,
    clock: fixedClock(),
    clipboard: memoryClipboard(),
    createIfMissing: true,
  })
  router = createIpcRouter(services, {
    isOwnPage: sameOriginAs('app://safehold/'),
    log: (line) => logged.push(line),
  })
  const seed = async (channel: Channel, request: unknown) => {
    const result = await router.dispatch(channel, request, OWN)
    if (!result.ok) throw new Error(`seeding ${channel}: ${result.error.message}`)
  }
  await seed('workspaces:add', { name: 'Platform' })
  await seed('workspaces:add', { name: 'Research' })
  await seed('secrets:register', VALID['secrets:register'][0])
  await seed('secrets:register', {
    type: 'key-value',
    name: 'app-env',
    scope: { kind: 'workspace', workspace: 'Platform' },
    pairs: [{ key: 'A', value: CANARY }],
  })
  for (const secret of Object.values(services.store.state.secrets))
    seeded[secret.scope.kind === 'organization' ? 'org' : 'workspace'] = secret.id
  filesBefore = vaultFiles()
  listBefore = await router.dispatch('secrets:list', {}, OWN)
})

afterAll(() => {
  services?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('fuzzing the IPC router', () => {
  it('starts every mutation from a request its schema accepts', () => {
    for (const channel of CHANNELS) {
      for (const base of VALID[channel]) {
        expect(ipcContract[channel].request.safeParse(base).success, channel).toBe(true)
      }
    }
  })

  it.each(CHANNELS)('%s: every malformed payload is refused as INVALID_INPUT', async (channel) => {
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(malformed(channel), async (payload) => {
        seen.add(shapeOf(payload))
        expectTypedRefusal(await router.dispatch(channel, payload, OWN), 'INVALID_INPUT')
      }),
      { numRuns: RUNS, seed: SEED },
    )
    expect(seen.size).toBeGreaterThanOrEqual(DISTINCT)
  })

  it.each(CHANNELS.filter((c) => SCHEMA_VALID_BUT_WRONG[c] !== undefined))(
    '%s: a well-formed request naming nothing real is refused with a typed code',
    async (channel) => {
      const schema = ipcContract[channel].request
      await fc.assert(
        fc.asyncProperty(SCHEMA_VALID_BUT_WRONG[channel]!, async (payload) => {
          expect(schema.safeParse(payload).success).toBe(true)
          expectTypedRefusal(await router.dispatch(channel, payload, OWN))
        }),
        { numRuns: SEMANTIC_RUNS, seed: SEED },
      )
    },
  )

  it('refuses every channel, and unknown ones, from a foreign sender', async () => {
    const senders = [
      'https://evil.example/',
      'file:///home/user/index.html',
      'app://other/',
      'app://safehold.evil.example/',
      'http://127.0.0.1:5173/',
      '',
    ]
    for (const url of senders) {
      for (const channel of [...CHANNELS, 'secrets:steal', '__proto__']) {
        const payload = VALID[channel as Channel]?.[0] ?? {}
        expect(await router.dispatch(channel, payload, { url })).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN_SENDER' },
        })
      }
    }
    for (const sender of [null, undefined, {}, { url: 42 }, 'app://safehold/']) {
      expect(
        await router.dispatch('secrets:list', {}, sender as unknown as { url: string }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    }
  })

  it('changed nothing: vault files byte-identical, same list, Object.prototype clean', async () => {
    expect(vaultFiles()).toEqual(filesBefore)
    expect(await router.dispatch('secrets:list', {}, OWN)).toEqual(listBefore)
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Record<string, unknown>)[CANARY]).toBeUndefined()
    expect(logged).toEqual([])
  })
})
