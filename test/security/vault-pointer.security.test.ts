/**
 * Threat: the remembered vault folder is turned against the user. The app keeps the folder opened
 * with "Open a vault folder…" in a small file in the app-data folder, and the `safehold` command
 * follows it; whoever plants that file (a link to a file of theirs, a path with terminal escapes
 * or bidi overrides, a relative path, a FIFO that never ends, a file others may write) must not
 * steer the app or the command to a folder of their choosing, nor hang or mislead them. Each is
 * refused as VAULT_UNSAFE naming the file and what to do; a real pointer is followed, and the
 * environment and --vault still win. Writing the pointer replaces a planted link, never writes
 * through it.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isSafeholdError } from '../../src/shared/errors'
import { memoryOutput } from '../../src/main/cli/cli-io'
import { runCli } from '../../src/main/cli/run-cli'
import { memoryKeychain, type Keychain } from '../../src/main/keychain/keychain'
import { appDataFolder, defaultVaultDir } from '../../src/main/vault/vault-location'
import {
  POINTER_FILE,
  readVaultPointer,
  writeVaultPointer,
} from '../../src/main/vault/vault-pointer'
import { initInProcess } from '../support/cli-in-process'
import { makeTempDir, removeTempDirs } from '../support/vault-fixtures'

afterEach(removeTempDirs)

// The app-data folder is found from XDG_CONFIG_HOME on Linux and APPDATA on Windows; macOS reads
// the home folder itself, which a test cannot move without moving the user's own.
const MOVABLE = process.platform !== 'darwin'
if (!MOVABLE) console.warn('skipped: the macOS app-data folder cannot be moved for a test')

function setting() {
  const home = makeTempDir('pointer')
  const env = { XDG_CONFIG_HOME: join(home, 'config'), APPDATA: join(home, 'config') }
  const folder = appDataFolder(env)
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  return { home, env, folder, pointer: join(folder, POINTER_FILE) }
}

function refusal(work: () => unknown): { code: string; message: string } {
  try {
    work()
  } catch (error) {
    if (isSafeholdError(error)) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('it was not refused')
}

async function safehold(args: string[], env: Record<string, string>, keychain: Keychain) {
  const stdout = memoryOutput()
  const stderr = memoryOutput()
  const code = await runCli(['node', 'safehold', ...args], {
    stdout,
    stderr,
    stdin: () => Readable.from([]),
    env,
    keychain,
  })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

describe.skipIf(!MOVABLE)('the remembered vault folder', () => {
  it('is followed by the command when it is real, and the environment and --vault still win', async () => {
    const { home, env, folder } = setting()
    const keychain = memoryKeychain()
    const remembered = join(home, 'elsewhere', 'vault')
    await initInProcess(remembered, keychain, ['--org', 'Remembered'])
    writeVaultPointer(folder, remembered)
    expect(statSync(join(folder, POINTER_FILE)).mode & 0o777).toBe(0o600)
    expect(defaultVaultDir(env)).toBe(remembered)
    const profile = await safehold(['profile', '--json'], env, keychain)
    expect(profile.code, profile.stderr).toBe(0)
    expect(JSON.parse(profile.stdout)).toMatchObject({ organization: 'Remembered' })
    expect(defaultVaultDir({ ...env, SAFEHOLD_VAULT_DIR: join(home, 'env') })).toBe(
      join(home, 'env'),
    )
    const other = join(home, 'other')
    await initInProcess(other, keychain, ['--org', 'Given'])
    const given = await safehold(['--vault', other, 'profile', '--json'], env, keychain)
    expect(JSON.parse(given.stdout)).toMatchObject({ organization: 'Given' })
  })

  it('as a symbolic link to a pointer of the attacker is refused, and the command says so', async () => {
    const { home, env, folder, pointer } = setting()
    const theirs = join(home, 'theirs.json')
    writeFileSync(theirs, JSON.stringify({ vaultDir: join(home, 'their-vault') }), { mode: 0o600 })
    symlinkSync(theirs, pointer)
    const refused = refusal(() => readVaultPointer(folder))
    expect(refused.code).toBe('VAULT_UNSAFE')
    expect(refused.message).toContain('is a symbolic link')
    const list = await safehold(['list'], env, memoryKeychain())
    expect(list.code).toBe(1)
    expect(list.stderr).toMatch(
      /^safehold: The remembered vault folder .* is a symbolic link.*\[VAULT_UNSAFE\]\n$/,
    )
  })

  it.each([
    ['terminal escapes', '/tmp/vault\u001b]0;owned\u0007'],
    ['a bidi override', '/tmp/\u202elanoisserp'],
    ['a line break', '/tmp/vault\n/etc'],
    ['a NUL byte', '/tmp/vault\u0000x'],
  ])('with %s in its path is refused, and the message does not repeat them', (_what, dir) => {
    const { folder, pointer } = setting()
    writeFileSync(pointer, JSON.stringify({ vaultDir: dir }), { mode: 0o600 })
    const refused = refusal(() => readVaultPointer(folder))
    expect(refused).toMatchObject({ code: 'VAULT_UNSAFE' })
    expect(refused.message).toContain('control characters')
    expect(refused.message).not.toContain(dir)
    for (const control of ['\u001b', '\u202e', '\n', '\u0000']) {
      expect(refused.message).not.toContain(control)
    }
    // Nor may the app write one.
    expect(refusal(() => writeVaultPointer(folder, dir)).code).toBe('INVALID_INPUT')
  })

  it.each([
    ['a relative path', { vaultDir: 'vault' }, 'relative path'],
    ['no path', { vaultDir: '' }, 'names no folder'],
    ['a path of the wrong type', { vaultDir: ['/tmp/a'] }, 'names no folder'],
    [
      'an inherited key only',
      JSON.parse('{"__proto__": {"vaultDir": "/tmp/x"}}'),
      'names no folder',
    ],
    ['a path longer than any folder', { vaultDir: `/${'a'.repeat(5000)}` }, 'longer'],
  ])('with %s is refused', (_what, content, why) => {
    const { folder, pointer } = setting()
    writeFileSync(pointer, JSON.stringify(content), { mode: 0o600 })
    const refused = refusal(() => readVaultPointer(folder))
    expect(refused.code).toBe('VAULT_UNSAFE')
    expect(refused.message).toContain(why)
  })

  it('that is not JSON, or too large to be one, is refused without reading it all', () => {
    const { folder, pointer } = setting()
    writeFileSync(pointer, 'vaultDir=/tmp/x', { mode: 0o600 })
    expect(refusal(() => readVaultPointer(folder)).message).toContain('is not valid')
    writeFileSync(pointer, ' '.repeat(1024 * 1024), { mode: 0o600 })
    expect(refusal(() => readVaultPointer(folder)).message).toContain('larger than it can be')
  })

  it('that others may write is refused: anyone could have put their folder there', () => {
    const { home, folder, pointer } = setting()
    writeFileSync(pointer, JSON.stringify({ vaultDir: join(home, 'v') }), { mode: 0o600 })
    chmodSync(pointer, 0o622)
    expect(refusal(() => readVaultPointer(folder)).message).toContain(
      'may be written by other users',
    )
  })

  it('as a FIFO is refused at once, never waited on', () => {
    const { folder, pointer } = setting()
    execFileSync('mkfifo', [pointer])
    const started = Date.now()
    expect(refusal(() => readVaultPointer(folder)).message).toContain('is not a regular file')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('is written by replacing a planted link, never through it', () => {
    const { home, folder, pointer } = setting()
    const target = join(home, 'target.json')
    writeFileSync(target, 'untouched', { mode: 0o600 })
    symlinkSync(target, pointer)
    writeVaultPointer(folder, join(home, 'mine'))
    expect(readFileSync(target, 'utf8')).toBe('untouched')
    expect(readVaultPointer(folder)).toBe(join(home, 'mine'))
  })

  it('is absent: the default folder in the app-data folder', () => {
    const { env, folder } = setting()
    expect(readVaultPointer(folder)).toBeNull()
    expect(defaultVaultDir(env)).toBe(join(folder, 'vault'))
  })
})
