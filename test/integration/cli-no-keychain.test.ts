/**
 * A Linux machine with no usable Secret Service (DESIGN.md §4): `safehold init` says so plainly and
 * names the passphrase route, and leaves nothing behind — above all no file with key material,
 * never a silent fallback. The passphrase route then works in the very same environment.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ensureBuilt,
  expectCliError,
  expectSuccess,
  fileDigests,
  runCli,
  type CliOptions,
} from '../support/cli'

const NO_DBUS: CliOptions['env'] = {
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
  SAFEHOLD_PASSPHRASE: undefined,
}
const PASSPHRASE = 'no keychain here, so a long passphrase'
const TOKEN = 'tok_no_keychain_5f3a9c1e7b'

let dir = ''

beforeAll(async () => {
  await ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'safehold-cli-no-keychain-'))
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Every entry under `folder`, directories with a trailing slash. */
function entries(folder: string, prefix = ''): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name)
      return statSync(path).isDirectory()
        ? [`${prefix}${name}/`, ...entries(path, `${prefix}${name}/`)]
        : [`${prefix}${name}`]
    })
}

const onLinux = process.platform === 'linux'
if (!onLinux)
  console.warn('CLI without a keychain skipped: D-Bus and the Secret Service are Linux only')

describe.runIf(onLinux)('safehold without a keychain (no D-Bus)', () => {
  it('init fails with one line naming --passphrase-stdin, and leaves no file at all', () => {
    const vault = join(dir, 'keychain-vault')
    const result = runCli(['init'], { vault, env: NO_DBUS })
    const message = expectCliError(result, 'KEYCHAIN_UNAVAILABLE')
    expect(message).toMatch(/keychain/i)
    expect(message).toContain('--passphrase-stdin')
    // Nothing was created: no vault.json, no snapshot or journal, not even the folder.
    expect(entries(dir)).toEqual([])
  })

  it('init --passphrase-stdin works in the same environment and round-trips a secret', () => {
    const vault = join(dir, 'passphrase-vault')
    const init = runCli(['init', '--passphrase-stdin'], {
      vault,
      env: NO_DBUS,
      input: `${PASSPHRASE}\n`,
    })
    expectSuccess(init)
    expect(init.stdout).toContain('(Passphrase)')
    const header = JSON.parse(readFileSync(join(vault, 'vault.json'), 'utf8')) as {
      keyProtection: { keychain: boolean; passphrase: unknown }
    }
    expect(header.keyProtection.keychain).toBe(false)
    expect(header.keyProtection.passphrase).not.toBeNull()

    const withPassphrase = { ...NO_DBUS, SAFEHOLD_PASSPHRASE: PASSPHRASE }
    const register = runCli(
      [
        'register',
        ...['--type', 'bearer-token', '--name', 'ci-token', '--scope', 'personal'],
        ...['--field', 'headerName=Authorization', '--secret-stdin', 'headerValue'],
      ],
      { vault, env: withPassphrase, input: TOKEN },
    )
    expectSuccess(register)
    const get = runCli(['get', 'ci-token', '--as', 'ci'], { vault, env: withPassphrase })
    expectSuccess(get)
    expect(get.stdout).toBe(`${TOKEN}\n`)

    // At rest neither the value nor the passphrase is anywhere in the vault's files.
    for (const file of Object.keys(fileDigests(vault))) {
      const bytes = readFileSync(join(vault, file))
      expect(bytes.includes(TOKEN), file).toBe(false)
      expect(bytes.includes(PASSPHRASE), file).toBe(false)
    }

    const locked = runCli(['get', 'ci-token', '--as', 'ci'], { vault, env: NO_DBUS })
    expectCliError(locked, 'KEY_UNAVAILABLE', /SAFEHOLD_PASSPHRASE or pass --passphrase-stdin/)
  })
})
