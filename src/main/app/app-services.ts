/**
 * The Electron-free composition of Safehold's services: one place that opens the vault and builds
 * what the IPC handlers use, from injected OS ports (keychain, clock, clipboard). The Electron
 * shell, the browser harness and the tests all build the app through this, so they run the same
 * services.
 */
import { userInfo } from 'node:os'
import { resolve } from 'node:path'
import { certificateReader, type CertificateReader } from '../certificates/certificate-reader'
import type { Keychain } from '../keychain/keychain'
import type { Clock } from '../lifecycle/clock'
import { createLifecycleEngine, type LifecycleEngine } from '../lifecycle/lifecycle-engine'
import { NotificationCentre, type LoginItems } from '../lifecycle/notification-centre'
import { silentNotifier, type Notifier } from '../lifecycle/notifier'
import { SecretsService } from '../secrets/secrets-service'
import { secretCopier, type Clipboard, type SecretCopier, type Timers } from '../usage/clipboard'
import { createVault, openVault, type OpenedVault } from '../vault/vault-access'
import { headerExists } from '../vault/vault-header'
import type { VaultStore } from '../vault/vault-store'

export interface AppServiceOptions {
  vaultDir: string
  keychain: Keychain
  /** With a passphrase, a new vault's key is wrapped by it; without, it goes into the keychain. */
  passphrase: string | null
  clock: Clock
  clipboard: Clipboard
  /** Create the vault when the folder holds none, the local login name as Account Holder. */
  createIfMissing?: boolean
  timers?: Timers
  /** Reads certificate files in a worker; tests give one with a shorter time limit. */
  certificateReader?: CertificateReader
  /** Launch at login, where this process can set it (the desktop app). */
  loginItems?: LoginItems | null
  /** Where a notification click or the tray asks the window to go (the desktop app). */
  navigation?: Navigation
  /** Shows reminders as system notifications; silent by default. */
  notifier?: Notifier
  /** 'deletions-only' (the CLI): carries out due deletions but sends no other reminder. */
  lifecycle?: 'run' | 'deletions-only'
}

/** A request to show a secret or the Upcoming view, given to the window once. */
export interface NavigationTarget {
  secretId: string | null
  view: 'upcoming' | null
}

export interface Navigation {
  take(): NavigationTarget
}

/** Nothing ever asks to navigate: the harness and the tests without a window. */
const noNavigation: Navigation = { take: () => ({ secretId: null, view: null }) }

export interface AppServices {
  vaultDir: string
  clock: Clock
  store: VaultStore
  secrets: SecretsService
  copier: SecretCopier
  certificates: CertificateReader
  notifications: NotificationCentre
  navigation: Navigation
  /** Not started here: the app and the harness start it; the CLI runs one pass after opening. */
  lifecycle: LifecycleEngine
  /** True when this call created the vault. */
  created: boolean
  /**
   * Before the process exits: cancels the pending clipboard clear and clears a copied value that
   * is still on the clipboard. Returns at once; `cleared` settles when the clipboard is done.
   */
  close(): { cleared: Promise<void> }
}

export const DEFAULT_ORGANIZATION = 'My organization'

export async function openAppServices(options: AppServiceOptions): Promise<AppServices> {
  const vaultDir = resolve(options.vaultDir)
  const sources = { keychain: options.keychain, passphrase: options.passphrase }
  const created = options.createIfMissing === true && !headerExists(vaultDir)
  const vault: OpenedVault = created
    ? await createVault(
        vaultDir,
        {
          profile: {
            organization: DEFAULT_ORGANIZATION,
            user: localLoginName(),
            role: 'account-holder',
          },
          passphrase: options.passphrase,
          now: options.clock.now(),
        },
        // The new key goes to the passphrase or to the keychain, never both by accident.
        { keychain: options.keychain, passphrase: null },
      )
    : await openVault(vaultDir, sources)
  const copier = secretCopier({
    store: vault.store,
    clock: options.clock,
    clipboard: options.clipboard,
    ...(options.timers === undefined ? {} : { timers: options.timers }),
  })
  const certificates = options.certificateReader ?? certificateReader()
  const lifecycle = createLifecycleEngine({
    store: vault.store,
    clock: options.clock,
    notifier: options.notifier ?? silentNotifier,
    remind: options.lifecycle !== 'deletions-only',
    ...(options.timers === undefined ? {} : { timers: options.timers }),
  })
  return {
    vaultDir,
    clock: options.clock,
    store: vault.store,
    secrets: new SecretsService(vault.store, options.clock, vault.protection, certificates),
    copier,
    certificates,
    notifications: new NotificationCentre(vault.store, options.clock, options.loginItems ?? null),
    navigation: options.navigation ?? noNavigation,
    lifecycle,
    created,
    close: () => {
      lifecycle.stop()
      return copier.dispose()
    },
  }
}

/** The creator of a vault is its Account Holder, named as they log in (as `safehold init` does). */
export function localLoginName(): string {
  try {
    return userInfo().username || 'Account Holder'
  } catch {
    return 'Account Holder'
  }
}
