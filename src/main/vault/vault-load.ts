/**
 * Reading a generation from disk: its snapshot, then the records of its journal replayed in
 * order. The one replay of the journal, used by the live vault, by another process's changes
 * picked up later, and by backups. Callers hold the vault lock.
 */
import { closeSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { applyOps, dropsCiphertext, type VaultOp, type VaultState } from './vault-state'
import { tampered, type VaultKeys } from './vault-crypto'
import { openVaultFile } from './durable-files'
import {
  decodeSnapshot,
  earliestDeletion,
  readSnapshotForNames,
  SNAPSHOT_FILE,
} from './snapshot-file'
import {
  closeJournal,
  COMMIT_BLOCK_BYTES,
  createJournal,
  JOURNAL_FILE,
  openJournal,
  readCommit,
  readRecords,
  type JournalCommit,
} from './journal-file'
import { vaultFileError } from './vault-safety'

export interface Loaded {
  state: VaultState
  generation: bigint
  commit: JournalCommit
  /** The journal drops a secret or a previous value whose ciphertext the snapshot still holds. */
  removes: boolean
}

/**
 * Applies the journal's records after `from` (a position already applied) up to its commit.
 * Returns whether any of them dropped ciphertext (a secret removed, a previous value purged).
 */
export function replayJournal(
  fd: number,
  keys: VaultKeys,
  state: VaultState,
  commit: JournalCommit,
  from: { offset: number; count: number } = { offset: COMMIT_BLOCK_BYTES, count: 0 },
): boolean {
  let removes = false
  for (const record of readRecords(fd, keys, commit, from)) {
    const ops = JSON.parse(record.toString('utf8')) as VaultOp[]
    applyOps(state, ops)
    removes ||= ops.some(dropsCiphertext)
  }
  return removes
}

/**
 * For a state read for one name: a lower bound of the earliest deletion due of any secret in the
 * vault, the ones not read included (null: the vault holds none). Absent for a whole state.
 */
const deletionBounds = new WeakMap<VaultState, number | null>()

export function deletionBound(state: VaultState): number | null | undefined {
  return deletionBounds.get(state)
}

function min(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b)
}

/** The names a partial read keeps (any scope, any case); null reads the whole vault. */
export type NameFilter = readonly string[] | null

/** Drops every secret not named in `names` (any scope), for a state read to hand out values. */
export function narrowTo(state: VaultState, names: readonly string[]): void {
  const wanted = new Set(names.map((name) => name.toLowerCase()))
  for (const [id, secret] of Object.entries(state.secrets)) {
    if (!wanted.has(secret.name.toLowerCase())) delete state.secrets[id]
  }
}

export function readSnapshotFile(
  path: string,
  keys: VaultKeys,
  names: NameFilter,
  what = 'snapshot',
): ReturnType<typeof decodeSnapshot> {
  let fd: number
  try {
    fd = openVaultFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw tampered(`${what} (missing)`)
    throw vaultFileError(error, basename(path))
  }
  try {
    // A few names need only the index and their chunks: positioned reads spare reading the whole file.
    return names === null
      ? decodeSnapshot(readFileSync(fd), keys, what)
      : readSnapshotForNames(fd, keys, names)
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads snapshot and journal of the live vault in `dir`; `names` narrows it. `forWrite` is false
 * for a reader, which must work on a full disk: then a journal that a crash left unstarted stays
 * so, and the next writer starts it.
 */
export function loadFromDisk(
  dir: string,
  keys: VaultKeys,
  names: NameFilter,
  forWrite = true,
): Loaded {
  const snapshot = readSnapshotFile(join(dir, SNAPSHOT_FILE), keys, names)
  const { generation, state, folded } = snapshot
  // The journal's secrets are all in the state before narrowing: they lower the snapshot's bound.
  const narrow = (): void => {
    if (names === null) return
    deletionBounds.set(
      state,
      min(snapshot.nextDeletionAt, earliestDeletion(Object.values(state.secrets))),
    )
    narrowTo(state, names)
  }
  const journalPath = join(dir, JOURNAL_FILE)
  const fd = openJournal(journalPath)
  let commit: JournalCommit
  try {
    commit = readCommit(fd, keys)
    if (commit.generation > generation) throw tampered('journal')
    if (commit.generation === generation) {
      const removes = replayJournal(fd, keys, state, commit)
      narrow()
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
  try {
    commit = createJournal(journalPath, keys, generation)
  } catch (error) {
    if (forWrite) throw error
    commit = { generation, length: COMMIT_BLOCK_BYTES, count: 0 }
  }
  narrow()
  return { state, generation, commit, removes: false }
}
