/**
 * The vault on disk: a sealed snapshot plus an append-only sealed journal, under a cross-process
 * lock. Values never leave this module unencrypted except through `state`, which lives only in
 * the main process or the CLI. A change is applied in memory only after it is durable, and once
 * durable it is reported as done: a cleanup that fails afterwards (a compaction on a full disk)
 * is retried later and said so, never reported as a failed change. Reading needs no free space.
 */
import { join } from 'node:path'
import { fromFsError, isSafeholdError, SafeholdError } from '../../shared/errors'
import { applyOps, dropsCiphertext, type VaultOp, type VaultState } from './vault-state'
import { vaultKeys, type VaultKeys } from './vault-crypto'
import { ensurePrivateDir, fsyncDir } from './durable-files'
import { withVaultLock as withLock } from './vault-lock'
import { SNAPSHOT_FILE, writeSnapshot } from './snapshot-file'
import {
  appendRecords,
  closeJournal,
  createJournal,
  JOURNAL_FILE,
  openJournal,
} from './journal-file'
import {
  compactInto,
  expiredBackups,
  listBackups,
  pruneBackups,
  type BackupInfo,
} from './vault-backups'
import { deletionBound, loadFromDisk, narrowTo, type Loaded, type NameFilter } from './vault-load'
import { earliestDeletion } from './snapshot-file'
import { catchUp } from './vault-sync'
import {
  fileMarks,
  isBehind,
  MARK_DAMAGED,
  markPosition,
  newest,
  rolledBack,
  type RollbackMarks,
  type VaultPosition,
} from './rollback-mark'
import { checkVaultFolder } from './vault-safety'
import { restoreBackup } from './vault-restore'
import { systemClock, type Clock } from '../lifecycle/clock'

/** Compact once the journal holds this many transactions or bytes. */
const COMPACT_AFTER_RECORDS = 512
const COMPACT_AFTER_BYTES = 4 * 1024 * 1024

export interface TransactionPlan<T> {
  ops: VaultOp[]
  result: T
  /** Rewrite the snapshot now, e.g. so a deleted secret's ciphertext leaves the live files. */
  compact?: boolean
}

export interface StoreOptions {
  /** Where the rollback marks are kept; the per-user state folder by default. */
  marks?: RollbackMarks
  /** What stamps backups and ages them out; the composition root passes the services' clock. */
  clock?: Clock
}

export const LOCKED_MESSAGE = 'Safehold is locked; unlock it to continue.'

/** What a closed store holds in place of the vault: nothing. */
function lockedState(): VaultState {
  return {
    profile: { organization: '', user: '', role: 'member' },
    workspaces: [],
    secrets: {},
    fingerprintKey: '',
    audit: [],
    notifications: [],
    settings: { expiryReminderDays: [], autoLockMinutes: 0, auditRetentionDays: 0 },
  }
}

const PURGE_DEFERRED =
  'The deletion is done and the secret can no longer be used; its encrypted copy leaves the vault files the next time Safehold can rewrite them.'

export class VaultStore {
  /** The state held and the point on disk it was read up to. */
  private held: Loaded
  private readonly keys: VaultKeys
  /** Sentences for the user, each said once: permissions tightened, a purge put off. */
  private readonly pending: string[] = []

  private constructor(
    readonly dir: string,
    keys: VaultKeys,
    loaded: Loaded,
    private readonly marks: RollbackMarks,
    private readonly clock: Clock,
    /** Set when only the secrets of these names were loaded: such a state is never written whole. */
    private partialNames: NameFilter = null,
  ) {
    this.keys = keys
    this.held = loaded
  }

  get vaultId(): string {
    return this.keys.vaultId
  }

  /** The decrypted state. Callers must treat it as read-only; change it through transact(). */
  get state(): VaultState {
    this.assertOpen()
    return this.held.state
  }

  private closed = false

  /**
   * Locking: the key buffers are overwritten with zeros and the decrypted state is let go. Every
   * later call is refused as VAULT_LOCKED; the caller has stopped all work on the store first.
   */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const buffer of [this.keys.key, this.keys.macKey, this.keys.nameKey]) buffer.fill(0)
    this.held = { ...this.held, state: lockedState() }
    this.changeListeners.clear()
  }

  private assertOpen(): void {
    if (this.closed) throw new SafeholdError('VAULT_LOCKED', LOCKED_MESSAGE)
  }

  /** Hands a copy of the vault key to `wrap` (a new way to unlock it), then zeroes the copy. */
  async wrapKey<T>(wrap: (key: Buffer, vaultId: string) => Promise<T>): Promise<T> {
    this.assertOpen()
    const copy = Buffer.from(this.keys.key)
    try {
      return await wrap(copy, this.keys.vaultId)
    } finally {
      copy.fill(0)
    }
  }

  /** Notices since the last call (each once), for the caller to show. */
  takeNotices(): string[] {
    return this.pending.splice(0)
  }

  /** Adds what the caller found before opening (see openVault) to what it will be told. */
  tell(notices: readonly string[]): void {
    this.pending.unshift(...notices)
  }

  private get position(): VaultPosition {
    return { generation: this.held.generation, count: this.held.commit.count }
  }

  /** Writes generation 1 of a new vault. The header is written by the caller, last. */
  static create(
    dir: string,
    vaultId: string,
    key: Buffer,
    state: VaultState,
    options: StoreOptions = {},
  ): VaultStore {
    ensurePrivateDir(dir)
    const keys = vaultKeys(vaultId, key)
    writeSnapshot(join(dir, SNAPSHOT_FILE), keys, 1n, { state, folded: null })
    const commit = createJournal(join(dir, JOURNAL_FILE), keys, 1n)
    fsyncDir(dir)
    const loaded = { state, generation: 1n, commit, removes: false }
    const store = new VaultStore(
      dir,
      keys,
      loaded,
      options.marks ?? fileMarks(),
      options.clock ?? systemClock,
    )
    store.markSeen()
    return store
  }

  /**
   * Opens the whole vault; `names` reads only the secrets of those names (see openForNames). The
   * caller has checked the folder (checkVaultFolder), before it read even the header.
   */
  static async open(
    dir: string,
    vaultId: string,
    key: Buffer,
    options: StoreOptions = {},
    names: NameFilter = null,
  ): Promise<VaultStore> {
    const store = await withLock(
      dir,
      (held) => {
        const keys = vaultKeys(vaultId, key)
        const marks = options.marks ?? fileMarks()
        const loaded = loadFromDisk(dir, keys, names, false)
        const reading = marks.read(vaultId, keys.macKey)
        const mark = markPosition(reading)
        const found = { generation: loaded.generation, count: loaded.commit.count }
        if (mark !== null && isBehind(found, mark)) throw rolledBack(found, mark)
        const opened = new VaultStore(dir, keys, loaded, marks, options.clock ?? systemClock, names)
        if (reading === 'damaged') opened.pending.push(MARK_DAMAGED)
        opened.markSeen()
        // A deletion whose purge a crash or a full disk interrupted: purge its ciphertext now.
        if (opened.held.removes && held) opened.cleanUp(() => opened.compactLocked())
        return opened
      },
      true,
    )
    return store
  }

  /**
   * Opens only the secrets named in `names` (in every scope), with profile and workspaces but no
   * audit log: enough to hand out values without decrypting and parsing every secret.
   */
  static openForNames(
    dir: string,
    vaultId: string,
    key: Buffer,
    names: readonly string[],
    options: StoreOptions = {},
  ): Promise<VaultStore> {
    return VaultStore.open(dir, vaultId, key, options, names)
  }

  /** Picks up changes another process made since we last looked. */
  async refresh(): Promise<void> {
    this.assertOpen()
    await withLock(this.dir, () => this.syncFromDisk(false), true)
  }

  /**
   * Runs `plan` on the freshest state under the lock; its operations are appended durably and
   * only then applied. A plan that throws changes nothing.
   */
  async transact<T>(plan: (state: VaultState) => TransactionPlan<T>): Promise<T> {
    this.assertOpen()
    return withLock(this.dir, () => {
      // Locked while it waited for the lock: nothing is written with a key that is gone.
      this.assertOpen()
      // The folder may have changed since it was opened (a long-running app): nothing is written
      // through a link planted meanwhile, nor into a journal that has another name.
      this.pending.push(...checkVaultFolder(this.dir))
      this.syncFromDisk()
      const { ops, result, compact } = plan(this.held.state)
      if (ops.length === 0) return result
      const fd = openJournal(join(this.dir, JOURNAL_FILE))
      try {
        this.held.commit = appendRecords(fd, this.keys, this.held.commit, [
          Buffer.from(JSON.stringify(ops), 'utf8'),
        ])
      } finally {
        closeJournal(fd)
      }
      this.apply(ops)
      this.markSeen()
      // From here on the change is committed: what follows only tidies up.
      if (
        compact ||
        this.held.removes ||
        this.held.commit.count >= COMPACT_AFTER_RECORDS ||
        this.held.commit.length >= COMPACT_AFTER_BYTES
      ) {
        this.cleanUp(() => this.compactLocked())
      }
      return result
    })
  }

  async compact(): Promise<void> {
    this.assertOpen()
    await withLock(this.dir, () => {
      this.pending.push(...checkVaultFolder(this.dir))
      this.syncFromDisk()
      this.compactLocked()
    })
  }

  listBackups(): BackupInfo[] {
    return listBackups(this.dir)
  }

  /**
   * Makes a backup the live state again, as a new generation (see vault-restore.ts). The files of
   * the state it replaces become a backup themselves, so a restore can be undone the same way.
   */
  async restoreBackup(id: string): Promise<void> {
    this.assertOpen()
    const now = this.clock.now()
    await restoreBackup(this.dir, this.keys.vaultId, this.keys.key, id, now, this.marks)
    await this.refresh()
  }

  private apply(ops: readonly VaultOp[]): void {
    if (ops.some(dropsCiphertext)) this.held.removes = true
    applyOps(this.held.state, ops)
    if (this.partialNames !== null) narrowTo(this.held.state, this.partialNames)
    for (const listener of this.changeListeners) listener()
  }

  /** A partial state must never become a snapshot: read the whole vault first. */
  private ensureWhole(): void {
    if (this.partialNames === null) return
    this.held = { ...loadFromDisk(this.dir, this.keys, null), removes: this.held.removes }
  }

  private compactLocked(): void {
    const keepPartial = this.partialNames
    this.ensureWhole()
    const next = this.held.generation + 1n
    const now = this.clock.now()
    const { state, generation, commit } = this.held
    this.held.commit = compactInto(this.dir, this.keys, generation, next, state, commit, now)
    this.held.generation = next
    this.held.removes = false
    this.markSeen()
    pruneBackups(this.dir, now)
    // Keep serving the caller the narrow view it asked for.
    if (keepPartial !== null) narrowTo(this.held.state, keepPartial)
  }

  /**
   * Tidying after a commit (compaction, purge). Failing it loses nothing: the journal holds every
   * change, and a pending purge is retried by the next change or the next open. A tamper or
   * rollback found meanwhile is not tidying, and is reported.
   */
  private cleanUp(work: () => void): void {
    try {
      work()
    } catch (error) {
      if (isSafeholdError(error) && error.code !== 'DISK_FULL' && error.code !== 'IO_ERROR')
        throw error
      // The files may now hold the next generation's snapshot beside this one's journal: read
      // them afresh before the next change rather than trust what memory says.
      this.held.generation = 0n
      const reason = fromFsError(error, 'the vault files').message
      if (this.held.removes) this.pending.push(`${PURGE_DEFERRED} ${reason}`)
    }
  }

  /** The newest position this process or any other on this machine has seen. */
  private seen(): VaultPosition {
    return newest(this.position, markPosition(this.marks.read(this.keys.vaultId, this.keys.macKey)))
  }

  private markSeen(): void {
    if (this.held.generation === 0n) return
    this.marks.write(this.keys.vaultId, this.keys.macKey, this.position)
  }

  private syncFromDisk(forWrite = true): void {
    const seen = (): VaultPosition => this.seen()
    const how = { partialNames: this.partialNames, forWrite, seen }
    const next = catchUp(this.dir, this.keys, this.held, how)
    if (next === null) return
    this.held = next
    this.markSeen()
  }
  // ── The lifecycle's needs: whether a deletion may be due, the whole vault, backup retention,
  // and hearing of changes. Self-contained, so the rest of the store can change around them.

  private readonly changeListeners = new Set<() => void>()

  /** Called after every change this process commits; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  /** True when only the secrets of some names were loaded (see openForNames). */
  get partial(): boolean {
    return this.partialNames !== null
  }

  /**
   * False only when no secret's deletion can be due at `nowMs`. For a state read for some names,
   * from the bound the snapshot keeps and the journal lowers; without the others read.
   */
  deletionMayBeDue(nowMs: number): boolean {
    const bound =
      this.partialNames === null
        ? earliestDeletion(Object.values(this.held.state.secrets))
        : deletionBound(this.held.state)
    return bound === undefined || (bound !== null && bound <= nowMs)
  }

  /** Reads every secret, when only some names were loaded: from now on the state is whole. */
  async loadWhole(): Promise<void> {
    this.assertOpen()
    if (this.partialNames === null) return
    await withLock(
      this.dir,
      () => {
        const loaded = loadFromDisk(this.dir, this.keys, null, false)
        const found = { generation: loaded.generation, count: loaded.commit.count }
        const seen = this.seen()
        if (isBehind(found, seen)) throw rolledBack(found, seen)
        this.held = loaded
        this.partialNames = null
        this.markSeen()
      },
      true,
    )
  }

  /** Removes the backups past their retention at `now`, so a deleted secret leaves them in time. */
  async pruneBackups(now: Date): Promise<void> {
    this.assertOpen()
    // Asked on every lifecycle pass: the write lock only when there is something to remove.
    if (expiredBackups(this.dir, now).length === 0) return
    await withLock(this.dir, () => pruneBackups(this.dir, now))
  }
}
