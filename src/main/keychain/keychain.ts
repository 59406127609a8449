/**
 * The OS keychain behind a small interface, so the vault runs the same in Electron, the CLI and
 * tests. Failures are reported as KEYCHAIN_UNAVAILABLE; nothing here ever falls back to storing a
 * key anywhere else.
 */
import { createRequire } from 'node:module'
import { SafeholdError } from '../../shared/errors'

export const KEYCHAIN_SERVICE = 'Safehold'

export interface Keychain {
  /** What protects the key, in the user's words: "GNOME Keyring", "macOS Keychain", … */
  readonly label: string
  get(account: string): string | null
  set(account: string, secret: string): void
  delete(account: string): void
}

/**
 * A keychain as the vault uses it: answering at once (the CLI, tests) or later (the app's, whose
 * calls run in a worker so a keychain that hangs never stalls the main process).
 */
export interface KeychainPort {
  readonly label: string
  get(account: string): string | null | Promise<string | null>
  set(account: string, secret: string): void | Promise<void>
  delete(account: string): void | Promise<void>
}

interface NativeEntry {
  getPassword(): string | null
  setPassword(password: string): void
  deletePassword(): boolean
}
type EntryConstructor = new (
  service: string,
  account: string,
  options?: { linux?: { store: 'secret-service' } },
) => NativeEntry

/**
 * On Linux, @napi-rs/keyring falls back to the kernel keyring when no Secret Service answers.
 * That keyring forgets everything at reboot, which would lose the vault key: pin the Secret Service.
 */
export const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } }

export function keychainLabel(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain'
  if (platform === 'win32') return 'Windows Credential Manager'
  return 'GNOME Keyring'
}

export function unavailable(reason: string): SafeholdError {
  const where =
    process.platform === 'linux'
      ? 'No usable Secret Service keychain (such as GNOME Keyring) answered'
      : 'The OS keychain did not answer'
  return new SafeholdError('KEYCHAIN_UNAVAILABLE', `${where} (${reason}).`)
}

/** The real OS keychain via @napi-rs/keyring, loaded only when a key is actually needed. */
export function osKeychain(service = KEYCHAIN_SERVICE): Keychain {
  let Entry: EntryConstructor | null = null
  const entry = (account: string): NativeEntry => {
    if (!Entry) {
      try {
        const load = createRequire(__filename)
        Entry = (load('@napi-rs/keyring') as { Entry: EntryConstructor }).Entry
      } catch {
        throw unavailable('the keychain module could not be loaded on this system')
      }
    }
    return new Entry(service, account, ENTRY_OPTIONS)
  }
  const call = <T>(work: () => T): T => {
    try {
      return work()
    } catch (error) {
      if (error instanceof SafeholdError) throw error
      throw unavailable(error instanceof Error ? error.message : String(error))
    }
  }
  return {
    label: keychainLabel(),
    get: (account) => call(() => entry(account).getPassword()),
    set: (account, secret) => call(() => entry(account).setPassword(secret)),
    delete: (account) => void call(() => entry(account).deletePassword()),
  }
}

/** A keychain in memory, for tests and for callers that must not touch the OS. */
export function memoryKeychain(label = 'Test keychain'): Keychain {
  const items = new Map<string, string>()
  return {
    label,
    get: (account) => items.get(account) ?? null,
    set: (account, secret) => void items.set(account, secret),
    delete: (account) => void items.delete(account),
  }
}
