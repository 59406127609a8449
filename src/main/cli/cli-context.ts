/**
 * What every command needs: the vault folder, the passphrase if one was given, stdin (read at most
 * once, and never more than its purpose allows), and the services, which the composition root
 * builds from this process's keychain and clock exactly as it does for the app. Nothing here
 * imports electron, zod or certificate parsing.
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { fromFsError, isSafeholdError, SafeholdError } from '../../shared/errors'
import { quoted } from '../../shared/name-text'
import type { FileInput } from '../../shared/secret-requests'
import { readBoundedFile, readBoundedStream, sizeText } from '../files/bounded-read'
import {
  openAppServices,
  systemPorts,
  type AppServices,
  type VaultServices,
} from '../app/app-services'
import type { Keychain } from '../keychain/keychain'
import type { Clock } from '../lifecycle/clock'
import type { NotificationRecord, Profile } from '../vault/vault-state'
import type { KeySources } from '../vault/vault-access'
import { defaultVaultDir } from '../vault/vault-location'
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

/** Why a due deletion may have to wait: the disk, not the vault. */
const DEFERRABLE = new Set(['DISK_FULL', 'IO_ERROR', 'PERMISSION_DENIED'])

export class CliContext {
  readonly clock: Clock
  readonly keychain: Keychain
  readonly out: CliOutput
  readonly err: CliOutput
  private stdinTakenBy: string | null = null
  private opening: { how: string; services: Promise<VaultServices> } | null = null
  private opened: VaultServices | null = null
  private deletedNow: NotificationRecord[] = []

  constructor(
    readonly options: GlobalOptions,
    private readonly io: CliIo,
  ) {
    // The ports the root gives a process that brings none: the system clock, the OS keychain.
    const ports = systemPorts(io)
    this.clock = ports.clock
    this.keychain = ports.keychain
    this.out = io.stdout
    this.err = io.stderr
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

  /**
   * Standard input for questions asked on the terminal (a passphrase typed without echo), or null
   * when it is not a terminal. Like readStdin, for one purpose only; `alternative` is what to set
   * instead when standard input is taken.
   */
  terminalInput(alternative: string): ReturnType<CliIo['stdin']> | null {
    if (this.stdinTakenBy !== null) {
      throw new SafeholdError(
        'INVALID_INPUT',
        `Standard input can carry only one thing, and ${this.stdinTakenBy} already reads it; set ${alternative} instead.`,
      )
    }
    const stdin = this.io.stdin()
    if (stdin.isTTY !== true) return null
    this.stdinTakenBy = 'a question on the terminal'
    return stdin
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

  /** The services of this command's vault, opened once. */
  services(): Promise<AppServices> {
    return this.openOnce('whole', async () =>
      this.carryOutDue(await openAppServices(await this.serviceOptions())),
    )
  }

  /** Only the secrets of these names, without the secrets service: what `get` and `run` need. */
  servicesFor(...names: string[]): Promise<VaultServices> {
    return this.openOnce(`only ${names.join('\n')}`, async () =>
      this.carryOutDue(
        await openAppServices({ ...(await this.serviceOptions()), onlyNames: names }),
      ),
    )
  }

  /**
   * DESIGN §2: a deletion that fell due while no Safehold process ran is carried out by the next
   * one that opens the vault, before the command sees it. Over get's one-name store this costs a
   * comparison unless a deletion may be due.
   */
  private async carryOutDue<T extends VaultServices>(services: T): Promise<T> {
    try {
      const pass = await services.lifecycle.runOnce()
      this.deletedNow = pass.reminders.filter((record) => record.kind === 'deleted')
    } catch (error) {
      // Reading needs no free space (DESIGN §4): a deletion that cannot be written now is said
      // once and left to the next process; the secret is refused meanwhile, as good as gone. A
      // command that writes meets the same failure on its own write and reports it.
      if (!isSafeholdError(error) || !DEFERRABLE.has(error.code)) throw error
      services.store.tell([
        `A deletion is due but could not be carried out now (${error.message.replace(/\.$/, '')}); the next Safehold process that can write to the vault carries it out.`,
      ])
    }
    return services
  }

  /** Every secret, without the secrets service: what `run` and `inject` need. */
  vaultStore(): Promise<VaultServices> {
    return this.openOnce('store only', async () =>
      this.carryOutDue(
        await openAppServices({ ...(await this.serviceOptions()), storeOnly: true }),
      ),
    )
  }

  /** The environment this command was started with. */
  get environment(): Record<string, string | undefined> {
    return this.io.env
  }

  /** The exit status the command asks for (`run` passes its child's); null: 0 on success. */
  exitStatus: number | null = null

  exitWith(status: number): void {
    this.exitStatus = status
  }

  /** Creates the vault (`init`); a folder that holds one already is refused. */
  create(profile: Profile): Promise<AppServices> {
    return this.openOnce('new', async () =>
      openAppServices({ ...(await this.serviceOptions()), create: profile }),
    )
  }

  /** One vault per command, opened once however many helpers ask for it. */
  private openOnce<T extends VaultServices>(how: string, open: () => Promise<T>): Promise<T> {
    if (this.opening === null) {
      const opening = open().then((services) => (this.opened = services))
      this.opening = { how, services: opening }
    } else if (this.opening.how !== how) {
      throw new Error(`The vault was opened ${this.opening.how}, not ${how}.`)
    }
    return this.opening.services as Promise<T>
  }

  private async serviceOptions(): Promise<
    KeySources & { vaultDir: string; clock: Clock; lifecycle: 'deletions-only' }
  > {
    const vaultDir = this.vaultDir
    // Reminders are the app's to send; the CLI only keeps the promise that deletions happen.
    return {
      vaultDir,
      clock: this.clock,
      lifecycle: 'deletions-only',
      ...(await this.keySources()),
    }
  }

  /** After a command succeeded: what the vault has to say once (permissions tightened, …). */
  printNotices(): void {
    for (const notice of this.opened?.store.takeNotices() ?? []) {
      this.err.write(`warning: ${notice}\n`)
    }
    // Only after success: a failure stays one line, and the notification centre keeps these.
    for (const record of this.deletedNow) {
      this.err.write(
        `warning: ${quoted(record.secretName, 'A secret')} was deleted; its deletion was due on ${record.dueAt.slice(0, 10)}.\n`,
      )
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
