/**
 * Threat: a symbolic link planted inside the vault folder. Followed, it sends new sealed records
 * to a file outside the folder, where a later deletion's purge never reaches them, and lets the
 * vault be read from somewhere else. Safehold refuses any link in the vault folder (backups too)
 * as VAULT_UNSAFE naming the file, opens vault files with O_NOFOLLOW, and tightens files that
 * others could read, saying so once.
 */
import { chmodSync, copyFileSync, readdirSync, renameSync, statSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, expectCliError, expectSuccess, fileDigests } from '../support/cli'
import { cliVault } from '../support/cli-vault'
import { removeTempDirs } from '../support/vault-fixtures'

beforeAll(ensureBuilt)
afterAll(removeTempDirs)

/** Moves `name` out of the vault folder and leaves a link to it in its place. */
function replaceWithLink(vault: string, name: string, outside: string): void {
  copyFileSync(join(vault, name), outside)
  renameSync(join(vault, name), `${outside}.original`)
  symlinkSync(outside, join(vault, name))
}

describe('a symbolic link inside the vault folder', () => {
  for (const name of ['vault.journal', 'vault.snapshot', 'vault.json']) {
    it(`${name} as a link is refused and nothing is written through it`, () => {
      const v = cliVault(`symlink-${name.replace('.', '-')}`)
      v.registerApiKey('first', 'first-value-0123')
      const outside = join(v.scratch, `outside-${name}`)
      replaceWithLink(v.vault, name, outside)
      const before = { vault: fileDigests(v.vault), outside: statSync(outside).mtimeMs }

      const register = [
        ...['register', '--type', 'api-key', '--name', 'second', '--scope', 'personal'],
        ...['--field', 'headerName=X', '--secret-stdin', 'value'],
      ]
      for (const args of [['list'], ['get', 'first', '--as', 'deploy'], register]) {
        const result = v.cli(args, { input: 'second-value-0123' })
        const message = expectCliError(result, 'VAULT_UNSAFE')
        expect(message).toContain(`"${name}" is a symbolic link`)
      }
      expect(fileDigests(v.vault)).toEqual(before.vault)
      expect(statSync(outside).mtimeMs).toBe(before.outside)
    })
  }

  it('inside a backup is refused too, so purge and restore never reach outside the folder', () => {
    const v = cliVault('symlink-backup')
    v.registerApiKey('doomed', 'doomed-value-0123')
    expectSuccess(v.cli(['delete', 'doomed', '--now', '--confirm', 'DELETE']))
    const [backup] = readdirSync(join(v.vault, 'backups'))
    replaceWithLink(join(v.vault, 'backups', backup!), 'vault.journal', join(v.scratch, 'bj'))
    const message = expectCliError(v.cli(['list']), 'VAULT_UNSAFE')
    expect(message).toContain(`"backups/${backup}/vault.journal" is a symbolic link`)
    expectCliError(v.cli(['restore', backup!, '--confirm', 'RESTORE']), 'VAULT_UNSAFE')
  })
})

describe('a vault file that other users could read', () => {
  it('is made private again, and the user is told once', () => {
    const v = cliVault('loose-mode')
    v.registerApiKey('first', 'first-value-0123')
    chmodSync(join(v.vault, 'vault.snapshot'), 0o644)
    chmodSync(v.vault, 0o755)
    const first = v.cli(['list'])
    expectSuccess(first)
    expect(first.stderr).toMatch(
      /^warning: "vault.snapshot" could be read by other users .*\(600\)\.$/m,
    )
    expect(first.stderr).toMatch(/^warning: "the vault folder" could be read by other users/m)
    expect(statSync(join(v.vault, 'vault.snapshot')).mode & 0o777).toBe(0o600)
    expect(statSync(v.vault).mode & 0o777).toBe(0o700)
    const second = v.cli(['list'])
    expectSuccess(second)
    expect(second.stderr).toBe('')
  })
})
