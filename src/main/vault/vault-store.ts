/**
 * The vault on disk: a sealed snapshot plus an append-only sealed journal, under a cross-process
 * lock. Values never leave this module unencrypted except through `state`, which lives only in
 * the main process or the CLI. A change is applied in memory only after it is durable.
 */
import { closeSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { applyOps, type VaultOp, type VaultState } from './vault-state'
import { tampered, vaultKeys, type VaultKeys } from './vault-crypto'
import { ensurePrivateDir, fsyncDir } from './durable-files'
import { acquireLock } from './vault-lock'
import { decodeSnapshot, readSnapshotForName, SNAPSHOT_FILE, writeSnapshot } from './snapshot-file'
import {
  appendRecords,
  closeJournal,
  COMMIT_BLOCK_BYTES,
  createJournal,
  JOURNAL_FILE,
  openJournal,
  readCommit,
  readRecords,
  type JournalCommit,
} from './journal-file'
import {
  compactInto,
  listBackups,
  pruneBackups,
  readBackup,
  type BackupInfo,
} from './vault-backups'

/** Compact once the journal holds this many transactions or bytes. */
const COMPACT_AFTER_RECORDS = 512
const COMPACT_AFTER_BYTES = 4 * 1024 * 1024

export interface TransactionPlan<T> {
  ops: VaultOp[]
  result: T
  /** Rewrite the snapshot now, e.g. so a deleted secret's ciphertext leaves the live files. */
  compact?: boolean
}

interface Loaded {
  state: VaultState
  generation: bigint
  commit: JournalCommit
  /** The journal removes a secret whose ciphertext the snapshot still holds. */
  removes: boolean
}

export class VaultStore {
  private current: VaultState
  private generation: bigint
  private commit: JournalCommit
  private removes: boolean
  private readonly keys: VaultKeys

  private constructor(
    readonly dir: string,
    keys: VaultKeys,
    loaded: Loaded,
    /** Set when only the secrets of this name were loaded: such a state is never written whole. */
    private readonly partialName: string | null = null,
  ) {
    this.keys = keys
    this.current = loaded.state
    this.generation = loaded.generation
    this.commit = loaded.commit
    this.removes = loaded.removes
  }

  get vaultId(): string {
    return this.keys.vaultId
  }

  /** The decrypted state. Callers must treat it as read-only; change it through transact(). */
  get state(): VaultState {
    return this.current
  }

  /** Writes generation 1 of a new vault. The header is written by the caller, last. */
  static create(dir: string, vaultId: string, key: Buffer, state: VaultState): VaultStore {
    ensurePrivateDir(dir)
    const keys = vaultKeys(vaultId, key)
    writeSnapshot(join(dir, SNAPSHOT_FILE), keys, 1n, { state, folded: null })
    const commit = createJournal(join(dir, JOURNAL_FILE), keys, 1n)
    fsyncDir(dir)
    return new VaultStore(dir, keys, { state, generation: 1n, commit, removes: false })
  }

  static async open(dir: string, vaultId: string, key: Buffer): Promise<VaultStore> {
    const lock = await acquireLock(dir)
    try {
      const keys = vaultKeys(vaultId, key)
      const store = new VaultStore(dir, keys, loadFromDisk(dir, keys, null))
      // A deletion whose compaction a crash interrupted: purge its ciphertext now.
      if (store.removes) store.compactLocked()
      return store
    } finally {
      lock.release()
    }
  }

  /**
   * Opens only the secrets named `name` (in every scope), with profile and workspaces but no
   * audit log: enough to hand out a value without decrypting and parsing every secret.
   */
  static async openForName(
    dir: string,
    vaultId: string,
    key: Buffer,
    name: string,
  ): Promise<VaultStore> {
    const lock = await acquireLock(dir)
    try {
      const keys = vaultKeys(vaultId, key)
      return new VaultStore(dir, keys, loadFromDisk(dir, keys, name), name)
    } finally {
      lock.release()
    }
  }

  /** Picks up changes another process made since we last looked. */
  async refresh(): Promise<void> {
    const lock = await acquireLock(this.dir)
    try {
      this.syncFromDisk()
    } finally {
      lock.release()
    }
  }

  /**
   * Runs `plan` on the freshest state under the lock; its operations are appended durably and
   * only then applied. A plan that throws changes nothing.
   */
  async transact<T>(plan: (state: VaultState) => TransactionPlan<T>): Promise<T> {
    const lock = await acquireLock(this.dir)
    try {
      this.syncFromDisk()
      const { ops, result, compact } = plan(this.current)
      if (ops.length === 0) return result
      const fd = openJournal(join(this.dir, JOURNAL_FILE))
      try {
        this.commit = appendRecords(fd, this.keys, this.commit, [
          Buffer.from(JSON.stringify(ops), 'utf8'),
        ])
      } finally {
        closeJournal(fd)
      }
      this.apply(ops)
      if (
        compact ||
        this.removes ||
        this.commit.count >= COMPACT_AFTER_RECORDS ||
        this.commit.length >= COMPACT_AFTER_BYTES
      ) {
        this.compactLocked()
      }
      return result
    } finally {
      lock.release()
    }
  }

  async compact(): Promise<void> {
    const lock = await acquireLock(this.dir)
    try {
      this.syncFromDisk()
      this.compactLocked()
    } finally {
      lock.release()
    }
  }

  listBackups(): BackupInfo[] {
    return listBackups(this.dir)
  }

  /**
   * Makes a backup the live state again, as a new generation. The files of the state it replaces
   * become a backup themselves, so a restore can be undone the same way.
   */
  async restoreBackup(id: string): Promise<void> {
    const lock = await acquireLock(this.dir)
    try {
      this.syncFromDisk()
      const restored = readBackup(this.dir, this.keys, id)
      const actor = this.current.profile.user
      restored.audit.push({
        at: new Date().toISOString(),
        actor,
        action: 'backup-restored',
        detail: id,
      })
      this.ensureWhole()
      this.current = restored
      this.compactLocked()
    } finally {
      lock.release()
    }
  }

  private apply(ops: readonly VaultOp[]): void {
    applyOps(this.current, ops)
    if (ops.some((op) => op.op === 'secret.remove')) this.removes = true
    if (this.partialName !== null) narrowTo(this.current, this.partialName)
  }

  /** A partial state must never become a snapshot: read the whole vault first. */
  private ensureWhole(): void {
    if (this.partialName === null) return
    const loaded = loadFromDisk(this.dir, this.keys, null)
    this.current = loaded.state
    this.generation = loaded.generation
    this.commit = loaded.commit
  }

  private compactLocked(): void {
    const keepPartial = this.partialName
    this.ensureWhole()
    const next = this.generation + 1n
    this.commit = compactInto(this.dir, this.keys, this.generation, next, this.current, this.commit)
    this.generation = next
    this.removes = false
    pruneBackups(this.dir, new Date())
    // Keep serving the caller the narrow view it asked for.
    if (keepPartial !== null) narrowTo(this.current, keepPartial)
  }

  private syncFromDisk(): void {
    const fd = openJournal(join(this.dir, JOURNAL_FILE))
    try {
      const commit = readCommit(fd, this.keys)
      if (commit.generation === this.generation) {
        if (commit.length === this.commit.length && commit.count === this.commit.count) return
        if (commit.length < this.commit.length || commit.count < this.commit.count)
          throw tampered('journal')
        const records = readRecords(fd, this.keys, commit, {
          offset: this.commit.length,
          count: this.commit.count,
        })
        for (const record of records) this.apply(JSON.parse(record.toString('utf8')) as VaultOp[])
        this.commit = commit
        return
      }
    } finally {
      closeJournal(fd)
    }
    const loaded = loadFromDisk(this.dir, this.keys, this.partialName)
    this.current = loaded.state
    this.generation = loaded.generation
    this.commit = loaded.commit
    this.removes = loaded.removes
  }
}

function readSnapshotFile(
  path: string,
  keys: VaultKeys,
  name: string | null,
): ReturnType<typeof decodeSnapshot> {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    throw tampered('snapshot (missing)')
  }
  try {
    // One secret needs only the index and a chunk: positioned reads spare reading the whole file.
    return name === null
      ? decodeSnapshot(readFileSync(fd), keys)
      : readSnapshotForName(fd, keys, name)
  } finally {
    closeSync(fd)
  }
}

function narrowTo(state: VaultState, name: string): void {
  const wanted = name.toLowerCase()
  for (const [id, secret] of Object.entries(state.secrets)) {
    if (secret.name.toLowerCase() !== wanted) delete state.secrets[id]
  }
}

/** Reads snapshot and journal under the caller's lock; `name` narrows it to those secrets. */
function loadFromDisk(dir: string, keys: VaultKeys, name: string | null): Loaded {
  const { generation, state, folded } = readSnapshotFile(join(dir, SNAPSHOT_FILE), keys, name)
  const journalPath = join(dir, JOURNAL_FILE)
  const fd = openJournal(journalPath)
  let commit: JournalCommit
  try {
    commit = readCommit(fd, keys)
    if (commit.generation > generation) throw tampered('journal')
    if (commit.generation === generation) {
      const records = readRecords(fd, keys, commit, { offset: COMMIT_BLOCK_BYTES, count: 0 })
      let removes = false
      for (const record of records) {
        const ops = JSON.parse(record.toString('utf8')) as VaultOp[]
        applyOps(state, ops)
        removes ||= ops.some((op) => op.op === 'secret.remove')
      }
      if (name !== null) narrowTo(state, name)
      return { state, generation, commit, removes }
    }
    const isFoldedJournal =
      folded !== null &&
      commit.generation === folded.generation &&
      commit.length === folded.length &&
      commit.count === folded.count
    if (!isFoldedJournal) throw tampered('journal')
  } finally {
    closeJournal(fd)
  }
  // A crash during compaction left the previous generation's journal, already folded into this
  // snapshot: start this generation's journal.
  commit = createJournal(journalPath, keys, generation)
  return { state, generation, commit, removes: false }
}
