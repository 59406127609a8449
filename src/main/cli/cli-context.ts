/**
 * What every command needs: the vault folder, the passphrase if one was given, stdin (read at most
 * once, and never more than its purpose allows), and the opened vault. Nothing here imports
 * electron, zod or certificate parsing.
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { fromFsError, SafeholdError } from '../../shared/errors'
import type { FileInput } from '../../shared/secret-requests'
import { readBoundedFile, readBoundedStream, sizeText } from '../files/bounded-read'
import { osKeychain, type Keychain } from '../keychain/keychain'
import { systemClock, type Clock } from '../lifecycle/clock'
import type { NotificationCentre } from '../lifecycle/notification-centre'
import type { SecretsService } from '../secrets/secrets-service'
import { openVault, type KeySources, type OpenedVault } from '../vault/vault-access'
import { defaultVaultDir } from '../vault/vault-location'
import type { VaultStore } from '../vault/vault-store'
import type { CliIo, CliOutput } from './cli-io'

export interface GlobalOptions {
  vault?: string
  passphraseStdin?: boolean
  json?: boolean
}

/** DESIGN §1.1: a value is at most 64 KiB; a line end after it is not part of it. */
export const STDIN_VALUE_LIMIT = 64 * 1024 + 2
/** A passphrase or a PKCS#12 password is typed or pasted: 4 KiB is far beyond any real one. */
export const STDIN_PASSWORD_LIMIT = 4 * 1024

/** What a command works with once the vault is open. */
export interface CliServices {
  clock: Clock
  store: VaultStore
  secrets: SecretsService
  notifications: NotificationCentre
}

export class CliContext {
  readonly clock: Clock
  readonly out: CliOutput
  readonly err: CliOutput
  private keychainInUse: Keychain | null
  private stdinTakenBy: string | null = null
  private readonly opened: OpenedVault[] = []
  private built: Promise<CliServices> | null = null

  constructor(
    readonly options: GlobalOptions,
    private readonly io: CliIo,
  ) {
    this.clock = io.clock ?? systemClock
    this.out = io.stdout
    this.err = io.stderr
    this.keychainInUse = io.keychain ?? null
  }

  get keychain(): Keychain {
    this.keychainInUse ??= osKeychain()
    return this.keychainInUse
  }

  /** The vault folder; an empty --vault is a mistake, not "the current folder". */
  get vaultDir(): string {
    if (this.options.vault !== undefined && this.options.vault.trim() === '') {
      throw new SafeholdError(
        'INVALID_INPUT',
        '--vault was given an empty path; name the vault folder, or leave --vault out to use the default.',
        'vault',
      )
    }
    const dir = resolve(this.options.vault ?? defaultVaultDir(this.io.env))
    let stats
    try {
      stats = statSync(dir, { throwIfNoEntry: false })
    } catch (error) {
      throw fromFsError(error, 'the vault folder')
    }
    if (stats !== undefined && !stats.isDirectory()) {
      throw new SafeholdError(
        'NOT_A_FILE',
        'The vault folder is a file, not a folder: point --vault (or SAFEHOLD_VAULT_DIR) at a folder.',
        'vault',
      )
    }
    return dir
  }

  get json(): boolean {
    return this.options.json === true
  }

  /** Standard input, for one purpose only: two options cannot both read it. */
  async readStdin(purpose: string, limit: number): Promise<string> {
    if (this.stdinTakenBy !== null) {
      throw new SafeholdError(
        'INVALID_INPUT',
        `Standard input can carry only one thing, and ${this.stdinTakenBy} already reads it; set SAFEHOLD_PASSPHRASE for the passphrase instead.`,
      )
    }
    this.stdinTakenBy = purpose
    const stdin = this.io.stdin()
    // A terminal gives no end of input by itself: say what is awaited, and how to finish.
    if (stdin.isTTY) this.err.write(`Reading ${purpose} from the terminal; end with Ctrl-D.\n`)
    const data = await readBoundedStream(stdin, limit)
    if (data === null) {
      throw new SafeholdError(
        'INVALID_INPUT',
        `Standard input for ${purpose} holds more than ${sizeText(limit)}, more than it can be.`,
      )
    }
    return data.toString('utf8').replace(/\r?\n$/, '')
  }

  async passphrase(): Promise<string | null> {
    if (this.options.passphraseStdin)
      return this.readStdin('--passphrase-stdin', STDIN_PASSWORD_LIMIT)
    const fromEnv = this.io.env['SAFEHOLD_PASSPHRASE']
    return fromEnv === undefined || fromEnv === '' ? null : fromEnv
  }

  async keySources(): Promise<KeySources> {
    return { keychain: this.keychain, passphrase: await this.passphrase() }
  }

  async open(onlyName?: string): Promise<OpenedVault> {
    const vault = await openVault(this.vaultDir, await this.keySources(), onlyName)
    this.opened.push(vault)
    return vault
  }

  /**
   * The services of the whole vault, built once per command. Loaded on demand, so a command that
   * never asks (`get`) does not pay for them.
   */
  services(): Promise<CliServices> {
    this.built ??= (async () => {
      const [{ SecretsService }, { NotificationCentre }] = await Promise.all([
        import('../secrets/secrets-service'),
        import('../lifecycle/notification-centre'),
      ])
      const vault = await this.open()
      return {
        clock: this.clock,
        store: vault.store,
        secrets: new SecretsService(vault.store, this.clock, vault.protection),
        notifications: new NotificationCentre(vault.store, this.clock),
      }
    })()
    return this.built
  }

  /** After a command succeeded: what the vault has to say once (permissions tightened, …). */
  printNotices(): void {
    for (const vault of this.opened) {
      for (const notice of vault.store.takeNotices()) this.err.write(`warning: ${notice}\n`)
    }
  }
}

/** A file option's file, checked and read within `limit` bytes; messages name the option. */
export function readInputFile(path: string, option: string, limit: number): FileInput {
  if (path === '') {
    throw new SafeholdError('INVALID_INPUT', `${option} was given an empty path; name a file.`)
  }
  return readBoundedFile(path, `the file given to ${option}`, limit)
}
