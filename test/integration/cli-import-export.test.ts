/**
 * `safehold export`, `safehold import --vault-export` and `safehold import --env` as a user runs
 * them (DESIGN §6.1): a vault moved to a fresh one through an encrypted file arrives whole —
 * every value checked through `get` — while a wrong passphrase, a changed byte or a name clash
 * imports nothing unless asked; a .env file becomes one secret or one per key, all or none.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CLI_PATH, expectCliError, expectSuccess, fileDigests } from '../support/cli'
import { makeSelfSignedCertificate, pemBodyLines, type TestCertificate } from '../support/certs'
import { cliVault, type CliVault } from '../support/cli-vault'

const EXPORT_PASSPHRASE = 'correct horse export staple'
const withPassphrase = (passphrase = EXPORT_PASSPHRASE) => ({
  env: { SAFEHOLD_EXPORT_PASSPHRASE: passphrase },
})

const VALUES = {
  apiKey: 'sk_live_export_4eC39HqLyjWDarjt',
  bearer: 'ghp_bearer_export_Zq81kLmN0p',
  clientSecret: 'client-secret-export-77Yx',
  dbPass: 'db-pass-export-Qw7Er9Ty',
  region: 'eu-west-1-export',
  rotatedOld: 'old-value-before-rotation-55',
  rotatedNew: 'new-value-after-rotation-66',
}

interface Shown {
  name: string
  type: string
  scope: string
  availability: string | null
  expiresAt: string | null
  status: string
  notes?: string
  tags?: string[]
  usages: { consumer: string; count: number }[]
}

let source: CliVault
let cert: TestCertificate
let exportFile: string

function must(v: CliVault, args: string[], opts = {}): string {
  const result = v.cli(args, opts)
  expectSuccess(result)
  return result.stdout
}

/** Every secret as `list --json` gives it, by scope and name, without what differs per vault. */
function listing(v: CliVault): Record<string, Omit<Shown, 'usages'>> {
  const rows = v.json<(Shown & Record<string, unknown>)[]>(['list'])
  return Object.fromEntries(
    rows.map((row) => [
      `${row.scope}/${row.name}`,
      {
        name: row.name,
        type: row.type,
        scope: row.scope,
        availability: row.availability,
        expiresAt: row.expiresAt,
        status: row.status,
      },
    ]),
  )
}

function get(
  v: CliVault,
  name: string,
  field?: string,
  scope?: string,
  as = 'import-check',
): string {
  return must(v, [
    'get',
    name,
    '--as',
    as,
    ...(field === undefined ? [] : ['--field', field]),
    ...(scope === undefined ? [] : ['--scope', scope]),
  ]).replace(/\n$/, '')
}

/** Every value of the seeded secrets, as `get` prints them. */
function allValues(v: CliVault): Record<string, string> {
  return {
    apiKey: get(v, 'stripe-live', undefined, undefined, 'spot:CodeCrafters'),
    bearer: get(v, 'gh-actions', undefined, 'workspace:Platform'),
    clientId: get(v, 'oauth-app', 'clientId'),
    clientSecret: get(v, 'oauth-app'),
    dbPass: get(v, 'app-env', 'DB_PASS'),
    region: get(v, 'app-env', 'REGION'),
    certificate: get(v, 'mtls-client'),
    privateKey: get(v, 'mtls-client', 'privateKey'),
    rotated: get(v, 'rotated'),
  }
}

beforeAll(() => {
  source = cliVault('export-source')
  cert = makeSelfSignedCertificate(source.scratch, 'export-client')
  must(source, ['workspace', 'add', 'Platform'])
  must(
    source,
    [
      'register',
      ...['--type', 'api-key', '--name', 'stripe-live', '--scope', 'organization'],
      ...['--availability', 'spot:CodeCrafters', '--expires', '2099-12-31'],
      ...['--field', 'headerName=X-Api-Key', '--secret-stdin', 'value'],
      ...['--note', 'Rotated monthly by Ada.', '--tag', 'billing', '--tag', 'prod'],
    ],
    { input: VALUES.apiKey },
  )
  must(source, [
    'register',
    ...['--type', 'bearer-token', '--name', 'gh-actions', '--scope', 'workspace:Platform'],
    ...['--field', 'headerName=Authorization', '--field', `headerValue=${VALUES.bearer}`],
  ])
  must(source, [
    'register',
    ...['--type', 'client-credentials', '--name', 'oauth-app', '--scope', 'personal'],
    ...['--field', 'clientId=app-123', '--field', 'url=https://auth.example.com/oauth/token'],
    ...['--field', `clientSecret=${VALUES.clientSecret}`],
  ])
  must(source, [
    'register',
    ...['--type', 'key-value', '--name', 'app-env', '--scope', 'personal'],
    ...['--field', `pair:DB_PASS=${VALUES.dbPass}`, '--field', `pair:REGION=${VALUES.region}`],
  ])
  must(source, [
    'register',
    ...['--type', 'certificate', '--name', 'mtls-client', '--scope', 'personal'],
    ...['--cert', cert.certFile, '--key', cert.keyFile],
  ])
  source.registerApiKey('rotated', VALUES.rotatedOld)
  must(source, ['edit', 'rotated', '--secret-stdin', 'value'], { input: VALUES.rotatedNew })
  // Usages travel with their secret.
  must(source, ['get', 'oauth-app', '--as', 'deploy-script'])
  must(source, ['get', 'oauth-app', '--as', 'deploy-script'])
  exportFile = join(source.scratch, 'vault.export')
  must(source, ['export', '--out', exportFile], withPassphrase())
}, 180_000)

describe('safehold export', () => {
  it('writes one private file that holds no value, name or note in plaintext', () => {
    expect(statSync(exportFile).mode & 0o777).toBe(0o600)
    const bytes = readFileSync(exportFile)
    const text = bytes.toString('latin1')
    const secretsOf = [
      ...Object.values(VALUES),
      ...pemBodyLines(cert.keyPem),
      ...pemBodyLines(cert.certPem),
    ]
    for (const value of secretsOf) {
      expect(text).not.toContain(value)
      expect(text).not.toContain(Buffer.from(value).toString('base64'))
    }
    for (const metadata of ['stripe-live', 'oauth-app', 'Rotated monthly', 'Platform', 'Acme'])
      expect(text).not.toContain(metadata)
    const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as Record<string, unknown>
    expect(header).toMatchObject({
      format: 'safehold-export',
      version: 1,
      kdf: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 },
      cipher: { name: 'aes-256-gcm' },
    })
  })

  it('refuses to replace a file without --force, and is audited without a value', () => {
    const before = readFileSync(exportFile)
    expectCliError(
      source.cli(['export', '--out', exportFile], withPassphrase()),
      'CONFIRMATION_REQUIRED',
      /exists already; give --force/,
    )
    expect(readFileSync(exportFile).equals(before)).toBe(true)
    const audit = source.json<{ action: string; detail: string | null }[]>([
      'audit',
      '--action',
      'export',
    ])
    expect(audit).toEqual([expect.objectContaining({ action: 'export', detail: '6 secrets' })])
  })

  it('refuses a short passphrase, and without one or a terminal it asks nothing and writes nothing', () => {
    const out = join(source.scratch, 'never.export')
    expectCliError(
      source.cli(['export', '--out', out], withPassphrase('short')),
      'INVALID_INPUT',
      /at least 8 characters/,
    )
    expectCliError(
      source.cli(['export', '--out', out]),
      'PASSWORD_REQUIRED',
      /set SAFEHOLD_EXPORT_PASSPHRASE, or run the command in a terminal/,
    )
    expect(statSync(out, { throwIfNoEntry: false })).toBeUndefined()
  })
})

describe('safehold import --vault-export', () => {
  it('brings every secret to a fresh vault: metadata, usages, previous values and every value', () => {
    const target = cliVault('export-target')
    const result = target.cli(['import', '--vault-export', exportFile], withPassphrase())
    expectSuccess(result)
    expect(result.stdout).toContain('Imported 6 secrets from the export.')
    expect(result.stdout).toContain('Added 1 workspace: Platform.')
    expect(listing(target)).toEqual(listing(source))
    const values = allValues(target)
    expect(values).toEqual(allValues(source))
    expect(values).toMatchObject({
      apiKey: VALUES.apiKey,
      bearer: VALUES.bearer,
      clientId: 'app-123',
      clientSecret: VALUES.clientSecret,
      dbPass: VALUES.dbPass,
      region: VALUES.region,
      rotated: VALUES.rotatedNew,
    })
    expect(values['certificate']).toContain(pemBodyLines(cert.certPem)[1])
    expect(values['privateKey']).toContain('PRIVATE KEY')
    const shown = target.json<Shown & { notes: string; tags: string[] }>(['show', 'stripe-live'])
    expect(shown).toMatchObject({
      availability: 'spot:CodeCrafters',
      notes: 'Rotated monthly by Ada.',
      tags: ['billing', 'prod'],
    })
    const usages = target.json<Shown>(['show', 'oauth-app']).usages
    expect(usages).toContainEqual(expect.objectContaining({ consumer: 'deploy-script', count: 2 }))
    // The value the last edit replaced came along, and can be restored here.
    must(target, ['edit', 'rotated', '--restore-previous'])
    expect(get(target, 'rotated')).toBe(VALUES.rotatedOld)
    const audit = target.json<{ action: string; secret: string | null; detail: string | null }[]>([
      'audit',
      '--action',
      'import',
    ])
    expect(audit.filter((entry) => entry.secret !== null)).toHaveLength(6)
    const log = JSON.stringify(audit)
    for (const value of Object.values(VALUES)) expect(log).not.toContain(value)
  })

  it('refuses a wrong passphrase and imports nothing', () => {
    const target = cliVault('export-wrong')
    const before = fileDigests(target.vault)
    expectCliError(
      target.cli(['import', '--vault-export', exportFile], withPassphrase('not the passphrase')),
      'WRONG_PASSPHRASE',
      /The passphrase is wrong or the file was changed/,
    )
    expect(fileDigests(target.vault)).toEqual(before)
    expect(target.json<unknown[]>(['list'])).toEqual([])
  })

  it.each([
    ['a byte of the ciphertext', (text: string) => text.indexOf('\n') + 40],
    ['a byte of the header', (text: string) => text.indexOf('"salt":"') + 10],
  ])('refuses a file with %s changed, and imports nothing', (_what, offset) => {
    const target = cliVault('export-tampered')
    const bytes = readFileSync(exportFile)
    const at = offset(bytes.toString('latin1'))
    // Another base64 character, so the file still looks like an export.
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41
    const changed = join(target.scratch, 'changed.export')
    writeFileSync(changed, bytes)
    const before = fileDigests(target.vault)
    expectCliError(
      target.cli(['import', '--vault-export', changed], withPassphrase()),
      'WRONG_PASSPHRASE',
      /The passphrase is wrong or the file was changed/,
    )
    expect(fileDigests(target.vault)).toEqual(before)
  })

  describe('a name already taken in the vault', () => {
    let target: CliVault
    const MINE = 'the-target-vaults-own-value-81'

    beforeAll(() => {
      target = cliVault('export-clash')
      target.registerApiKey('rotated', MINE)
    }, 60_000)

    it('fails by default, naming the clash, and imports nothing', () => {
      const before = fileDigests(target.vault)
      const message = expectCliError(
        target.cli(['import', '--vault-export', exportFile], withPassphrase()),
        'NAME_TAKEN',
      )
      expect(message).toContain('"rotated" in your personal secrets')
      expect(message).toContain('Nothing was imported')
      expect(fileDigests(target.vault)).toEqual(before)
    })

    it('keeps the existing secret with --on-conflict skip', () => {
      const result = target.cli(
        ['import', '--vault-export', exportFile, '--on-conflict', 'skip', '--json'],
        withPassphrase(),
      )
      expectSuccess(result)
      const report = JSON.parse(result.stdout) as { imported: unknown[]; skipped: unknown[] }
      expect(report.imported).toHaveLength(5)
      expect(report.skipped).toEqual([{ name: 'rotated', scope: 'personal' }])
      expect(get(target, 'rotated')).toBe(MINE)
      expect(get(target, 'stripe-live', undefined, undefined, 'spot:CodeCrafters')).toBe(
        VALUES.apiKey,
      )
    })

    it('imports under a new name with --on-conflict rename', () => {
      const result = target.cli(
        ['import', '--vault-export', exportFile, '--on-conflict', 'rename'],
        withPassphrase(),
      )
      expectSuccess(result)
      // Everything clashes now; each arrives beside the existing one.
      expect(result.stdout).toContain('"rotated" was imported as "rotated-imported"')
      expect(get(target, 'rotated')).toBe(MINE)
      expect(get(target, 'rotated-imported')).toBe(VALUES.rotatedNew)
      expect(get(target, 'stripe-live-imported', undefined, undefined, 'spot:CodeCrafters')).toBe(
        VALUES.apiKey,
      )
      const names = target.json<{ name: string }[]>(['list']).map((s) => s.name)
      expect(names).toHaveLength(12)
    })
  })

  const hasScript = spawnSync('script', ['--version']).status === 0
  if (!hasScript)
    console.warn('skipped: the terminal check needs util-linux `script`, which is not installed')

  it.skipIf(!hasScript)(
    'takes the passphrase typed twice on a terminal, without echo',
    async () => {
      const out = join(source.scratch, 'typed.export')
      const typed = 'typed on a terminal 42'
      const command = [process.execPath, CLI_PATH, '--vault', source.vault, 'export', '--out', out]
      const env: NodeJS.ProcessEnv = { ...process.env, SAFEHOLD_STATE_DIR: source.stateDir }
      // The vault's own key source, as cliVault set it up.
      if (process.env['SAFEHOLD_TEST_KEYCHAIN'] === '1') delete env['SAFEHOLD_PASSPHRASE']
      else env['SAFEHOLD_PASSPHRASE'] = 'export-source: a passphrase long enough'
      delete env['SAFEHOLD_EXPORT_PASSPHRASE']
      // script gives the command a terminal; each line is typed once its question is on screen.
      // exec: script runs the line through $SHELL or /bin/sh, and dash would stay in between.
      const child = spawn('script', ['-qec', `exec ${command.join(' ')}`, '/dev/null'], { env })
      let output = ''
      const questions = ['Passphrase for the export:', 'The same passphrase again:']
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8')
        if (questions.length > 0 && output.includes(questions[0]!)) {
          questions.shift()
          child.stdin.write(`${typed}\r`)
        }
      })
      const code = await new Promise<number | null>((done) => child.on('close', done))
      expect(output).toContain('The same passphrase again:')
      expect(output).toContain('Exported 6 secrets')
      expect(output).not.toContain(typed)
      expect(code).toBe(0)
      const target = cliVault('export-typed')
      expectSuccess(target.cli(['import', '--vault-export', out], withPassphrase(typed)))
      expect(get(target, 'app-env', 'DB_PASS')).toBe(VALUES.dbPass)
    },
  )
})

describe('safehold import --env', () => {
  let v: CliVault
  let envFile: string
  const ENV = {
    DATABASE_URL: 'postgres://app:pw-env-import@db/app',
    API_TOKEN: 'tok-env-import-9f8e7d',
    REGION: 'eu-west-1',
  }

  beforeAll(() => {
    v = cliVault('import-env')
    must(v, ['workspace', 'add', 'Platform'])
    envFile = join(v.scratch, 'production.env')
    writeFileSync(
      envFile,
      `# production\nDATABASE_URL=${ENV.DATABASE_URL}\nexport API_TOKEN="${ENV.API_TOKEN}"\nREGION=${ENV.REGION}\n`,
    )
  }, 60_000)

  it('makes one Key/Value secret holding every pair with --as-one', () => {
    const result = v.cli(
      ['import', '--env', envFile, '--as-one', 'production-env'].concat([
        '--scope',
        'workspace:Platform',
      ]),
    )
    expectSuccess(result)
    expect(result.stdout).toContain('Imported 1 Key/Value secret into workspace "Platform"')
    for (const [key, value] of Object.entries(ENV))
      expect(get(v, 'production-env', key)).toBe(value)
    expect(v.json<{ type: string }>(['show', 'production-env']).type).toBe('key-value')
  })

  it('makes one secret per key, named after it, with --one-per-line', () => {
    const result = v.cli(['import', '--env', envFile, '--one-per-line', '--scope', 'personal'])
    expectSuccess(result)
    expect(result.stdout).toContain('"DATABASE_URL", "API_TOKEN" and "REGION"')
    for (const [key, value] of Object.entries(ENV)) expect(get(v, key, key)).toBe(value)
    const audit = v.json<{ action: string; secret: string | null }[]>([
      'audit',
      '--action',
      'import',
    ])
    expect(audit.map((entry) => entry.secret)).toEqual(
      expect.arrayContaining(['production-env', 'DATABASE_URL', 'API_TOKEN', 'REGION']),
    )
  })

  it('refuses the whole file when one name is taken, naming it, and adds none of the others', () => {
    const mixed = join(v.scratch, 'mixed.env')
    writeFileSync(mixed, `NEW_ONE=a-new-value-1\nREGION=eu-central-1\nNEW_TWO=a-new-value-2\n`)
    const before = fileDigests(v.vault)
    const message = expectCliError(
      v.cli(['import', '--env', mixed, '--scope', 'personal']),
      'NAME_TAKEN',
    )
    expect(message).toMatch(/^Nothing was imported\. A secret named "REGION" already exists/)
    expect(fileDigests(v.vault)).toEqual(before)
    expectCliError(v.cli(['show', 'NEW_ONE']), 'NOT_FOUND')
  })

  it('names every problem at once: a key too short for a name and two keys of one name', () => {
    const bad = join(v.scratch, 'bad.env')
    writeFileSync(bad, `DB=x-value-1\nToken=x-value-2\nTOKEN=x-value-3\nFINE_KEY=x-value-4\n`)
    const message = expectCliError(
      v.cli(['import', '--env', bad, '--scope', 'personal']),
      'INVALID_INPUT',
    )
    expect(message).toContain('Key "DB" cannot be a secret name')
    expect(message).toContain('Keys "Token" and "TOKEN" would be secrets of one name')
    expectCliError(v.cli(['show', 'FINE_KEY']), 'NOT_FOUND')
  })

  it('says what is missing or contradictory before it reads anything', () => {
    expectCliError(v.cli(['import', '--env', envFile]), 'INVALID_INPUT', /--scope/)
    expectCliError(
      v.cli(['import', '--env', envFile, '--vault-export', exportFile, '--scope', 'personal']),
      'INVALID_INPUT',
      /one of --env FILE/,
    )
    expectCliError(
      v.cli([
        'import',
        '--env',
        envFile,
        '--as-one',
        'x-env',
        '--one-per-line',
        '--scope',
        'personal',
      ]),
      'INVALID_INPUT',
      /not both/,
    )
  })
})
