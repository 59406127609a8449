/**
 * Notes, tags, rename, availability, workspace rename and the previous value as the `safehold`
 * command offers them (DESIGN §6.1): register and edit take --note and --tag, list --tag filters,
 * show prints notes and tags (show --json adds notes, tags, favourite, previous) while list --json
 * stays exactly the twelve keys of §6.1, edit --restore-previous swaps the values. In-process on a
 * clock the test moves; every value is written so that it would be seen if printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { openVault } from '../../src/main/vault/vault-access'
import type { SecretDetails, SecretSummary } from '../../src/shared/secret-view'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'
import type { CliResult } from '../support/cli-process'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const DAY = 86_400_000
const T0 = Date.parse('2030-01-15T09:00:00.000Z')
const at = (days: number): string => new Date(T0 + days * DAY).toISOString()
const FIRST = 'sk_live_FIRST_value_never_printed'
const SECOND = 'sk_live_SECOND_value_never_printed'

const LIST_KEYS = [
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
const SHOW_KEYS = [
  ...LIST_KEYS,
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

const keychain = memoryKeychain()
const clock = fixedClock(at(0))
let vault = ''

const cli = (args: string[], input?: string): Promise<CliResult> =>
  runCliInProcess(args, { vault, keychain, clock, ...(input === undefined ? {} : { input }) })

async function ok(args: string[], input?: string): Promise<CliResult> {
  const result = await cli(args, input)
  expect(result, `safehold ${args.join(' ')} failed: ${result.stderr}`).toMatchObject({ code: 0 })
  expect(result.stdout + result.stderr).not.toMatch(/_value_never_printed/)
  return result
}

async function json<T>(args: string[]): Promise<T> {
  return JSON.parse((await ok([...args, '--json'])).stdout) as T
}

const register = (name: string, scope: string, extra: string[] = [], value = FIRST) =>
  ok(
    [
      'register',
      ...['--type', 'api-key', '--name', name, '--scope', scope, ...extra],
      ...['--field', 'headerName=Authorization', '--secret-stdin', 'value'],
    ],
    value,
  )

const get = async (name: string): Promise<string> =>
  (await cli(['get', name, '--as', 'deploy-script'])).stdout

beforeAll(async () => {
  vault = makeTempDir('cli-metadata')
  await initInProcess(vault, keychain)
  await ok(['workspace', 'add', 'Payments'])
  await ok(['workspace', 'add', 'Platform'])
})
afterAll(removeTempDirs)

describe('notes and tags', () => {
  beforeAll(async () => {
    await register('stripe-live', 'personal', [
      ...['--note', 'Rotated monthly.\n\tOwner: Ada'],
      ...['--tag', 'billing', '--tag', 'Prod'],
    ])
    await register('mailgun', 'personal', ['--tag', 'staging'])
  })

  it('show prints the notes one line per line, and the tags', async () => {
    const { stdout } = await ok(['show', 'stripe-live'])
    expect(stdout).toMatch(/^Tags\s+billing, Prod$/m)
    expect(stdout).toMatch(/^Notes\s+Rotated monthly\.\n\s+ {4}Owner: Ada\n/m)
  })

  it('show --json adds notes, tags, favourite and previous to the details', async () => {
    const shown = await json<SecretDetails>(['show', 'stripe-live'])
    expect(Object.keys(shown).sort()).toEqual([...SHOW_KEYS].sort())
    expect(shown).toMatchObject({
      notes: 'Rotated monthly.\n\tOwner: Ada',
      tags: ['billing', 'Prod'],
      favourite: false,
      previous: null,
    })
  })

  it('list --json stays exactly the twelve keys of §6.1', async () => {
    const rows = await json<SecretSummary[]>(['list'])
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(Object.keys(row).sort()).toEqual([...LIST_KEYS].sort())
  })

  it('list --tag picks the secrets with that tag, whatever its case', async () => {
    const names = async (tag: string) =>
      (await json<SecretSummary[]>(['list', '--tag', tag])).map((s) => s.name)
    expect(await names('prod')).toEqual(['stripe-live'])
    expect(await names('STAGING')).toEqual(['mailgun'])
    expect(await names('nothing')).toEqual([])
  })

  it('edit: --tag replaces the list, --note "" clears the notes, --clear-tags removes all', async () => {
    await ok(['edit', 'mailgun', '--tag', 'eu', '--tag', 'mail', '--note', 'one'])
    expect(await json<SecretDetails>(['show', 'mailgun'])).toMatchObject({
      tags: ['eu', 'mail'],
      notes: 'one',
    })
    await ok(['edit', 'mailgun', '--note', ''])
    await ok(['edit', 'mailgun', '--clear-tags'])
    expect(await json<SecretDetails>(['show', 'mailgun'])).toMatchObject({ tags: [], notes: '' })
  })

  it('refuses --tag with --clear-tags, and a tag against the rule, naming the place', async () => {
    expect(
      oneLineError(await cli(['edit', 'mailgun', '--tag', 'a', '--clear-tags']), 'INVALID_INPUT'),
    ).toBe('Give --tag to replace the tags, or --clear-tags to remove them all, not both.')
    expect(
      oneLineError(
        await cli(['edit', 'mailgun', '--tag', 'ok', '--tag', 'no good']),
        'INVALID_INPUT',
      ),
    ).toBe('Tag #2 must be 1–32 characters of letters, digits, "-" and "_".')
  })
})

describe('rename and availability', () => {
  beforeAll(async () => {
    await register('billing-api', 'organization')
    await register('billing-old', 'organization')
    await register('own-key', 'personal')
  })

  it('edit --rename gives the secret a new name', async () => {
    const { stdout } = await ok(['edit', 'billing-old', '--rename', 'billing-legacy'])
    expect(stdout).toMatch(/^Saved changes to "billing-legacy"/)
    expect(oneLineError(await cli(['show', 'billing-old']), 'NOT_FOUND')).toMatch(/No secret/)
  })

  it('edit --rename onto a name taken in another case is NAME_TAKEN', async () => {
    expect(
      oneLineError(await cli(['edit', 'billing-legacy', '--rename', 'BILLING-API']), 'NAME_TAKEN'),
    ).toBe('A secret named "billing-api" already exists in the organization. Choose another name.')
  })

  it('edit --availability changes who may use an organization secret', async () => {
    await ok(['edit', 'billing-api', '--availability', 'spot:CodeCrafters'])
    expect((await json<SecretDetails>(['show', 'billing-api'])).availability).toBe(
      'spot:CodeCrafters',
    )
    expect(oneLineError(await cli(['get', 'billing-api', '--as', 'deploy']), 'USE_DENIED')).toMatch(
      /CodeCrafters/,
    )
  })

  it('edit --availability on a personal secret is refused', async () => {
    expect(
      oneLineError(
        await cli(['edit', 'own-key', '--availability', 'organization']),
        'INVALID_INPUT',
      ),
    ).toBe(
      'Availability applies only to organization secrets; workspace and personal secrets have none.',
    )
  })
})

describe('workspace rename', () => {
  beforeAll(async () => {
    await register('ws-key', 'workspace:Payments')
  })

  it('renames the workspace and its secrets move with it', async () => {
    const { stdout } = await ok(['workspace', 'rename', 'payments', 'Billing'])
    expect(stdout).toBe('Workspace renamed. Workspaces: Billing, Platform.\n')
    const rows = await json<SecretSummary[]>(['list', '--scope', 'workspace:billing'])
    expect(rows.map((r) => [r.name, r.scope])).toEqual([['ws-key', 'workspace:Billing']])
    expect(await get('ws-key')).toBe(`${FIRST}\n`)
  })

  it('refuses a name held by another workspace in another case, and an unknown workspace', async () => {
    expect(
      oneLineError(await cli(['workspace', 'rename', 'Billing', 'PLATFORM']), 'WORKSPACE_EXISTS'),
    ).toBe('A workspace named "PLATFORM" already exists.')
    expect(
      oneLineError(await cli(['workspace', 'rename', 'Research', 'Lab']), 'WORKSPACE_NOT_FOUND'),
    ).toBe('There is no workspace "Research". Existing workspaces: Billing, Platform.')
  })
})

describe('the previous value', () => {
  beforeAll(async () => {
    clock.set(at(0))
    await register('rotating', 'personal')
    clock.set(at(1))
    await ok(['edit', 'rotating', '--secret-stdin', 'value'], SECOND)
  })

  it('show tells its fingerprint and until when it can be restored', async () => {
    const shown = await json<SecretDetails>(['show', 'rotating'])
    expect(shown.previous).toEqual({
      fingerprint: shown.previous?.fingerprint,
      replacedAt: at(1),
      purgesAt: at(31),
    })
    expect(shown.previous?.fingerprint).toMatch(/^[0-9a-f]{8}$/)
    expect(shown.previous?.fingerprint).not.toBe(shown.fingerprint)
    const { stdout } = await ok(['show', 'rotating'])
    expect(stdout).toMatch(
      new RegExp(
        `^Previous value\\s+${shown.previous!.fingerprint}, replaced ${at(1)}; restorable until ${at(31).slice(0, 10)} \\(in 30 days\\)$`,
        'm',
      ),
    )
  })

  it('edit --restore-previous swaps the values, and again swaps them back', async () => {
    expect(await get('rotating')).toBe(`${SECOND}\n`)
    const { stdout } = await ok(['edit', 'rotating', '--restore-previous'])
    expect(stdout).toMatch(/^Restored the previous value of "rotating" \(fingerprint [0-9a-f]{8}\)/)
    expect(await get('rotating')).toBe(`${FIRST}\n`)
    await ok(['edit', 'rotating', '--restore-previous'])
    expect(await get('rotating')).toBe(`${SECOND}\n`)
  })

  it('--restore-previous is a change of its own', async () => {
    expect(
      oneLineError(
        await cli(['edit', 'rotating', '--restore-previous', '--note', 'x']),
        'INVALID_INPUT',
      ),
    ).toMatch(/^--restore-previous swaps the current and previous values in one step/)
  })

  it('without a previous value it is refused', async () => {
    expect(oneLineError(await cli(['edit', 'own-key', '--restore-previous']), 'NOT_FOUND')).toBe(
      '"own-key" has no previous value to restore: an edit that replaces a value keeps the old one for 30 days.',
    )
  })

  it('after 30 days even `get` purges it, and a restore is refused', async () => {
    // Used on day 20 so that no deletion comes first.
    clock.set(at(20))
    await get('rotating')
    const before = await json<SecretDetails>(['show', 'rotating'])
    expect(before.previous).not.toBeNull()
    clock.set(at(50))
    expect(await get('rotating')).toBe(`${SECOND}\n`)
    const { store } = await openVault(vault, { keychain, passphrase: null })
    const stored = Object.values(store.state.secrets).find((s) => s.name === 'rotating')!
    expect(stored.previous).toBeNull()
    expect(store.state.audit.filter((e) => e.action === 'previous-value-purged')).toEqual([
      expect.objectContaining({ at: at(50), actor: 'Safehold', secretName: 'rotating' }),
    ])
    expect(
      oneLineError(await cli(['edit', 'rotating', '--restore-previous']), 'NOT_FOUND'),
    ).toMatch(/has no previous value/)
  })
})

describe('--help', () => {
  it.each([
    ['register', ['--note <text>', '--tag <tag>']],
    [
      'edit',
      ['--rename <new>', '--availability', '--note <text>', '--clear-tags', '--restore-previous'],
    ],
    ['list', ['--tag <tag>']],
    ['workspace', ['rename <old> <new>']],
  ])('%s names its new options', async (command, options) => {
    const { stdout } = await ok([command, '--help'])
    for (const option of options) expect(stdout).toContain(option)
  })
})
