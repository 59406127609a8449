/**
 * A vault driven through the real `safehold` process, with its own rollback-mark folder, for the
 * threat specs that attack a vault from outside: copying files back, damaging them, filling the
 * disk. Every machine can run it: its key is under a passphrase, or, where the keychain tier is on
 * (npm test's private gnome-keyring) and the spec does not need a passphrase, in the keychain, so
 * that each of its many processes opens it with a keychain read instead of a key derivation.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectSuccess, runCli, runCliJson, type CliOptions, type CliResult } from './cli'
import { runCliAsync } from './cli-async'

export interface CliVault {
  /** The vault folder. */
  vault: string
  /** Scratch space beside it (copies, outside files). */
  scratch: string
  /** This machine's state folder for the vault: where its rollback mark is kept. */
  stateDir: string
  cli(args: string[], opts?: CliOptions): CliResult
  /** As `cli`, without blocking this process: for tests whose peers run in it. */
  cliAsync(args: string[], opts?: CliOptions): Promise<CliResult>
  json<T = unknown>(args: string[], opts?: CliOptions): T
  /** `register --type api-key` of `value`, in personal scope. */
  registerApiKey(name: string, value: string): void
}

export interface CliVaultOptions {
  /** Where the vault goes; a fresh folder by default. */
  vaultDir?: string
  /** The key is under `${label}: a passphrase long enough` wherever a keychain answers too. */
  passphrase?: boolean
}

export function cliVault(label: string, opts: CliVaultOptions = {}): CliVault {
  const scratch = mkdtempSync(join(tmpdir(), `safehold-${label}-`))
  const vault = opts.vaultDir ?? join(scratch, 'vault')
  const stateDir = join(scratch, 'state')
  const keychain = process.env['SAFEHOLD_TEST_KEYCHAIN'] === '1' && opts.passphrase !== true
  const env = {
    SAFEHOLD_PASSPHRASE: keychain ? undefined : `${label}: a passphrase long enough`,
    SAFEHOLD_STATE_DIR: stateDir,
  }
  const options = (opts: CliOptions = {}): CliOptions => ({
    vault,
    ...opts,
    env: { ...env, ...opts.env },
  })
  const handle: CliVault = {
    vault,
    scratch,
    stateDir,
    cli: (args, opts) => runCli(args, options(opts)),
    cliAsync: (args, opts) => runCliAsync(args, options(opts)),
    json: (args, opts) => runCliJson(args, options(opts)),
    registerApiKey(name, value) {
      expectSuccess(
        handle.cli(
          [
            'register',
            ...['--type', 'api-key', '--name', name, '--scope', 'personal'],
            ...['--field', 'headerName=Authorization', '--secret-stdin', 'value'],
          ],
          { input: value },
        ),
      )
    },
  }
  expectSuccess(handle.cli(['init', '--user', 'Ada', '--org', 'Acme']))
  return handle
}

/** Copies vault files by name, as a backup program or a sync tool would put them back. */
export function copyFiles(from: string, to: string, names: string[]): void {
  mkdirSync(to, { recursive: true })
  for (const name of names) copyFileSync(join(from, name), join(to, name))
}
