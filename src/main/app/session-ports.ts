/**
 * What the vault session is built from: the vault's own ports (keychain, clock, notifier) and the
 * OS services it asks for besides, a folder picker ("Open a vault folder…", "Scan a folder…") and
 * OS verification of the user (Touch ID). Electron's adapters live in platform/; the harness and
 * the tests give their own.
 */
import type { KeychainPort } from '../keychain/keychain'
import type { KeychainStatus } from '../keychain/keychain-worker'
import type { Clock } from '../lifecycle/clock'
import type { Notifier } from '../lifecycle/notifier'
import type { Timers } from '../usage/clipboard'
import type { AppServiceOptions } from './app-services'

/** What a folder is picked for: a vault to open, or a folder for the leak scan to read. */
export type FolderPurpose = 'vault' | 'scan'

export interface FolderPicker {
  /** The folder the user chose, or null when the pick was cancelled. */
  pick(purpose?: FolderPurpose): Promise<string | null>
}

export interface OsVerification {
  /** Whether the OS can verify the user now (Touch ID enrolled and usable). */
  available(): boolean
  /** Asks the OS to verify the user; true when it did. `reason` completes "Safehold wants to …". */
  verify(reason: string): Promise<boolean>
}

/** A picker that always answers `dir` (the harness's --pick-folder), or cancels when null. */
export function fixedFolderPicker(dir: string | null): FolderPicker {
  return { pick: () => Promise.resolve(dir) }
}

export interface VaultSessionDeps {
  /** The folder to start with: SAFEHOLD_VAULT_DIR, else the remembered one, else the default. */
  vaultDir: string
  clock: Clock
  timers?: Timers
  keychain: KeychainPort
  /** Whether the OS keychain answers (asked off the main thread, answered from a cache). */
  keychainStatus(): Promise<KeychainStatus>
  folderPicker?: FolderPicker
  osVerification?: OsVerification | null
  /** Remembers a folder opened with the picker across restarts; the harness keeps none. */
  remember?: (vaultDir: string) => void
  notifier: Notifier
  /** What the open vault's services are built with besides folder, key, clock and notifier. */
  services?: Pick<
    AppServiceOptions,
    'clipboard' | 'loginItems' | 'navigation' | 'certificateReader'
  >
  /**
   * The idle lock after this many ms instead of the vault's minutes: the harness's
   * --idle-lock-seconds, so tests see an idle lock within seconds. The app never sets it.
   */
  idleLockMs?: number
  /** Told of what failed in the background (a lock, a reminder pass); never with a value. */
  onError?: (error: unknown) => void
}
