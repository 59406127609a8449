/**
 * Catching a store up with what other processes wrote since it last looked, never backwards: the
 * journal's new records are replayed onto the state it holds, or, after a compaction elsewhere,
 * the vault is read afresh. A position behind what this machine has seen (the rollback mark, or
 * the store's own) is refused as a rollback, never taken as the truth. Callers hold the lock.
 */
import { join } from 'node:path'
import { closeJournal, JOURNAL_FILE, openJournal, readCommit } from './journal-file'
import type { VaultKeys } from './vault-crypto'
import { loadFromDisk, narrowTo, replayJournal, type Loaded, type NameFilter } from './vault-load'
import { isBehind, rolledBack, type VaultPosition } from './rollback-mark'

export interface CatchUp {
  /** Only the secrets of these names are held (VaultStore.openForNames). */
  partialNames: NameFilter
  /** Read for a change: crashed writes are tidied away as the files are read. */
  forWrite: boolean
  /** The newest position this process or any other on this machine has seen. */
  seen(): VaultPosition
}

/**
 * What the store should hold now, or null when the files hold nothing new. The state `held`
 * carries is caught up in place when only journal records were added.
 */
export function catchUp(dir: string, keys: VaultKeys, held: Loaded, how: CatchUp): Loaded | null {
  const fd = openJournal(join(dir, JOURNAL_FILE))
  try {
    const commit = readCommit(fd, keys)
    if (commit.generation === held.generation) {
      if (commit.length === held.commit.length && commit.count === held.commit.count) return null
      // Ahead of what this process knows is not enough: another process may have seen more.
      const found = { generation: commit.generation, count: commit.count }
      const seen = how.seen()
      if (isBehind(found, seen) || commit.length < held.commit.length) {
        throw rolledBack(found, seen)
      }
      const removes = replayJournal(fd, keys, held.state, commit, {
        offset: held.commit.length,
        count: held.commit.count,
      })
      if (how.partialNames !== null) narrowTo(held.state, how.partialNames)
      return { ...held, commit, removes: held.removes || removes }
    }
  } finally {
    closeJournal(fd)
  }
  const loaded = loadFromDisk(dir, keys, how.partialNames, how.forWrite)
  const found = { generation: loaded.generation, count: loaded.commit.count }
  const seen = how.seen()
  if (isBehind(found, seen)) throw rolledBack(found, seen)
  return loaded
}
