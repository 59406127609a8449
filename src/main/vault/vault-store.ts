/**
 * The vault on disk: a sealed snapshot plus an append-only sealed journal, under a cross-process
 * lock. Values never leave this module unencrypted except through `state`, which lives only in
 * the main process or the CLI. A change is applied in memory only after it is durable.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { applyOps, type VaultOp, type VaultState } from './vault-state'
import { deriveKey, tampered } from './vault-crypto'
import { ensurePrivateDir, fsyncDir } from './durable-files'
import { acquireLock } from './vault-lock'
import { decodeSnapshot, SNAPSHOT_FILE, writeSnapshot } from './snapshot-file'
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
  type JournalKeys,
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

export class VaultStore {
  private current: VaultState
  private generation: bigint
  private commit: JournalCommit
  private readonly keys: JournalKeys

  private constructor(
    readonly dir: string,
    vaultId: string,
    key: Buffer,
    loaded: { state: VaultState; generation: bigint; commit: JournalCommit },
  ) {
    this.keys = { vaultId, key, macKey: deriveKey(key, 'journal-mac') }
    this.current = loaded.state
    this.generation = loaded.generation
    this.commit = loaded.commit
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
    const keys = { vaultId, key, macKey: deriveKey(key, 'journal-mac') }
    writeSnapshot(join(dir, SNAPSHOT_FILE), key, vaultId, 1n, { state, folded: null })
    const commit = createJournal(join(dir, JOURNAL_FILE), keys, 1n)
    fsyncDir(dir)
    return new VaultStore(dir, vaultId, key, { state, generation: 1n, commit })
  }

  static async open(dir: string, vaultId: string, key: Buffer): Promise<VaultStore> {
    const lock = await acquireLock(dir)
    try {
      const keys = { vaultId, key, macKey: deriveKey(key, 'journal-mac') }
      return new VaultStore(dir, vaultId, key, loadFromDisk(dir, keys))
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
      applyOps(this.current, ops)
      if (
        compact ||
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
   * Makes a backup the live state again, as a new generation: the state being replaced becomes a
   * backup itself, so a restore can be undone the same way.
   */
  async restoreBackup(id: string): Promise<void> {
    const lock = await acquireLock(this.dir)
    try {
      this.syncFromDisk()
      const restored = readBackup(this.dir, this.keys, id)
      this.compactLocked()
      this.current = restored
      this.compactLocked()
    } finally {
      lock.release()
    }
  }

  private compactLocked(): void {
    const next = this.generation + 1n
    this.commit = compactInto(this.dir, this.keys, this.generation, next, this.current, this.commit)
    this.generation = next
    pruneBackups(this.dir, new Date())
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
        for (const record of records)
          applyOps(this.current, JSON.parse(record.toString('utf8')) as VaultOp[])
        this.commit = commit
        return
      }
    } finally {
      closeJournal(fd)
    }
    const loaded = loadFromDisk(this.dir, this.keys)
    this.current = loaded.state
    this.generation = loaded.generation
    this.commit = loaded.commit
  }
}

/** Reads snapshot and journal under the caller's lock. */
function loadFromDisk(
  dir: string,
  keys: JournalKeys,
): { state: VaultState; generation: bigint; commit: JournalCommit } {
  const snapshotPath = join(dir, SNAPSHOT_FILE)
  if (!existsSync(snapshotPath)) throw tampered('snapshot (missing)')
  const bytes = readFileSync(snapshotPath)
  const { generation, state, folded } = decodeSnapshot(bytes, keys.key, keys.vaultId)
  const journalPath = join(dir, JOURNAL_FILE)
  const fd = openJournal(journalPath)
  let commit: JournalCommit
  try {
    commit = readCommit(fd, keys)
    if (commit.generation > generation) throw tampered('journal')
    if (commit.generation === generation) {
      const records = readRecords(fd, keys, commit, { offset: COMMIT_BLOCK_BYTES, count: 0 })
      for (const record of records)
        applyOps(state, JSON.parse(record.toString('utf8')) as VaultOp[])
      return { state, generation, commit }
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
  return { state, generation, commit }
}
