/**
 * A deletion falls due while no app runs (DESIGN §2): the built `safehold` command alone, its
 * process clock moved by faketime, carries it out the first time it opens the vault. The secret's
 * value then leaves the live files at once (the snapshot is rewritten and the journal holds no
 * record of it) and every backup within 30 days. Files are read with the key, through the same
 * code the vault and `safehold restore` read them with, so "not found" cannot mean "encrypted".
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  closeJournal,
  COMMIT_BLOCK_BYTES,
  JOURNAL_FILE,
  openJournal,
  readCommit,
  readRecords,
} from '../../src/main/vault/journal-file'
import { BACKUP_DIR, listBackups } from '../../src/main/vault/vault-backups'
import { vaultKeys, type VaultKeys } from '../../src/main/vault/vault-crypto'
import { readHeader } from '../../src/main/vault/vault-header'
import { unwrapWithPassphrase } from '../../src/main/vault/vault-key'
import { readSnapshotFile } from '../../src/main/vault/vault-load'
import { SNAPSHOT_FILE } from '../../src/main/vault/snapshot-file'
import type { SecretSummary } from '../../src/shared/secret-view'
import { CLI_PATH, ensureBuilt, PROJECT_ROOT, type CliResult } from '../support/cli'
import { removeTempDirs } from '../support/vault-fixtures'

const PASSPHRASE = 'lifecycle deletion: a passphrase long enough'
const scratch = mkdtempSync(join(tmpdir(), 'safehold-cli-deletion-'))
const vault = join(scratch, 'vault')
const env: NodeJS.ProcessEnv = {
  ...process.env,
  SAFEHOLD_PASSPHRASE: PASSPHRASE,
  SAFEHOLD_STATE_DIR: join(scratch, 'state'),
}
delete env['SAFEHOLD_VAULT_DIR']
delete env['SAFEHOLD_DEBUG']

/** `safehold …args` as a process whose clock runs `days` ahead of this one (faketime). */
function cliAt(days: number, args: string[], input = ''): CliResult {
  const result = spawnSync(
    'faketime',
    ['-f', `+${days}d`, process.execPath, CLI_PATH, '--vault', vault, ...args],
    { cwd: PROJECT_ROOT, env, input, encoding: 'utf8', timeout: 60_000 },
  )
  if (result.error) throw result.error
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

function ok(days: number, args: string[], input = ''): CliResult {
  const result = cliAt(days, args, input)
  expect(result, `safehold ${args.join(' ')} at +${days}d: ${result.stderr}`).toMatchObject({
    code: 0,
  })
  return result
}

const json = <T>(days: number, args: string[]): T =>
  JSON.parse(ok(days, [...args, '--json']).stdout) as T

let keys: VaultKeys

/**
 * Every plaintext a folder's vault files hold: the snapshot's state and each journal record,
 * including records a later one undid (a removal leaves the registration's record in place until
 * the journal is folded away, and a backup keeps the journal it was taken with).
 */
function plaintextOf(folder: string): { generation: bigint; text: string; secretIds: string[] } {
  const { generation, state } = readSnapshotFile(join(folder, SNAPSHOT_FILE), keys, null)
  const fd = openJournal(join(folder, JOURNAL_FILE))
  try {
    const records = readRecords(fd, keys, readCommit(fd, keys), {
      offset: COMMIT_BLOCK_BYTES,
      count: 0,
    })
    return {
      generation,
      text: JSON.stringify(state) + records.map((r) => r.toString('utf8')).join('\n'),
      secretIds: Object.keys(state.secrets),
    }
  } finally {
    closeJournal(fd)
  }
}

const livePlaintext = (): ReturnType<typeof plaintextOf> => plaintextOf(vault)

/** The backups whose files still hold `value`. */
function backupsHolding(value: string): string[] {
  return listBackups(vault)
    .filter((b) => plaintextOf(join(vault, BACKUP_DIR, b.id)).text.includes(value))
    .map((b) => b.id)
}

/** Every file under the vault folder is one that the checks above read (or the header). */
function expectOnlyKnownFiles(): void {
  const known = new Set(['vault.json', SNAPSHOT_FILE, JOURNAL_FILE])
  for (const b of listBackups(vault)) {
    known.add(join(BACKUP_DIR, b.id, SNAPSHOT_FILE))
    known.add(join(BACKUP_DIR, b.id, JOURNAL_FILE))
  }
  const files = readdirSync(vault, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(vault, join(entry.parentPath, entry.name)))
  expect(files.filter((file) => !known.has(file))).toEqual([])
}

const DOOMED_VALUE = `doomed-${randomUUID()}`
const KEPT_VALUE = `kept-${randomUUID()}`
const LATE_VALUE = `late-${randomUUID()}`
let doomedId = ''

beforeAll(async () => {
  await ensureBuilt()
  ok(0, ['init', '--user', 'Ada', '--org', 'Acme'])
  for (const [name, value] of [
    ['doomed-key', DOOMED_VALUE],
    ['kept-key', KEPT_VALUE],
  ] as const) {
    ok(
      0,
      [
        'register',
        ...['--type', 'api-key', '--name', name, '--scope', 'personal'],
        ...['--field', 'headerName=Authorization', '--secret-stdin', 'value'],
      ],
      value,
    )
  }
  ok(
    30,
    [
      'register',
      ...['--type', 'api-key', '--name', 'late-key', '--scope', 'personal'],
      ...['--field', 'headerName=Authorization', '--secret-stdin', 'value'],
    ],
    LATE_VALUE,
  )
  const header = readHeader(vault)
  const key = await unwrapWithPassphrase(
    header.keyProtection.passphrase!,
    header.vaultId,
    PASSPHRASE,
  )
  keys = vaultKeys(header.vaultId, key)
  doomedId = json<SecretSummary[]>(0, ['list']).find((s) => s.name === 'doomed-key')!.id
}, 120_000)
afterAll(() => {
  removeTempDirs()
  rmSync(scratch, { recursive: true, force: true })
})

describe('a deletion carried out by the CLI alone', () => {
  it('is announced the day before, and nothing is deleted early', () => {
    // kept-key is used on day 40, so it stays; doomed-key is never used: due on day 60.
    expect(ok(40, ['get', 'kept-key', '--as', 'deploy-script']).stdout).toBe(`${KEPT_VALUE}\n`)
    const before = livePlaintext()
    expect(before.text).toContain(DOOMED_VALUE)
    const day59 = cliAt(59, ['list', '--json'])
    expect(day59.code).toBe(0)
    const listed = JSON.parse(day59.stdout) as SecretSummary[]
    expect(listed.find((s) => s.name === 'doomed-key')).toMatchObject({ status: 'inactive' })
    expect(day59.stderr).toMatch(
      /^warning: "doomed-key" will be deleted on \d{4}-\d\d-\d\d \((in 1 day|today)\)/,
    )
    expect(livePlaintext().generation).toBe(before.generation)
  })

  it('happens on day 60 at the first command, and purges the live files at once', () => {
    const generation = livePlaintext().generation
    const run = ok(61, ['list', '--json'])
    const listed = JSON.parse(run.stdout) as SecretSummary[]
    expect(listed.map((s) => s.name)).toEqual(['kept-key', 'late-key'])
    expect(run.stderr).toMatch(
      /^warning: "doomed-key" was deleted; its deletion was due on \d{4}-\d\d-\d\d\.\n$/,
    )
    const live = livePlaintext()
    expect(live.generation).toBeGreaterThan(generation)
    expect(live.secretIds).not.toContain(doomedId)
    expect(live.text).not.toContain(DOOMED_VALUE)
    expect(live.text).toContain(KEPT_VALUE)
    expectOnlyKnownFiles()
    // The backup the purge made still holds it, for now: so the backup check can see it at all.
    expect(backupsHolding(DOOMED_VALUE).length).toBeGreaterThan(0)
    const shown = cliAt(61, ['show', 'doomed-key'])
    expect(shown.code).not.toBe(0)
    expect(shown.stderr).toMatch(/\[NOT_FOUND\]\n$/)
    const got = cliAt(61, ['get', 'doomed-key', '--as', 'deploy-script'])
    expect(got.code).not.toBe(0)
    expect(got.stdout).toBe('')
  })

  it('is kept in the notification centre as "deleted"', () => {
    const centre = json<{ secret: string; kind: string; dueAt: string; read: boolean }[]>(61, [
      'notifications',
    ])
    const deleted = centre.filter((n) => n.kind === 'deleted')
    expect(deleted).toEqual([expect.objectContaining({ secret: 'doomed-key', read: false })])
    expect(JSON.stringify(centre)).not.toContain(DOOMED_VALUE)
  })

  it('is carried out by get as well, which reads the whole vault only then', () => {
    // late-key was registered on day 30 and never used: due on day 90. Only get runs.
    expect(livePlaintext().text).toContain(LATE_VALUE)
    const got = ok(90.5, ['get', 'kept-key', '--as', 'deploy-script'])
    expect(got.stdout).toBe(`${KEPT_VALUE}\n`)
    // kept-key, used on day 40, was inactive: the use says so, then the deletion this run made.
    expect(got.stderr.split('\n')).toEqual([
      '"kept-key" was used again; its deletion was cancelled.',
      expect.stringMatching(/^warning: "late-key" was deleted; its deletion was due on [\d-]+\.$/),
      '',
    ])
    expect(livePlaintext().text).not.toContain(LATE_VALUE)
    const centre = json<{ secret: string; kind: string }[]>(90.5, ['notifications'])
    expect(centre.filter((n) => n.kind === 'deleted').map((n) => n.secret)).toEqual([
      'late-key',
      'doomed-key',
    ])
  })

  it('leaves every backup within 30 days', () => {
    ok(91, ['list'])
    expect(backupsHolding(DOOMED_VALUE)).toEqual([])
    // late-key, deleted half a day ago, may still be in a backup; its 30 days have just begun.
    expect(backupsHolding(LATE_VALUE).length).toBeGreaterThan(0)
    expect(livePlaintext().text).not.toContain(DOOMED_VALUE)
    expect(livePlaintext().text).toContain(KEPT_VALUE)
    expectOnlyKnownFiles()
  })
})
