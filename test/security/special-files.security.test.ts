/**
 * Threat: something other than Safehold's own files in the vault folder — a FIFO where the header
 * goes (every command hung on it), a file where the backups folder goes (a raw ENOTDIR reached
 * the user), a second hard link to the journal (a purged record lived on under the other name),
 * file names carrying terminal escapes (printed raw into the user's terminal). Each is refused
 * promptly as VAULT_UNSAFE with the name shown as text.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { linkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_PATH, ensureBuilt, expectCliError, fileDigests, PROJECT_ROOT } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'
import { removeTempDirs } from '../support/vault-fixtures'

beforeAll(ensureBuilt)
afterAll(removeTempDirs)

/** The CLI with a short limit: a command that hangs is reported as such, not waited out. */
function cliWithin(v: CliVault, label: string, args: string[], timeoutMs = 8_000) {
  const result = spawnSync(process.execPath, [CLI_PATH, '--vault', v.vault, ...args], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      SAFEHOLD_PASSPHRASE: `${label}: a passphrase long enough`,
      SAFEHOLD_STATE_DIR: v.stateDir,
    },
    input: '',
    encoding: 'utf8',
    timeout: timeoutMs,
  })
  return { ...result, timedOut: result.signal === 'SIGTERM' }
}

describe('special files in the vault folder', () => {
  it('a FIFO as vault.json: list, get and backups answer at once instead of hanging', () => {
    const label = 'fifo-header'
    const v = cliVault(label, { passphrase: true })
    rmSync(join(v.vault, 'vault.json'))
    execFileSync('mkfifo', ['-m', '600', join(v.vault, 'vault.json')])
    for (const args of [['list'], ['get', 'x-name', '--as', 'deploy'], ['backups']]) {
      const result = cliWithin(v, label, args)
      expect(result.timedOut, `${args.join(' ')} hung`).toBe(false)
      expect(result.stderr).toMatch(/"vault.json" is not a regular file.*\[VAULT_UNSAFE\]/)
    }
  })

  it('a file where the backups folder goes is refused with a sentence, not ENOTDIR', () => {
    const v = cliVault('backups-file')
    writeFileSync(join(v.vault, 'backups'), '', { mode: 0o600 })
    for (const args of [['backups'], ['list']]) {
      const result = v.cli(args)
      expect(result.stderr).not.toMatch(/ENOTDIR|scandir|\/tmp\//)
      expectCliError(result, 'VAULT_UNSAFE', /"backups" is not a folder/)
    }
  })

  it('a second hard link to vault.journal is refused before anything is appended', () => {
    const v = cliVault('hard-link')
    v.registerApiKey('key-aaa', 'value-aaa-0123')
    linkSync(join(v.vault, 'vault.journal'), join(v.scratch, 'outside-journal'))
    const before = fileDigests(v.vault)
    const result = v.cli(
      [
        ...['register', '--type', 'api-key', '--name', 'doomed-key', '--scope', 'personal'],
        ...['--field', 'headerName=X', '--secret-stdin', 'value'],
      ],
      { input: 'DOOMED_VALUE_0123' },
    )
    expectCliError(result, 'VAULT_UNSAFE', /"vault.journal" has another name \(a hard link\)/)
    expect(fileDigests(v.vault)).toEqual(before)
  })

  it('prints file names with terminal escapes as text, never as escapes', () => {
    const v = cliVault('escapes')
    const evil = 'x\u001b]0;PWNED\u0007\u001b[2J'
    symlinkSync('/nonexistent', join(v.vault, evil))
    const refused = v.cli(['list'])
    expectCliError(refused, 'VAULT_UNSAFE', /is a symbolic link/)
    expect(refused.stderr).not.toContain('\u001b')
    expect(refused.stderr).toContain('x\\u{1b}]0;PWNED')
    rmSync(join(v.vault, evil))
    const loose = join(v.vault, 'y\u001b[31mRED')
    execFileSync('sh', ['-c', 'touch "$1" && chmod 644 "$1"', 'sh', loose])
    const warned = v.cli(['list'])
    expect(warned.stderr).toContain('could be read by other users')
    expect(warned.stderr).not.toContain('\u001b')
  })
})
