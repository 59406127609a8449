/**
 * Threat: a repository from someone else (a zip, a tarball: its files are the user's own, so git's
 * safe.directory does not object) carries a .git/config that makes `git log -p` run a program of
 * its choosing: log.showSignature with gpg.program runs it for every signed commit. `safehold scan
 * --git-history` reads history with every such setting overridden, so nothing of the
 * repository's runs. The first test shows the same repository running the program under a plain
 * `git log -p`.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { expectSuccess } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'

const VALUE = 'hostile-repo-value-3e9f1a7c'
let v: CliVault
let repo: string
let marker: string

function git(...args: string[]): string {
  return execFileSync(
    'git',
    ['-C', repo, '-c', 'user.name=Eve', '-c', 'user.email=eve@example.com', ...args],
    { encoding: 'utf8' },
  )
}

beforeAll(() => {
  v = cliVault('hostile-git')
  v.registerApiKey('leaked-key', VALUE)
  repo = join(v.scratch, 'downloaded-repo')
  marker = join(v.scratch, 'program-ran')
  mkdirSync(repo)
  git('init', '-q')
  writeFileSync(join(repo, 'config.js'), `const key = "${VALUE}"\n`)
  git('add', 'config.js')
  git('commit', '-q', '-m', 'first')
  // A commit that claims a signature: git asks gpg.program to check it.
  const tree = git('rev-parse', 'HEAD^{tree}').trim()
  const parent = git('rev-parse', 'HEAD').trim()
  const signed = [
    `tree ${tree}`,
    `parent ${parent}`,
    'author Eve <eve@example.com> 1700000000 +0000',
    'committer Eve <eve@example.com> 1700000000 +0000',
    'gpgsig -----BEGIN PGP SIGNATURE-----',
    ' ',
    ' iQEzBAABCAAdFiEEnotarealsignatureatall=',
    ' -----END PGP SIGNATURE-----',
    '',
    'signed',
    '',
  ].join('\n')
  const commit = execFileSync('git', ['-C', repo, 'hash-object', '-t', 'commit', '-w', '--stdin'], {
    input: signed,
    encoding: 'utf8',
  }).trim()
  git('update-ref', 'HEAD', commit)
  const program = join(v.scratch, 'evil.sh')
  writeFileSync(program, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`)
  chmodSync(program, 0o755)
  git('config', 'log.showSignature', 'true')
  git('config', 'gpg.program', program)
}, 60_000)

it('runs a program of its own under a plain `git log -p` (the attack)', () => {
  rmSync(marker, { force: true })
  spawnSync('git', ['-C', repo, 'log', '--all', '-p'], { encoding: 'utf8' })
  expect(existsSync(marker)).toBe(true)
})

it('runs nothing of the repository’s when safehold scans its history, and still finds the value', () => {
  rmSync(marker, { force: true })
  const result = v.cli(['scan', '--git-history', repo])
  expectSuccess(result)
  expect(existsSync(marker)).toBe(false)
  expect(result.stdout).toMatch(/config\.js:1: leaked-key/)
  expect(result.stdout).not.toContain(VALUE)
})
