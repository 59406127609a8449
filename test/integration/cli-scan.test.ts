/**
 * `safehold scan` (DESIGN §3, §6.1): a folder and a git repository seeded with three vault values,
 * one of them only in an old commit, are found with file:line or commit and the secret's name;
 * no value is printed, and the scan is audited without counting as a use.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectCliError, expectSuccess } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'

const STRIPE = 'sk_live_scan_51HxYzAbCdEf'
const DB_PASS = 'scan-db-pass-Q8w7e6r5'
const OLD_TOKEN = 'ghp_scan_old_commit_only_42'
const OUTSIDE = 'outside-value-not-scanned-1'

let v: CliVault
let folder: string
let repo: string

interface Finding {
  file: string
  line: number
  secret: string
  commit?: string
}

function git(...args: string[]): string {
  return execFileSync(
    'git',
    ['-C', repo, '-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', ...args],
    { encoding: 'utf8' },
  )
}

beforeAll(() => {
  v = cliVault('scan')
  v.registerApiKey('stripe-live', STRIPE)
  v.registerApiKey('github-token', OLD_TOKEN)
  v.registerApiKey('outside-key', OUTSIDE)
  expectSuccess(
    v.cli([
      'register',
      ...['--type', 'key-value', '--name', 'app-env', '--scope', 'personal'],
      ...['--field', `pair:DB_PASS=${DB_PASS}`],
    ]),
  )

  folder = join(v.scratch, 'project')
  mkdirSync(join(folder, 'src'), { recursive: true })
  writeFileSync(join(folder, '.env'), `# local\nREGION=eu\nDB_PASS=${DB_PASS}\n`)
  writeFileSync(
    join(folder, 'src', 'pay.js'),
    `${'// filler\n'.repeat(9)}const key = "${STRIPE}"\n`,
  )
  // Skipped: a binary file, a .git folder's contents, a symlink to a file outside.
  writeFileSync(
    join(folder, 'image.bin'),
    Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(STRIPE)]),
  )
  const outside = join(v.scratch, 'outside.txt')
  writeFileSync(outside, OUTSIDE)
  symlinkSync(outside, join(folder, 'link.txt'))

  repo = join(v.scratch, 'repo')
  mkdirSync(repo)
  execFileSync('git', ['init', '-q', repo])
  writeFileSync(join(repo, 'deploy.sh'), `#!/bin/sh\nexport TOKEN=${OLD_TOKEN}\n./deploy\n`)
  git('add', '.')
  git('commit', '-q', '-m', 'deploy script')
  writeFileSync(join(repo, 'deploy.sh'), '#!/bin/sh\n./deploy\n')
  git('commit', '-q', '-am', 'token out of the script')
}, 60_000)

describe('safehold scan', () => {
  it('finds each value in a folder by file:line and secret name, and prints no value', () => {
    const result = v.cli(['scan', folder])
    expectSuccess(result)
    const lines = result.stdout.trim().split('\n').sort()
    expect(lines).toEqual([`${folder}/.env:3: app-env`, `${folder}/src/pay.js:10: stripe-live`])
    for (const value of [STRIPE, DB_PASS, OLD_TOKEN, OUTSIDE])
      expect(result.stdout + result.stderr).not.toContain(value)
    expect(result.stderr).toMatch(
      /Scanned 2 files \(1 binary skipped\) for \d+ values?: found in 2 places\./,
    )
  })

  it('finds a value that only an old commit holds, with its commit, with --git-history', () => {
    const plain = v.json<Finding[]>(['scan', repo])
    expect(plain).toEqual([])
    const history = v.json<Finding[]>(['scan', repo, '--git-history'])
    const first = git('rev-list', '--max-parents=0', 'HEAD').trim()
    expect(history).toEqual([
      { commit: first.slice(0, 12), file: 'deploy.sh', line: 2, secret: 'github-token' },
    ])
  })

  it('changes no secret’s status or usages, and is audited', () => {
    const before = v.json<Record<string, unknown>[]>(['list'])
    expectSuccess(v.cli(['scan', folder]))
    expectSuccess(v.cli(['scan', repo, '--git-history']))
    expect(v.json<Record<string, unknown>[]>(['list'])).toEqual(before)
    const scans = v.json<{ action: string; detail: string }[]>(['audit', '--action', 'scan'])
    expect(scans.at(-1)?.detail).toMatch(/files and git history, \d+ places found/)
  })

  it('refuses a path that does not exist and a folder that is not a repository', () => {
    expectCliError(v.cli(['scan', join(v.scratch, 'nothing-here')]), 'NOT_FOUND')
    expectCliError(
      v.cli(['scan', folder, '--git-history']),
      'INVALID_INPUT',
      /not a git repository/,
    )
  })
})
