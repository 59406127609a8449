/**
 * What every command needs: the vault folder, the passphrase if one was given, stdin (read at most
 * once), and the opened vault. Nothing here imports electron, zod or certificate parsing.
 */
import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { SafeholdError } from '../../shared/errors'
import { osKeychain, type Keychain } from '../keychain/keychain'
import { systemClock, type Clock } from '../lifecycle/clock'
import { openVault, type KeySources, type OpenedVault } from '../vault/vault-access'
import { defaultVaultDir } from '../vault/vault-location'
import type { FileInput } from '../../shared/secret-requests'

export interface GlobalOptions {
  vault?: string
  passphraseStdin?: boolean
  json?: boolean
}

export class CliContext {
  readonly clock: Clock = systemClock
  readonly keychain: Keychain = osKeychain()
  private stdinTakenBy: string | null = null
  private readonly opened: OpenedVault[] = []

  constructor(readonly options: GlobalOptions) {}

  get vaultDir(): string {
    return resolve(this.options.vault ?? defaultVaultDir())
  }

  get json(): boolean {
    return this.options.json === true
  }

  /** Standard input, for one purpose only: two options cannot both read it. */
  readStdin(purpose: string): string {
    if (this.stdinTakenBy !== null) {
      throw new SafeholdError(
        'INVALID_INPUT',
        `Standard input can carry only one thing, and ${this.stdinTakenBy} already reads it; set SAFEHOLD_PASSPHRASE for the passphrase instead.`,
      )
    }
    this.stdinTakenBy = purpose
    const text = readFileSync(0, 'utf8')
    return text.replace(/\r?\n$/, '')
  }

  passphrase(): string | null {
    if (this.options.passphraseStdin) return this.readStdin('--passphrase-stdin')
    const fromEnv = process.env['SAFEHOLD_PASSPHRASE']
    return fromEnv === undefined || fromEnv === '' ? null : fromEnv
  }

  keySources(): KeySources {
    return { keychain: this.keychain, passphrase: this.passphrase() }
  }

  async open(onlyName?: string): Promise<OpenedVault> {
    const vault = await openVault(this.vaultDir, this.keySources(), onlyName)
    this.opened.push(vault)
    return vault
  }

  /** After a command succeeded: what the vault has to say once (permissions tightened, …). */
  printNotices(): void {
    for (const vault of this.opened) {
      for (const notice of vault.store.takeNotices()) process.stderr.write(`warning: ${notice}\n`)
    }
  }
}

export function readInputFile(path: string, field: string): FileInput {
  try {
    return { fileName: basename(path), data: readFileSync(path) }
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read'
    throw new SafeholdError('INVALID_INPUT', `The file ${path} ${reason}.`, field)
  }
}
