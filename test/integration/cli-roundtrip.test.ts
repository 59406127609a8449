/**
 * Every credential type in every scope through the real `safehold` command, as DESIGN.md §6.1
 * promises it to scripts: register → list --json → show --json (metadata, never a value) → get
 * (exactly the value, a use per consumer). Once with the key in the OS keychain (skipped with the
 * reason where there is none), once with a passphrase. Passphrase mode pays ~0.4 s of scrypt per
 * call, so it skips the show before the first use and reads other fields in one scope only.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CredentialType } from '../../src/shared/domain'
import type { SecretDetails, SecretSummary } from '../../src/shared/secret-view'
import { keychainLabel } from '../../src/main/keychain/keychain'
import { makeSelfSignedCertificate, pemBodyLines, type TestCertificate } from '../support/certs'
import {
  ensureBuilt,
  expectCliError,
  expectSuccess,
  forgetKeychainKey,
  runCli,
  type CliOptions,
} from '../support/cli'
import { keychainTier } from '../support/keychain'

const SUMMARY_KEYS = [
  'id',
  'name',
  'type',
  'scope',
  'availability',
  'createdAt',
  'updatedAt',
  'lastUsedAt',
  'expiresAt',
  'status',
  'deletesAt',
  'usages',
]
const DETAIL_KEYS = [
  'fields',
  'keys',
  'certificate',
  'hasPrivateKey',
  'fingerprint',
  'notes',
  'tags',
  'favourite',
  'previous',
]
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/
const WORKSPACE = 'Ops'
const EXPIRES = `${new Date().getUTCFullYear() + 1}-06-30`
const SPOT = 'CodeCrafters'

const SCOPES = [
  { scope: 'organization', suffix: 'org' },
  { scope: `workspace:${WORKSPACE}`, suffix: 'ws' },
  { scope: 'personal', suffix: 'own' },
] as const
type ScopeName = (typeof SCOPES)[number]['scope']

interface Files {
  dir: string
  cert: TestCertificate
  envFile: string
}

/** One way of registering one credential type, with everything a user should then see. */
interface Variant {
  label: string
  type: CredentialType
  base: string
  register(files: Files, scope: ScopeName): { args: string[]; input?: string }
  /** Availability when registered in organization scope. */
  availability?: string
  /** What `safehold get NAME` prints. */
  primary(files: Files): string
  /** `--field F` → what `safehold get NAME --field F` prints. */
  fields(files: Files): Record<string, string>
  /** Strings that must never appear in list/show output. */
  secrets(files: Files): string[]
  expiresAt(files: Files): string | null | RegExp
  details(show: SecretDetails, files: Files): void
}

function variants(certAlgorithm: 'rsa' | 'ec-p256'): Variant[] {
  const tag = randomBytes(6).toString('hex')
  const apiKey = `ak_${tag}_live`
  const token = `eyJ${tag}.payload.signature`
  const clientSecret = `cs-${tag}-secret`
  const region = `region-${tag}`
  const pairToken = `tok-${tag}`
  const dbPassword = `p@ss word ${tag}`
  const plain = (fields: Record<string, string>) => (show: SecretDetails) => {
    expect(show.fields).toEqual(fields)
    expect(show.keys).toEqual([])
    expect(show.certificate).toBeNull()
    expect(show.hasPrivateKey).toBe(false)
  }
  const kv = (keys: string[]) => (show: SecretDetails) => {
    expect(show.fields).toEqual({})
    expect(show.keys).toEqual(keys)
    expect(show.certificate).toBeNull()
    expect(show.hasPrivateKey).toBe(false)
  }
  return [
    {
      label: 'an API key',
      type: 'api-key',
      base: 'api-key',
      register: () => ({
        args: [
          '--field',
          'headerName=X-Api-Key',
          '--field',
          `value=${apiKey}`,
          '--expires',
          EXPIRES,
        ],
      }),
      primary: () => apiKey,
      fields: () => ({ headerName: 'X-Api-Key' }),
      secrets: () => [apiKey],
      expiresAt: () => new RegExp(`^${EXPIRES}T`),
      details: plain({ headerName: 'X-Api-Key' }),
    },
    {
      label: 'a bearer token (--secret-stdin)',
      type: 'bearer-token',
      base: 'bearer',
      register: () => ({
        args: ['--field', 'headerName=Authorization', '--secret-stdin', 'headerValue'],
        input: `${token}\n`,
      }),
      primary: () => token,
      fields: () => ({ headerName: 'Authorization' }),
      secrets: () => [token],
      expiresAt: () => null,
      details: plain({ headerName: 'Authorization' }),
    },
    {
      label: 'client credentials',
      type: 'client-credentials',
      base: 'client',
      availability: `spot:${SPOT}`,
      register: (_files, scope) => ({
        args: [
          '--field',
          `clientId=svc-${tag}`,
          '--field',
          'url=https://auth.example.com/oauth2/token',
          '--secret-stdin',
          'clientSecret',
          '--expires',
          EXPIRES,
          ...(scope === 'organization' ? ['--availability', `spot:${SPOT}`] : []),
        ],
        input: clientSecret,
      }),
      primary: () => clientSecret,
      fields: () => ({ clientId: `svc-${tag}`, url: 'https://auth.example.com/oauth2/token' }),
      secrets: () => [clientSecret],
      expiresAt: () => new RegExp(`^${EXPIRES}T`),
      details: plain({ clientId: `svc-${tag}`, url: 'https://auth.example.com/oauth2/token' }),
    },
    {
      label: `a certificate (${certAlgorithm}) with its key`,
      type: 'certificate',
      base: 'cert',
      register: ({ cert }) => ({ args: ['--cert', cert.certFile, '--key', cert.keyFile] }),
      primary: ({ cert }) => cert.certPem,
      fields: ({ cert }) => ({ privateKey: cert.keyPem }),
      secrets: ({ cert }) => [...pemBodyLines(cert.keyPem), ...pemBodyLines(cert.certPem)],
      expiresAt: ({ cert }) => cert.notAfter,
      details: (show, { cert }) => {
        expect(show.fields).toEqual({})
        expect(show.keys).toEqual([])
        expect(show.hasPrivateKey).toBe(true)
        expect(show.certificate).toMatchObject({
          subject: cert.subject,
          issuer: cert.subject,
          notAfter: cert.notAfter,
          keyType: certAlgorithm === 'rsa' ? 'RSA 2048' : 'EC P-256',
          chainLength: 1,
        })
      },
    },
    {
      label: 'key/value pairs (--field pair:K=V)',
      type: 'key-value',
      base: 'kv-pairs',
      register: () => ({
        args: ['--field', `pair:REGION=${region}`, '--secret-stdin', 'pair:TOKEN'],
        input: pairToken,
      }),
      primary: () => `REGION=${region}\nTOKEN=${pairToken}`,
      fields: () => ({ TOKEN: pairToken, 'pair:REGION': region }),
      secrets: () => [region, pairToken],
      expiresAt: () => null,
      details: kv(['REGION', 'TOKEN']),
    },
    {
      label: 'key/value pairs (--kv-file .env)',
      type: 'key-value',
      base: 'kv-file',
      register: ({ envFile }) => {
        writeFileSync(
          envFile,
          `# written by the roundtrip test\nDB_HOST=db-${tag}.internal\nDB_PASSWORD="${dbPassword}"\nexport API_TOKEN=tok_${tag}\n`,
        )
        return { args: ['--kv-file', envFile] }
      },
      primary: () =>
        `DB_HOST=db-${tag}.internal\nDB_PASSWORD='${dbPassword}'\nAPI_TOKEN=tok_${tag}`,
      fields: () => ({ DB_PASSWORD: dbPassword }),
      secrets: () => [`db-${tag}.internal`, dbPassword, `tok_${tag}`],
      expiresAt: () => null,
      details: kv(['DB_HOST', 'DB_PASSWORD', 'API_TOKEN']),
    },
  ]
}

/** `safehold get` prints the value followed by one newline, as `pass show` does. */
const printed = (value: string): string => (value.endsWith('\n') ? value : `${value}\n`)

interface Mode {
  name: string
  skipReason: string | null
  env: CliOptions['env']
  init: { args: string[]; input?: string }
  protection: RegExp
  certAlgorithm: 'rsa' | 'ec-p256'
  /** Show every secret before its first use, and read other fields in every scope. */
  thorough: boolean
}

const tier = keychainTier()
const PASSPHRASE = 'roundtrip: a passphrase long enough to pass'
const MODES: Mode[] = [
  {
    name: 'key in the OS keychain',
    skipReason: tier.available ? null : tier.reason,
    env: { SAFEHOLD_PASSPHRASE: undefined },
    init: { args: ['init', '--org', 'Acme', '--user', 'Ann'] },
    protection: new RegExp(`\\(Key in ${keychainLabel()}\\)`),
    certAlgorithm: 'ec-p256',
    thorough: true,
  },
  {
    name: 'passphrase',
    skipReason: null,
    env: { SAFEHOLD_PASSPHRASE: PASSPHRASE },
    init: {
      args: ['init', '--passphrase-stdin', '--org', 'Acme', '--user', 'Ann'],
      input: `${PASSPHRASE}\n`,
    },
    protection: /\(Passphrase\)/,
    certAlgorithm: 'rsa',
    thorough: false,
  },
]

for (const mode of MODES) {
  if (mode.skipReason !== null)
    console.warn(`CLI roundtrip (${mode.name}) skipped: ${mode.skipReason}`)

  describe.skipIf(mode.skipReason !== null)(`safehold roundtrip, ${mode.name}`, () => {
    const cases = SCOPES.flatMap(({ scope, suffix }) =>
      variants(mode.certAlgorithm).map((variant) => ({
        variant,
        scope,
        name: `${variant.base}-${suffix}`,
        availability: scope === 'organization' ? (variant.availability ?? 'organization') : null,
        /** consumer → number of uses, as show must then report them. */
        uses: new Map<string, number>(),
      })),
    )
    let files: Files
    let vault: string
    let startedAt: number
    const cli = (args: string[], input?: string) =>
      runCli(args, { vault, env: mode.env, ...(input === undefined ? {} : { input }) })
    const leaks = (output: string, secrets: string[]) => secrets.filter((s) => output.includes(s))
    const allSecrets = () => cases.flatMap((c) => c.variant.secrets(files))

    beforeAll(async () => {
      await ensureBuilt()
      const dir = mkdtempSync(join(tmpdir(), 'safehold-cli-roundtrip-'))
      vault = join(dir, 'vault')
      files = {
        dir,
        cert: makeSelfSignedCertificate(dir, 'service', { algorithm: mode.certAlgorithm }),
        envFile: join(dir, 'service.env'),
      }
      startedAt = Date.now() - 1000
    })

    afterAll(() => {
      if (!files) return
      try {
        if (mode.env?.['SAFEHOLD_PASSPHRASE'] === undefined) forgetKeychainKey(vault)
      } finally {
        rmSync(files.dir, { recursive: true, force: true })
      }
    })

    it('init creates the vault and says what protects its key', () => {
      const init = cli(mode.init.args, mode.init.input)
      expectSuccess(init)
      expect(init.stdout).toMatch(mode.protection)
      expect(init.stdout).toContain('You are its Account Holder.')
      expectSuccess(cli(['workspace', 'add', WORKSPACE]))
    })

    for (const c of cases) {
      const spot = c.availability?.startsWith('spot:') ? `, available to ${c.availability},` : ''
      it(`registers ${c.variant.label}${spot} in ${c.scope}`, () => {
        const { args, input } = c.variant.register(files, c.scope)
        const result = cli(
          ['register', '--type', c.variant.type, '--name', c.name, '--scope', c.scope, ...args],
          input,
        )
        expectSuccess(result)
        expect(result.stderr).toBe('')
        expect(result.stdout).toMatch(
          new RegExp(`^Registered "${c.name}" in ${c.scope} \\(fingerprint [0-9a-f]{8}\\)\\.\\n$`),
        )
      })
    }

    it('list --json gives every secret with exactly the §6.1 fields: active, unused', () => {
      const result = cli(['list', '--json'])
      expectSuccess(result)
      expect(leaks(result.stdout + result.stderr, allSecrets())).toEqual([])
      const rows = JSON.parse(result.stdout) as SecretSummary[]
      expect(rows.map((r) => r.name).sort()).toEqual(cases.map((c) => c.name).sort())
      expect(new Set(rows.map((r) => r.id)).size).toBe(cases.length)
      for (const c of cases) {
        const row = rows.find((r) => r.name === c.name)!
        expect(Object.keys(row).sort(), c.name).toEqual([...SUMMARY_KEYS].sort())
        expect(row, c.name).toEqual({
          id: matching(/^\S{8,}$/),
          name: c.name,
          type: c.variant.type,
          scope: c.scope,
          availability: c.availability,
          createdAt: matching(ISO_UTC),
          updatedAt: row.createdAt,
          lastUsedAt: null,
          expiresAt: expectedExpiry(c.variant.expiresAt(files)),
          status: 'active',
          deletesAt: null,
          usages: [],
        })
        expect(Date.parse(row.createdAt)).toBeGreaterThanOrEqual(startedAt)
        expect(Date.parse(row.createdAt)).toBeLessThanOrEqual(Date.now())
      }
    })

    if (mode.thorough) {
      it('list prints a table of names and types, never a value', () => {
        const result = cli(['list'])
        expectSuccess(result)
        expect(result.stdout.split('\n')[0]).toMatch(/^SECRET NAME\s+CREDENTIAL TYPE\s+SCOPE/)
        for (const c of cases) expect(result.stdout).toContain(c.name)
        expect(leaks(result.stdout, allSecrets())).toEqual([])
      })

      for (const c of cases) {
        it(`show ${c.name} gives metadata before any use, never the value`, () => {
          const result = cli(['show', c.name, '--json'])
          expectSuccess(result)
          expect(leaks(result.stdout + result.stderr, c.variant.secrets(files))).toEqual([])
          const show = JSON.parse(result.stdout) as SecretDetails
          expectDetailKeys(show)
          expect(show).toMatchObject({
            name: c.name,
            type: c.variant.type,
            scope: c.scope,
            availability: c.availability,
            status: 'active',
            lastUsedAt: null,
            deletesAt: null,
            usages: [],
          })
          c.variant.details(show, files)

          if (c.scope !== 'personal') return
          const human = cli(['show', c.name])
          expectSuccess(human)
          expect(human.stdout).toMatch(new RegExp(`^Secret name\\s+${c.name}\\n`))
          expect(human.stdout).toContain('Not used yet.')
          expect(leaks(human.stdout, c.variant.secrets(files))).toEqual([])
        })
      }
    }

    for (const c of cases) {
      const readsFields = mode.thorough || c.scope === 'personal'
      it(`get ${c.name} prints exactly the value${readsFields ? ', --field the others' : ''}; show then reports each use`, () => {
        const consumer = c.availability === `spot:${SPOT}` ? `spot:${SPOT}` : 'deploy-script'
        const get = cli(['get', c.name, '--as', consumer])
        expectSuccess(get)
        expect(get.stderr).toBe('')
        expect(get.stdout).toBe(printed(c.variant.primary(files)))
        c.uses.set(consumer, (c.uses.get(consumer) ?? 0) + 1)

        if (readsFields) {
          const fieldConsumer = consumer === 'deploy-script' ? 'ci-runner' : consumer
          for (const [field, value] of Object.entries(c.variant.fields(files))) {
            const result = cli(['get', c.name, '--field', field, '--as', fieldConsumer])
            expectSuccess(result)
            expect(result.stdout, `--field ${field}`).toBe(printed(value))
            c.uses.set(fieldConsumer, (c.uses.get(fieldConsumer) ?? 0) + 1)
          }
        }

        const result = cli(['show', c.name, '--json'])
        expectSuccess(result)
        expect(leaks(result.stdout + result.stderr, c.variant.secrets(files))).toEqual([])
        const show = JSON.parse(result.stdout) as SecretDetails
        expectDetailKeys(show)
        c.variant.details(show, files)
        expect(show).toMatchObject({
          name: c.name,
          scope: c.scope,
          availability: c.availability,
          status: 'active',
          expiresAt: expectedExpiry(c.variant.expiresAt(files)),
        })
        const usages = [...show.usages].sort((a, b) => a.consumer.localeCompare(b.consumer))
        expect(usages).toEqual(
          [...c.uses.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([name, count]) => ({
              consumer: name,
              firstUsedAt: matching(ISO_UTC),
              lastUsedAt: matching(ISO_UTC),
              count,
            })),
        )
        expect(show.lastUsedAt).toBe(
          usages
            .map((u) => u.lastUsedAt)
            .sort()
            .at(-1),
        )
        expect(Date.parse(show.lastUsedAt!)).toBeGreaterThanOrEqual(Date.parse(show.createdAt))
      })
    }

    if (mode.env?.['SAFEHOLD_PASSPHRASE'] === undefined) {
      it('keeps the key only in the keychain: without D-Bus the vault does not open', () => {
        const result = runCli(['list'], {
          vault,
          env: { ...mode.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
        })
        expectCliError(result, 'KEYCHAIN_UNAVAILABLE', /keychain/i)
      })
    }
  })
}

/** An asymmetric matcher, typed so that it does not spread `any`. */
function matching(pattern: RegExp): unknown {
  return expect.stringMatching(pattern)
}

function expectedExpiry(expected: string | null | RegExp): unknown {
  return expected instanceof RegExp ? matching(expected) : expected
}

function expectDetailKeys(show: SecretDetails): void {
  const keys = Object.keys(show)
  for (const key of SUMMARY_KEYS) expect(keys).toContain(key)
  expect(keys.filter((key) => !SUMMARY_KEYS.includes(key) && !DETAIL_KEYS.includes(key))).toEqual(
    [],
  )
  expect(show.fingerprint).toMatch(/^[0-9a-f]{8}$/)
  // Registered without notes or tags, never starred or edited.
  expect(show).toMatchObject({ notes: '', tags: [], favourite: false, previous: null })
  for (const key of ['createdAt', 'updatedAt'] as const) expect(show[key]).toMatch(ISO_UTC)
  for (const key of ['lastUsedAt', 'expiresAt', 'deletesAt'] as const) {
    if (show[key] !== null) expect(show[key]).toMatch(ISO_UTC)
  }
}
