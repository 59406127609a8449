/**
 * The one composition root of Safehold's services: the Electron shell, the browser harness, the
 * `safehold` command and the tests all open the vault and build what they use through
 * openAppServices, from injected OS ports (keychain, clock, clipboard, notifier, login items), so
 * they run the same services on the same clock. Electron-free.
 *
 * `onlyNames` opens just the secrets of those names and stops before the secrets service: that is
 * the path of `safehold get` and `run`, and it must load no zod and no certificate code, so
 * everything past the vault is imported only when it is built.
 */
import { userInfo } from 'node:os'
import { resolve } from 'node:path'
import { SafeholdError } from '../../shared/errors'
import type { CertificateReader } from '../certificates/certificate-reader'
import { osKeychain, type Keychain, type KeychainPort } from '../keychain/keychain'
import { systemClock, type Clock } from '../lifecycle/clock'
import { createLifecycleEngine, type LifecycleEngine } from '../lifecycle/lifecycle-engine'
import type { NotificationCentre } from '../lifecycle/notification-centre'
import { silentNotifier, type Notifier } from '../lifecycle/notifier'
import type { SecretsService } from '../secrets/secrets-service'
import type { Clipboard, SecretCopier, Timers } from '../usage/clipboard'
import type { LeakScans, PickScanFolder } from '../usage/leak-scans'
import { createVault, openVault, type OpenedVault } from '../vault/vault-access'
import { headerExists } from '../vault/vault-header'
import type { Profile } from '../vault/vault-state'
import type { VaultStore } from '../vault/vault-store'
import type { LoginItems } from './login-items'
import { createNavigationQueue, type NavigationQueue } from './navigation-queue'

export interface AppServiceOptions {
  vaultDir: string
  /** Default: the OS keychain, loaded only when a key is needed. */
  keychain?: KeychainPort
  /** With a passphrase, a new vault's key is wrapped by it; without, it goes into the keychain. */
  passphrase: string | null
  /** Default: the system clock. Every instant the services act on comes from this one. */
  clock?: Clock
  /** Default: none, and Copy is refused (the CLI prints a value instead). */
  clipboard?: Clipboard
  /** Create the vault when the folder holds none, the local login name as Account Holder. */
  createIfMissing?: boolean
  /** Create a new vault with this profile; a folder that holds one already is refused. */
  create?: Profile
  /** Read only the secrets of these names (VaultStore.openForNames), for handing out values. */
  onlyNames?: readonly string[]
  /**
   * Read every secret but stop before the secrets service, as `onlyNames` does: for reading
   * every value or the audit log (`safehold scan`, `audit`) without loading validation code.
   */
  storeOnly?: boolean
  timers?: Timers
  /** Reads certificate files in a worker; tests give one with a shorter time limit. */
  certificateReader?: CertificateReader
  /** Default: none; reminders are then recorded but not shown. */
  notifier?: Notifier
  /** Null where launching at login is not offered. */
  loginItems?: LoginItems | null
  /** Where a notification click or the tray asks the window to go (the desktop app). */
  navigation?: NavigationQueue
  /** "Scan a folder…": the OS folder picker; without one, a pick is cancelled. */
  pickScanFolder?: PickScanFolder
  /** 'deletions-only' (the CLI): carries out due deletions but sends no other reminder. */
  lifecycle?: 'run' | 'deletions-only'
  /** Reminders shown while the vault was locked: the engine does not show them again. */
  remindersShown?: readonly string[]
  /**
   * What protects the key, read afresh at each profile view (the vault session's, which follows a
   * passphrase added while the vault is open); default: as it was when the vault opened.
   */
  protection?: () => string
}

/** The opened vault and the ports: all that `safehold get` needs. */
export interface VaultServices {
  vaultDir: string
  clock: Clock
  keychain: KeychainPort
  store: VaultStore
  /** "Key in GNOME Keyring", "Passphrase", …: what protects the vault key. */
  protection: string
  /** True when this call created the vault. */
  created: boolean
  notifier: Notifier | null
  loginItems: LoginItems | null
  /**
   * Not started here: the app and the harness start it; the CLI runs one pass after opening.
   * Over a one-name store (`get`) a pass reads the whole vault only when a deletion may be due.
   */
  lifecycle: LifecycleEngine
  /**
   * Before the process exits: cancels the pending clipboard clear and clears a copied value that
   * is still on the clipboard. Returns at once; `cleared` settles when the clipboard is done.
   */
  close(): { cleared: Promise<void> }
}

export interface AppServices extends VaultServices {
  secrets: SecretsService
  copier: SecretCopier
  certificates: CertificateReader
  notifications: NotificationCentre
  navigation: NavigationQueue
  scans: LeakScans
}

export const DEFAULT_ORGANIZATION = 'My organization'

/** The ports a process gets when it brings none of its own. */
export function systemPorts(given: {
  keychain?: Keychain | undefined
  clock?: Clock | undefined
}): {
  keychain: Keychain
  clock: Clock
} {
  return { keychain: given.keychain ?? osKeychain(), clock: given.clock ?? systemClock }
}

export function openAppServices(
  options: AppServiceOptions & { onlyNames: readonly string[] },
): Promise<VaultServices>
export function openAppServices(
  options: AppServiceOptions & { storeOnly: true },
): Promise<VaultServices>
export function openAppServices(
  options: AppServiceOptions & { onlyNames?: undefined; storeOnly?: false },
): Promise<AppServices>
export async function openAppServices(
  options: AppServiceOptions,
): Promise<VaultServices | AppServices> {
  const vaultDir = resolve(options.vaultDir)
  const keychain = options.keychain ?? osKeychain()
  const clock = options.clock ?? systemClock
  const sources = { keychain, passphrase: options.passphrase, clock }
  const profile =
    options.create ??
    (options.createIfMissing === true && !headerExists(vaultDir) ? defaultProfile() : null)
  const vault: OpenedVault =
    profile !== null
      ? await createVault(
          vaultDir,
          { profile, passphrase: options.passphrase, now: clock.now() },
          // The new key goes to the passphrase or to the keychain, never both by accident.
          { ...sources, passphrase: null },
        )
      : await openVault(vaultDir, sources, options.onlyNames)
  const opened: VaultServices = {
    vaultDir,
    clock,
    keychain,
    store: vault.store,
    protection: vault.protection,
    created: profile !== null,
    notifier: options.notifier ?? null,
    loginItems: options.loginItems ?? null,
    lifecycle: createLifecycleEngine({
      store: vault.store,
      clock,
      notifier: options.notifier ?? silentNotifier,
      remind: options.lifecycle !== 'deletions-only',
      ...(options.remindersShown === undefined ? {} : { shown: options.remindersShown }),
      ...(options.timers === undefined ? {} : { timers: options.timers }),
    }),
    close: () => {
      opened.lifecycle.stop()
      return { cleared: Promise.resolve() }
    },
  }
  // A store that holds only some secrets must not back a service that lists or changes them.
  if (options.onlyNames !== undefined || options.storeOnly === true) return opened
  return buildServices(opened, options)
}

async function buildServices(
  opened: VaultServices,
  options: AppServiceOptions,
): Promise<AppServices> {
  const [
    { SecretsService },
    { certificateReader },
    { secretCopier },
    { NotificationCentre },
    { LeakScans },
  ] = await Promise.all([
    import('../secrets/secrets-service'),
    import('../certificates/certificate-reader'),
    import('../usage/clipboard'),
    import('../lifecycle/notification-centre'),
    import('../usage/leak-scans'),
  ])
  const { store, clock } = opened
  const copier =
    options.clipboard === undefined
      ? noClipboard
      : secretCopier({
          store,
          clock,
          clipboard: options.clipboard,
          ...(options.timers === undefined ? {} : { timers: options.timers }),
        })
  const certificates = options.certificateReader ?? certificateReader()
  const scans = new LeakScans({
    store,
    clock,
    ...(options.pickScanFolder === undefined ? {} : { pickFolder: options.pickScanFolder }),
  })
  return {
    ...opened,
    secrets: new SecretsService(
      store,
      clock,
      options.protection ?? opened.protection,
      certificates,
    ),
    copier,
    certificates,
    notifications: new NotificationCentre(store, clock, opened.loginItems),
    // Without a window nothing asks to navigate, and the queue stays empty.
    navigation: options.navigation ?? createNavigationQueue(),
    scans,
    close: () => {
      opened.lifecycle.stop()
      // A running scan ends with the vault: its worker, and the values in it, go at once.
      const scanned = scans.dispose()
      const { cleared } = copier.dispose()
      return { cleared: Promise.all([cleared, scanned]).then(() => undefined) }
    },
  }
}

/** Refuses before the secret is touched, so no use is recorded for a copy that cannot happen. */
const noClipboard: SecretCopier = {
  copySecret: () =>
    Promise.reject(
      new SafeholdError(
        'USE_DENIED',
        'There is no clipboard here; use "safehold get NAME" to print the value.',
      ),
    ),
  dispose: () => ({ cleared: Promise.resolve() }),
}

function defaultProfile(): Profile {
  return { organization: DEFAULT_ORGANIZATION, user: localLoginName(), role: 'account-holder' }
}

/** The creator of a vault is its Account Holder, named as they log in (as `safehold init` does). */
export function localLoginName(): string {
  try {
    return userInfo().username || 'Account Holder'
  } catch {
    return 'Account Holder'
  }
}
