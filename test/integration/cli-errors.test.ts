/**
 * How `safehold` fails (DESIGN.md §6.1): one line on stderr (`safehold: <message> [CODE]`, or one
 * JSON object with --json), nothing on stdout, a non-zero exit, no stack trace, and not one byte
 * of the vault changed. Also the confirmations that guard what cannot be undone, and the role
 * rules of §1.2. The vault keeps its key in the test keychain where that tier is on (npm test's
 * private gnome-keyring), so its many processes read the key instead of deriving it; the
 * passphrase refusals use a second vault under a passphrase. Elsewhere both are one passphrase
 * vault.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProfileView, SecretDetails, SecretSummary } from '../../src/shared/secret-view'
import {
  ensureBuilt,
  expectCliError,
  expectSuccess,
  fileDigests,
  forgetKeychainKey,
  runCli,
  runCliJson,
  type CliOptions,
  type CliResult,
} from '../support/cli'

const PASSPHRASE = 'errors: a passphrase long enough to pass'
const VALUE = 'sk_live_errors_0123456789abcdef'
const ORG_TOKEN = 'org-token-fedcba9876543210'
const KEYCHAIN = process.env['SAFEHOLD_TEST_KEYCHAIN'] === '1'

let dir = ''
let vault = ''
/** A vault under a passphrase, for the refusals that are about one. */
let passphraseVault = ''
let listBefore = ''
const env = { SAFEHOLD_PASSPHRASE: KEYCHAIN ? undefined : PASSPHRASE }

const cli = (args: string[], opts: CliOptions = {}): CliResult =>
  runCli(args, { vault, ...opts, env: { ...env, ...opts.env } })

/** Runs a command that must fail and proves it left every file of the vault as it was. */
function refused(args: string[], opts: CliOptions = {}, folder = vault): CliResult {
  const before = fileDigests(folder)
  expect(Object.keys(before)).toContain('vault.json')
  const result = runCli(args, { vault: folder, ...opts, env: { ...env, ...opts.env } })
  expect(fileDigests(folder)).toEqual(before)
  expect(result.stdout + result.stderr).not.toContain(VALUE)
  return result
}

beforeAll(async () => {
  await ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'safehold-cli-errors-'))
  vault = join(dir, 'vault')
  expectSuccess(
    KEYCHAIN
      ? cli(['init', '--user', 'Ann'])
      : cli(['init', '--passphrase-stdin', '--user', 'Ann'], { input: PASSPHRASE }),
  )
  passphraseVault = vault
  if (KEYCHAIN) {
    passphraseVault = join(dir, 'passphrase-vault')
    expectSuccess(
      runCli(['init', '--passphrase-stdin', '--user', 'Ann'], {
        vault: passphraseVault,
        input: PASSPHRASE,
      }),
    )
  }
  expectSuccess(cli(['workspace', 'add', 'Ops']))
  expectSuccess(cli(['workspace', 'add', 'Research']))
  expectSuccess(
    cli(
      [
        'register',
        ...['--type', 'api-key', '--name', 'billing-api', '--scope', 'organization'],
        ...['--field', 'headerName=X-Api-Key', '--secret-stdin', 'value'],
      ],
      { input: VALUE },
    ),
  )
  expectSuccess(
    cli([
      'register',
      ...['--type', 'bearer-token', '--name', 'shared-token', '--scope', 'organization'],
      ...['--field', 'headerName=Authorization', '--field', `headerValue=${ORG_TOKEN}`],
    ]),
  )
  const list = cli(['list', '--json'])
  expectSuccess(list)
  listBefore = list.stdout
})

afterAll(() => {
  if (KEYCHAIN && vault) forgetKeychainKey(vault)
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('a refused command prints one line, exits non-zero and changes nothing', () => {
  /** The last member, when set, says the case is about the passphrase vault. */
  const cases: [string, string[], CliOptions, string, RegExp, 'passphrase'?][] = [
    ['an unknown command', ['frobnicate'], {}, 'INVALID_INPUT', /unknown command 'frobnicate'/],
    ['a mistyped command', ['lst'], {}, 'INVALID_INPUT', /unknown command 'lst'.*list/],
    ['an unknown option', ['list', '--bogus'], {}, 'INVALID_INPUT', /unknown option '--bogus'/],
    ['an unknown global option', ['--bogus', 'list'], {}, 'INVALID_INPUT', /'--bogus'/],
    [
      'an unknown credential type',
      ['register', '--type', 'password', '--name', 'pw-one', '--scope', 'personal'],
      {},
      'INVALID_INPUT',
      /'password'.*api-key/,
    ],
    ['get without --as', ['get', 'billing-api'], {}, 'INVALID_INPUT', /--as/],
    [
      'get of a secret that does not exist',
      ['get', 'no-such-secret', '--as', 'deploy-script'],
      {},
      'NOT_FOUND',
      /No secret named "no-such-secret"/,
    ],
    [
      'a name already taken in the scope (case-insensitively)',
      [
        'register',
        ...['--type', 'api-key', '--name', 'BILLING-API', '--scope', 'organization'],
        ...['--field', 'headerName=X-Api-Key', '--field', 'value=another-value'],
      ],
      {},
      'NAME_TAKEN',
      /A secret named "billing-api" already exists in (the )?organization\./,
    ],
    [
      'a workspace that does not exist',
      [
        'register',
        ...['--type', 'api-key', '--name', 'staging-key', '--scope', 'workspace:Staging'],
        ...['--field', 'headerName=X-Api-Key', '--field', 'value=another-value'],
      ],
      {},
      'WORKSPACE_NOT_FOUND',
      /There is no workspace "Staging"\. Existing workspaces: Ops, Research\./,
    ],
    [
      'a wrong passphrase',
      ['get', 'billing-api', '--as', 'deploy-script'],
      { env: { SAFEHOLD_PASSPHRASE: 'not the passphrase of this vault' } },
      'WRONG_PASSPHRASE',
      /passphrase is not the one/,
      'passphrase',
    ],
    [
      'a passphrase vault opened without a passphrase',
      ['get', 'billing-api', '--as', 'deploy-script'],
      { env: { SAFEHOLD_PASSPHRASE: undefined } },
      'KEY_UNAVAILABLE',
      /protected by a passphrase: set SAFEHOLD_PASSPHRASE or pass --passphrase-stdin/,
      'passphrase',
    ],
    [
      'delete --now without --confirm',
      ['delete', 'billing-api', '--now'],
      {},
      'CONFIRMATION_REQUIRED',
      /cannot be undone.*--confirm DELETE/,
    ],
    [
      'delete --now --confirm delete (not DELETE)',
      ['delete', 'billing-api', '--now', '--confirm', 'delete'],
      {},
      'CONFIRMATION_REQUIRED',
      /--confirm DELETE \(exactly\)/,
    ],
    [
      'delete --schedule --confirm delete (not DELETE)',
      ['delete', 'billing-api', '--schedule', '--confirm', 'delete'],
      {},
      'CONFIRMATION_REQUIRED',
      /--confirm DELETE/,
    ],
    [
      'giving up the Account Holder role without --confirm DEMOTE',
      ['profile', '--role', 'member'],
      {},
      'CONFIRMATION_REQUIRED',
      /cannot promote yourself back to Account Holder.*--confirm DEMOTE/,
    ],
    [
      'init over an existing vault',
      ['init', '--passphrase-stdin'],
      { input: 'another passphrase, long enough', env: { SAFEHOLD_PASSPHRASE: undefined } },
      'VAULT_EXISTS',
      /A vault already exists/,
    ],
  ]

  for (const [what, args, opts, code, message, which] of cases) {
    it(`refuses ${what} [${code}]`, () => {
      const folder = which === 'passphrase' ? passphraseVault : vault
      expectCliError(refused(args, opts, folder), code, message)
    })
  }

  it('leaves the list and the profile exactly as they were', () => {
    const list = cli(['list', '--json'])
    expectSuccess(list)
    expect(list.stdout).toBe(listBefore)
    expect(runCliJson<ProfileView>(['profile'], { vault, env })).toMatchObject({
      user: 'Ann',
      role: 'account-holder',
      workspaces: ['Ops', 'Research'],
    })
  })

  it('refuses a folder that holds no vault, without creating one', () => {
    const empty = join(dir, 'empty')
    mkdirSync(empty)
    const result = runCli(['list'], { vault: empty, env })
    expectCliError(result, 'VAULT_NOT_FOUND')
    expect(fileDigests(empty)).toEqual({})
  })
})

describe('--json errors', () => {
  /** `field`: the field the error must name, `null` for none, undefined when either is fine. */
  function expectJsonError(result: CliResult, code: string, field?: string | null): string {
    expect(result.code).not.toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr.endsWith('\n')).toBe(true)
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    const parsed = JSON.parse(result.stderr) as { error: Record<string, unknown> }
    expect(Object.keys(parsed)).toEqual(['error'])
    const { field: named, ...rest } = parsed.error
    const nonEmpty: unknown = expect.stringMatching(/\S/)
    expect(rest).toEqual({ code, message: nonEmpty })
    if (field === undefined) expect(['undefined', 'string']).toContain(typeof named)
    else expect(named).toBe(field ?? undefined)
    return parsed.error['message'] as string
  }

  it('prints {"error":{code,message,field}} for a secret that does not exist', () => {
    const message = expectJsonError(
      refused(['--json', 'get', 'no-such-secret', '--as', 'deploy-script']),
      'NOT_FOUND',
      'name',
    )
    expect(message).toContain('No secret named "no-such-secret"')
  })

  it('prints the JSON error for a wrong passphrase', () => {
    expectJsonError(
      refused(
        ['list', '--json'],
        { env: { SAFEHOLD_PASSPHRASE: 'not the passphrase at all' } },
        passphraseVault,
      ),
      'WRONG_PASSPHRASE',
    )
  })

  it('prints the JSON error for a command-line mistake too', () => {
    const message = expectJsonError(refused(['list', '--bogus', '--json']), 'INVALID_INPUT', null)
    expect(message).toContain("unknown option '--bogus'")
  })
})

describe('a vault changed outside Safehold', () => {
  /** A copy of the vault with one byte flipped in `file`, at `at` (a fraction of its length). */
  function tamperedCopy(name: string, file: string, at: number): string {
    const copy = join(dir, name)
    cpSync(vault, copy, { recursive: true })
    const path = join(copy, file)
    const bytes = readFileSync(path)
    bytes[Math.floor(bytes.length * at)]! ^= 0x01
    writeFileSync(path, bytes)
    return copy
  }

  it('refuses a journal with one flipped byte as VAULT_TAMPERED and changes nothing', () => {
    const copy = tamperedCopy('tampered-journal', 'vault.journal', 0.6)
    expectCliError(
      refused(['get', 'billing-api', '--as', 'deploy-script'], {}, copy),
      'VAULT_TAMPERED',
      /integrity check/,
    )
  })

  it('refuses a snapshot with one flipped byte as VAULT_TAMPERED', () => {
    const copy = tamperedCopy('tampered-snapshot', 'vault.snapshot', 0.5)
    expectCliError(refused(['list'], {}, copy), 'VAULT_TAMPERED', /integrity check/)
  })

  it('refuses a header whose content was edited as VAULT_TAMPERED', () => {
    const copy = join(dir, 'tampered-header')
    cpSync(vault, copy, { recursive: true })
    const path = join(copy, 'vault.json')
    const header = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    writeFileSync(path, JSON.stringify({ ...header, createdAt: '2020-01-01T00:00:00.000Z' }))
    expectCliError(refused(['list'], {}, copy), 'VAULT_TAMPERED')
  })
})

describe('edit and delete', () => {
  const show = (name: string) => runCliJson<SecretDetails>(['show', name], { vault, env })

  it('edit --remove-key removes a key; an unknown key is refused and changes nothing', () => {
    expectSuccess(
      cli([
        'register',
        ...['--type', 'key-value', '--name', 'trim-env', '--scope', 'personal'],
        ...['--field', 'pair:KEEP=k1', '--field', 'pair:DROP=d1'],
      ]),
    )
    expectCliError(
      refused(['edit', 'trim-env', '--remove-key', 'NOPE']),
      'INVALID_INPUT',
      /^There is no key "NOPE" to remove\.$/,
    )
    expectSuccess(cli(['edit', 'trim-env', '--remove-key', 'DROP']))
    expect(show('trim-env').keys).toEqual(['KEEP'])
    expect(cli(['get', 'trim-env', '--as', 'deploy-script']).stdout).toBe('KEEP=k1\n')
    // Leaves the shared vault as the tests below expect it.
    expectSuccess(cli(['delete', 'trim-env', '--now', '--confirm', 'DELETE']))
  })

  it('edit with an empty secret field keeps the value; a new header name shows in show', () => {
    const before = show('billing-api')
    const edit = cli([
      'edit',
      'billing-api',
      '--field',
      'value=',
      '--field',
      'headerName=X-Billing',
    ])
    expectSuccess(edit)
    expect(edit.stdout).toBe(
      `Saved changes to "billing-api" (fingerprint ${before.fingerprint}).\n`,
    )

    const emptyStdin = cli(['edit', 'billing-api', '--secret-stdin', 'value'], { input: '' })
    expectSuccess(emptyStdin)

    const get = cli(['get', 'billing-api', '--as', 'deploy-script'])
    expectSuccess(get)
    expect(get.stdout).toBe(`${VALUE}\n`)
    const after = show('billing-api')
    expect(after.fields).toEqual({ headerName: 'X-Billing' })
    expect(after.fingerprint).toBe(before.fingerprint)
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt))
  })

  it('delete NAME --now --confirm DELETE removes it: gone from list, get fails NOT_FOUND', () => {
    const result = cli(['delete', 'billing-api', '--now', '--confirm', 'DELETE'])
    expectSuccess(result)
    expect(result.stdout).toBe('Deleted "billing-api". It can no longer be used.\n')
    const names = runCliJson<SecretSummary[]>(['list'], { vault, env }).map((s) => s.name)
    expect(names).toEqual(['shared-token'])
    expectCliError(
      refused(['get', 'billing-api', '--as', 'deploy-script']),
      'NOT_FOUND',
      /No secret named "billing-api"/,
    )
  })
})

describe('a Member (after giving up the Account Holder role on purpose)', () => {
  it('profile --role member --confirm DEMOTE makes the user a Member', () => {
    const result = cli(['profile', '--role', 'member', '--confirm', 'DEMOTE'])
    expectSuccess(result)
    expect(result.stdout).toMatch(/^Role\s+Member$/m)
  })

  it('is refused organization scope with FORBIDDEN_SCOPE, for register and for delete', () => {
    const register = refused([
      'register',
      ...['--type', 'api-key', '--name', 'member-key', '--scope', 'organization'],
      ...['--field', 'headerName=X-Api-Key', '--field', 'value=member-value-123'],
    ])
    expectCliError(
      register,
      'FORBIDDEN_SCOPE',
      /^Only an Account Holder or Account Manager can register organization secrets; you are a Member\./,
    )
    expectCliError(
      refused(['delete', 'shared-token', '--now', '--confirm', 'DELETE']),
      'FORBIDDEN_SCOPE',
      /can delete organization secrets; you are a Member/,
    )
  })

  it('cannot promote itself back to Account Holder', () => {
    expectCliError(
      refused(['profile', '--role', 'account-holder', '--confirm', 'DEMOTE']),
      'FORBIDDEN_SCOPE',
      /Only the Account Holder can change the role; you are a Member\./,
    )
  })

  it('still registers and uses personal secrets', () => {
    expectSuccess(
      cli([
        'register',
        ...['--type', 'api-key', '--name', 'member-key', '--scope', 'personal'],
        ...['--field', 'headerName=X-Api-Key', '--field', 'value=member-value-123'],
      ]),
    )
    expect(cli(['get', 'member-key', '--as', 'deploy-script']).stdout).toBe('member-value-123\n')
  })
})
