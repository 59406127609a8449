/**
 * Compaction and rotating backups. Compaction folds the journal into a new snapshot generation;
 * the files it replaces are kept, by hard link, as a backup a user can restore on purpose.
 * Backups older than BACKUP_MAX_AGE_DAYS are removed, so a deleted secret's ciphertext leaves every
 * file of the vault within 30 days of its deletion.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { SafeholdError } from '../../shared/errors'
import type { VaultState } from './vault-state'
import type { VaultKeys } from './vault-crypto'
import { DIR_MODE, fsyncDir, removeInterruptedWrites, writeFileDurably } from './durable-files'
import { SNAPSHOT_FILE, writeSnapshot } from './snapshot-file'
import {
  closeJournal,
  createJournal,
  JOURNAL_FILE,
  openJournal,
  readCommit,
  type JournalCommit,
} from './journal-file'
import { readSnapshotFile, replayJournal } from './vault-load'

export const BACKUP_DIR = 'backups'
const BACKUP_MAX_COUNT = 10
const BACKUP_MAX_AGE_DAYS = 29
const DAY_MS = 86_400_000

export interface BackupInfo {
  id: string
  createdAt: string
  generation: string
}

/** Writes `state` as generation `next`; the files of `previous` become a backup. */
export function compactInto(
  dir: string,
  keys: VaultKeys,
  previous: bigint,
  next: bigint,
  state: VaultState,
  folded: JournalCommit | null,
): JournalCommit {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  // A compaction that a crash interrupted may have left a backup of this generation already.
  for (const stale of listBackups(dir).filter((b) => b.generation === String(previous))) {
    rmSync(join(dir, BACKUP_DIR, stale.id), { recursive: true, force: true })
  }
  const backup = join(dir, BACKUP_DIR, `${stamp}-g${previous}`)
  mkdirSync(backup, { recursive: true, mode: DIR_MODE })
  // The snapshot is only ever replaced by rename, so a hard link keeps this generation's bytes.
  // The journal is appended to in place until the rename below, so it is copied.
  // A restore over a damaged vault may find either file missing: keep what there is.
  if (existsSync(join(dir, SNAPSHOT_FILE))) {
    try {
      linkSync(join(dir, SNAPSHOT_FILE), join(backup, SNAPSHOT_FILE))
    } catch {
      writeFileDurably(join(backup, SNAPSHOT_FILE), readFileSync(join(dir, SNAPSHOT_FILE)))
    }
  }
  if (existsSync(join(dir, JOURNAL_FILE)))
    writeFileDurably(join(backup, JOURNAL_FILE), readFileSync(join(dir, JOURNAL_FILE)))
  fsyncDir(backup)
  fsyncDir(join(dir, BACKUP_DIR))
  // Before the new snapshot, whose write fsyncs the folder: a deletion's compaction also purges
  // what crashed writes left.
  removeInterruptedWrites(dir, [SNAPSHOT_FILE, JOURNAL_FILE])
  writeSnapshot(join(dir, SNAPSHOT_FILE), keys, next, { state, folded })
  return createJournal(join(dir, JOURNAL_FILE), keys, next)
}

export function listBackups(dir: string): BackupInfo[] {
  const root = join(dir, BACKUP_DIR)
  if (!existsSync(root)) return []
  return readdirSync(root)
    .map((id) => ({ id, match: /^(\d{8}T\d{6}Z)-g(\d+)$/.exec(id) }))
    .filter((entry): entry is { id: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ id, match }) => ({
      id,
      createdAt: `${match[1]!.slice(0, 4)}-${match[1]!.slice(4, 6)}-${match[1]!.slice(6, 11)}:${match[1]!.slice(11, 13)}:${match[1]!.slice(13, 15)}Z`,
      generation: match[2]!,
    }))
    .sort(newestFirst)
}

/** By time taken, then by generation as a number: within one second "-g10" is newer than "-g9". */
function newestFirst(a: BackupInfo, b: BackupInfo): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1
  const ga = BigInt(a.generation)
  const gb = BigInt(b.generation)
  return ga === gb ? 0 : ga < gb ? 1 : -1
}

export function pruneBackups(dir: string, now: Date): void {
  const backups = listBackups(dir)
  backups.forEach((backup, index) => {
    const ageMs = now.getTime() - Date.parse(backup.createdAt)
    if (index >= BACKUP_MAX_COUNT || ageMs > BACKUP_MAX_AGE_DAYS * DAY_MS) {
      rmSync(join(dir, BACKUP_DIR, backup.id), { recursive: true, force: true })
    }
  })
}

/** Reads a backup whole, with the same integrity checks as the live vault. */
export function readBackup(dir: string, keys: VaultKeys, id: string): VaultState {
  const backup = listBackups(dir).find((b) => b.id === id)
  if (!backup) {
    const known = listBackups(dir).map((b) => b.id)
    throw new SafeholdError(
      'NOT_FOUND',
      `There is no backup by that name. ${known.length ? `Backups: ${known.join(', ')}.` : 'This vault has no backups yet.'}`,
    )
  }
  const folder = join(dir, BACKUP_DIR, backup.id)
  const what = `backup ${backup.id}`
  const { generation, state } = readSnapshotFile(join(folder, SNAPSHOT_FILE), keys, null, what)
  const fd = openJournal(join(folder, JOURNAL_FILE))
  try {
    const commit = readCommit(fd, keys)
    if (commit.generation === generation) replayJournal(fd, keys, state, commit)
  } finally {
    closeJournal(fd)
  }
  return state
}
