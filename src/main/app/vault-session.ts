/**
 * The vault session in main (DESIGN §4, §6.4): the one owner of the phase — no vault, locked or
 * open — and, while open, of the services the composition root built over the vault. Every way in
 * and out of the open phase passes here and through the vault queue, so no call sees a vault half
 * opened or half closed. Locking drops the key and every decrypted value: the lifecycle stops and
 * settles, a pending clipboard value is cleared, the store zeroes its key buffers, and only a copy
 * of the metadata that reminders need remains. While not open, every other channel is refused.
 */
import { SafeholdError } from '../../shared/errors'
import type { IpcResponse } from '../../shared/ipc-contract'
import { globalTimers } from '../lifecycle/lifecycle-engine'
import {
  createLockedLifecycle,
  recordHeld,
  type LockedLifecycle,
} from '../lifecycle/locked-lifecycle'
import { silentNotifier } from '../lifecycle/notifier'
import type { Timers } from '../usage/clipboard'
import { describeProtection } from '../vault/vault-access'
import { readHeader, type VaultHeader } from '../vault/vault-header'
import { LOCKED_MESSAGE } from '../vault/vault-store'
import { openAppServices, type AppServiceOptions, type AppServices } from './app-services'
import { createLockTimer, type LockTimer } from './lock-timer'
import type { LockReason } from './lock-triggers'
import { inspectVault } from './session-folders'
import { closeForLock } from './session-lock'
import type { VaultSessionDeps } from './session-ports'
import { UnlockThrottle } from './unlock-throttle'
import { VaultQueue } from './vault-queue'

export type Phase = 'no-vault' | 'locked' | 'open'
export type SessionState = IpcResponse<'vault:state'>
export type UnlockWith = NonNullable<SessionState['unlockWith']>

/** What a vault is opened with: a passphrase, or a profile to create it with. */
export type EntryOptions = Pick<AppServiceOptions, 'passphrase' | 'create' | 'createIfMissing'>

export function noVaultError(): SafeholdError {
  return new SafeholdError(
    'NO_VAULT',
    'There is no vault yet: create one, or open the folder of an existing vault.',
  )
}

export class VaultSession {
  readonly queue = new VaultQueue()
  private phase: Phase = 'no-vault'
  private dir: string
  private header: VaultHeader | null = null
  private opened: AppServices | null = null
  private lockedBy: LockReason | null = null
  /** Reminders while locked, over the metadata copy of the vault with this id. */
  private locked: { lifecycle: LockedLifecycle; vaultId: string } | null = null
  /** A folder opened with the picker, remembered once its vault has opened. */
  private rememberPending = false
  private unlocking = false
  private unsubscribeStore: (() => void) | null = null
  private readonly listeners = new Set<() => void>()
  private readonly timers: Timers
  private readonly idle: LockTimer
  readonly throttle: UnlockThrottle

  constructor(readonly deps: VaultSessionDeps) {
    this.dir = deps.vaultDir
    this.timers = deps.timers ?? globalTimers
    this.throttle = new UnlockThrottle(deps.clock)
    this.idle = createLockTimer({
      clock: deps.clock,
      timers: this.timers,
      minutes: () => this.opened?.store.state.settings.autoLockMinutes ?? 0,
      limitMs: deps.idleLockMs,
      onIdle: () => void this.lock('idle').catch((error) => deps.onError?.(error)),
    })
  }

  /**
   * A session over services a caller opened itself (tests, tools): open from the start, with no
   * idle timer; a lock closes them as any lock does.
   */
  static over(services: AppServices): VaultSession {
    const session = new VaultSession({
      vaultDir: services.vaultDir,
      clock: services.clock,
      keychain: services.keychain,
      keychainStatus: () =>
        Promise.resolve({ available: true, label: services.keychain.label, reason: null }),
      notifier: services.notifier ?? silentNotifier,
    })
    session.opened = services
    session.header = readHeader(services.vaultDir)
    session.phase = 'open'
    return session
  }

  get currentPhase(): Phase {
    return this.phase
  }

  get vaultDir(): string {
    return this.dir
  }

  /** Why a channel other than vault:* is refused now; null while the vault is open. */
  refusal(): SafeholdError | null {
    if (this.phase === 'open' && this.opened !== null) return null
    return this.phase === 'no-vault'
      ? noVaultError()
      : new SafeholdError('VAULT_LOCKED', LOCKED_MESSAGE)
  }

  /** The open vault's services; VAULT_LOCKED or NO_VAULT otherwise. Resolved per call. */
  services(): AppServices {
    const refusal = this.refusal()
    if (refusal !== null) throw refusal
    return this.opened!
  }

  /** Called after every change of phase (the tray and the menu follow it). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(): void {
    for (const listener of this.listeners) listener()
  }

  /**
   * At start: a folder without a vault is the welcome screen (unless `createIfMissing`, the
   * harness's default); a vault with a passphrase and none given starts locked; any other opens,
   * and a failure to open is the caller's to report.
   */
  async start(options: { passphrase: string | null; createIfMissing?: boolean }): Promise<void> {
    await this.queue.run(async () => {
      const header = inspectVault(this.dir)
      if (header === null) {
        if (options.createIfMissing === true) {
          await this.enter(this.dir, { passphrase: options.passphrase, createIfMissing: true })
        }
        return
      }
      this.header = header
      if (header.keyProtection.passphrase !== null && options.passphrase === null) {
        this.phase = 'locked'
        this.changed()
        return
      }
      await this.enter(this.dir, { passphrase: options.passphrase })
    })
  }

  async state(): Promise<SessionState> {
    const keychain = await this.deps.keychainStatus()
    return {
      phase: this.phase,
      vaultDir: this.dir,
      protection: this.protection(),
      hasPassphrase: this.header?.keyProtection.passphrase != null,
      unlockWith: this.phase === 'locked' ? this.unlockWith() : null,
      keychain,
      retryAfterMs: this.throttle.retryAfterMs(),
      lockedBy: this.phase === 'locked' ? this.lockedBy : null,
    }
  }

  /** What protects the key of the vault in the folder, as the header says now; null with none. */
  protection(): string | null {
    return this.header === null ? null : describeProtection(this.header, this.deps.keychain)
  }

  /** How the locked vault is unlocked: its passphrase, else OS verification, else the keychain. */
  unlockWith(): UnlockWith {
    if (this.header?.keyProtection.passphrase) return 'passphrase'
    return this.deps.osVerification?.available() === true ? 'os-verification' : 'keychain'
  }

  /** The user is at the window: the idle timer starts again. */
  touch(): { locksInMs: number | null } {
    if (this.phase !== 'open') return { locksInMs: null }
    this.idle.touch()
    return { locksInMs: this.idle.locksInMs() }
  }

  /** Reminders look again now (resume, unlock-screen), open or locked. */
  poke(): void {
    this.opened?.lifecycle.poke()
    this.locked?.lifecycle.poke()
  }

  /** Locks an open vault, in the queue after the calls already waiting; else changes nothing. */
  lock(reason: LockReason): Promise<SessionState> {
    return this.queue.run(async () => {
      await this.leave(reason)
      return this.state()
    })
  }

  /**
   * Opens the vault in `dir` (or creates it, per `options`) and makes it the session's: reminders
   * shown while it was locked go into its ledger first, then its lifecycle and the idle timer
   * start. On failure nothing of the session changes.
   */
  async enter(dir: string, options: EntryOptions, { remember = false } = {}): Promise<void> {
    const locked = this.locked
    const same = locked !== null && dir === this.dir && this.header?.vaultId === locked.vaultId
    const held = same ? locked.lifecycle.held() : []
    const services = await openAppServices({
      ...this.deps.services,
      ...options,
      vaultDir: dir,
      keychain: this.deps.keychain,
      clock: this.deps.clock,
      notifier: this.deps.notifier,
      remindersShown: held.map((record) => record.id),
      pickScanFolder: () => this.deps.folderPicker?.pick('scan') ?? Promise.resolve(null),
      // Read at each profile view: a passphrase added in Settings shows in the sidebar at once.
      protection: () => this.protection() ?? '',
      ...(this.deps.timers === undefined ? {} : { timers: this.deps.timers }),
    })
    let header: VaultHeader
    try {
      header = readHeader(services.vaultDir)
    } catch (error) {
      services.lifecycle.stop()
      services.store.close()
      throw error
    }
    locked?.lifecycle.stop()
    this.locked = null
    this.opened = services
    this.dir = services.vaultDir
    this.header = header
    this.phase = 'open'
    this.lockedBy = null
    try {
      await recordHeld(services.store, held)
    } catch (error) {
      // Not lost: the engine finds them due and records them (without showing them again).
      this.deps.onError?.(error)
    }
    if (remember || this.rememberPending) this.rememberFolder()
    services.lifecycle.start()
    this.unsubscribeStore = services.store.onChange(() => this.idle.reschedule())
    this.idle.start()
    this.changed()
  }

  private rememberFolder(): void {
    this.rememberPending = false
    try {
      this.deps.remember?.(this.dir)
    } catch (error) {
      this.deps.onError?.(error)
    }
  }

  /** Switches to a passphrase vault picked by the user, locked until its passphrase opens it. */
  switchLocked(dir: string, header: VaultHeader): void {
    this.locked?.lifecycle.stop()
    this.locked = null
    this.dir = dir
    this.header = header
    this.lockedBy = null
    this.rememberPending = true
    this.phase = 'locked'
    this.changed()
  }

  /** Run in the queue: drops the open vault's key and values, keeping metadata for reminders. */
  private async leave(reason: LockReason): Promise<void> {
    const services = this.opened
    if (this.phase !== 'open' || services === null) return
    // Refused from here on, even by calls that checked the phase before this lock was queued.
    this.phase = 'locked'
    this.lockedBy = reason
    this.idle.stop()
    this.unsubscribeStore?.()
    this.unsubscribeStore = null
    const vaultId = services.store.vaultId
    try {
      const copy = await closeForLock(services, this.timers)
      const lifecycle = createLockedLifecycle({
        state: copy,
        clock: this.deps.clock,
        notifier: this.deps.notifier,
        timers: this.timers,
        ...(this.deps.onError === undefined ? {} : { onError: this.deps.onError }),
      })
      this.locked = { lifecycle, vaultId }
      lifecycle.start()
    } finally {
      this.opened = null
      this.changed()
    }
  }

  /** Begins one unlock; a second at the same time is refused (VAULT_BUSY). */
  beginUnlock(): () => void {
    if (this.unlocking) {
      throw new SafeholdError('VAULT_BUSY', 'Safehold is already unlocking; wait for it to finish.')
    }
    this.unlocking = true
    return () => {
      this.unlocking = false
    }
  }

  /**
   * The header of the vault in the session's folder, read again: it may have changed, or the vault
   * may be gone, and then the welcome screen is what is left.
   */
  reinspect(): VaultHeader {
    const header = inspectVault(this.dir)
    if (header === null) {
      this.locked?.lifecycle.stop()
      this.locked = null
      this.header = null
      this.phase = 'no-vault'
      this.changed()
      throw noVaultError()
    }
    this.header = header
    return header
  }

  /** The header changed while open (a passphrase was added). */
  setHeader(header: VaultHeader): void {
    this.header = header
    this.changed()
  }

  /** On quit: reminders stop, and a copied value still on the clipboard is cleared. */
  async close(): Promise<void> {
    this.idle.stop()
    this.locked?.lifecycle.stop()
    const services = this.opened
    if (services === null) return
    services.lifecycle.stop()
    await services.close().cleared
  }
}
