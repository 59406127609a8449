/**
 * Compaction and rotating backups. Compaction folds the journal into a new snapshot generation;
 * the files it replaces are kept, by hard link, as a backup a user can restore on purpose.
 * Backups older than BACKUP_MAX_AGE_DAYS are removed, so a deleted secret's ciphertext leaves every
 * file of the vault within 30 days of its deletion.
 */
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { join } from 'node:path'
import { fromFsError, SafeholdError } from '../../shared/errors'
import type { VaultState } from './vault-state'
import type { VaultKeys } from './vault-crypto'
import {
  DIR_MODE,
  fsyncDir,
  removeInterruptedWrites,
  unsafe,
  writeFileDurably,
} from './durable-files'
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
/** The end of a backup folder's name while it is being made. */
const PARTIAL = '.partial'

export interface BackupInfo {
  id: string
  createdAt: string
  generation: string
}

/**
 * Writes `state` as generation `next`; the files of `previous` become a backup stamped `now`
 * (the caller's clock: pruneBackups ages it against the same one). `fromLive` is
 * false for a restore: the files it replaces may be an older copy put back, and a genuine backup
 * of the same generation must then not be taken for a compaction's leftover and removed.
 */
export function compactInto(
  dir: string,
  keys: VaultKeys,
  previous: bigint,
  next: bigint,
  state: VaultState,
  folded: JournalCommit | null,
  now: Date,
  fromLive = true,
): JournalCommit {
  const backups = join(dir, BACKUP_DIR)
  makePrivateFolder(backups, BACKUP_DIR)
  // A compaction that a crash interrupted may have left a backup of this generation already, or
  // one half built (which may hold a deleted secret's ciphertext, and would never be pruned).
  if (fromLive) {
    for (const stale of listBackups(dir).filter((b) => b.generation === String(previous))) {
      rmSync(join(backups, stale.id), { recursive: true, force: true })
    }
  }
  for (const half of readdirSync(backups).filter((name) => name.endsWith(PARTIAL))) {
    rmSync(join(backups, half), { recursive: true, force: true })
  }
  // Built under a name listBackups ignores and renamed into place whole: a backup that is
  // listed can be restored, wherever a crash stopped its making.
  const name = freeBackupName(backups, now, previous)
  const building = join(backups, `${name}${PARTIAL}`)
  makePrivateFolder(building, `${BACKUP_DIR}/${name}${PARTIAL}`)
  // The snapshot is only ever replaced by rename, so a hard link keeps this generation's bytes.
  // The journal is appended to in place until the rename below, so it is copied.
  // A restore over a damaged vault may find either file missing: keep what there is.
  if (existsSync(join(dir, SNAPSHOT_FILE))) {
    try {
      linkSync(join(dir, SNAPSHOT_FILE), join(building, SNAPSHOT_FILE))
    } catch {
      writeFileDurably(join(building, SNAPSHOT_FILE), readFileSync(join(dir, SNAPSHOT_FILE)))
    }
  }
  if (existsSync(join(dir, JOURNAL_FILE)))
    writeFileDurably(join(building, JOURNAL_FILE), readFileSync(join(dir, JOURNAL_FILE)))
  fsyncDir(building)
  renameSync(building, join(backups, name))
  fsyncDir(backups)
  // Before the new snapshot, whose write fsyncs the folder: a deletion's compaction also purges
  // what crashed writes left.
  removeInterruptedWrites(dir, [SNAPSHOT_FILE, JOURNAL_FILE])
  writeSnapshot(join(dir, SNAPSHOT_FILE), keys, next, { state, folded })
  return createJournal(join(dir, JOURNAL_FILE), keys, next)
}

function backupStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
}

/**
 * `<time>-g<generation>`, for a backup made at `now`. A restore within the second of a genuine
 * backup of the same generation (the files it replaces may be an older copy put back) must not
 * take that backup's name and replace it: its time moves on to the next free second, which also
 * sorts it as the newer of the two.
 */
function freeBackupName(backups: string, now: Date, generation: bigint): string {
  for (let second = 0; ; second++) {
    const name = `${backupStamp(new Date(now.getTime() + second * 1000))}-g${generation}`
    if (lstatSync(join(backups, name), { throwIfNoEntry: false }) === undefined) return name
  }
}

/** One level, never through a link: a `backups` link planted in the folder is not written into. */
function makePrivateFolder(path: string, name: string): void {
  try {
    mkdirSync(path, { mode: DIR_MODE })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  if (!lstatSync(path).isDirectory()) throw unsafe(name, 'is not a folder')
}

export function listBackups(dir: string): BackupInfo[] {
  const root = join(dir, BACKUP_DIR)
  if (!existsSync(root)) return []
  let names: string[]
  try {
    names = readdirSync(root)
  } catch (error) {
    throw fromFsError(error, 'the backups folder of the vault')
  }
  // Generations are counted from 1; a name claiming more than 15 digits was not written here.
  return names
    .map((id) => ({ id, match: /^(\d{8}T\d{6}Z)-g([1-9]\d{0,14})$/.exec(id) }))
    .filter((entry): entry is { id: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ id, match }) => ({
      id,
      createdAt: `${match[1]!.slice(0, 4)}-${match[1]!.slice(4, 6)}-${match[1]!.slice(6, 11)}:${match[1]!.slice(11, 13)}:${match[1]!.slice(13, 15)}Z`,
      generation: match[2]!,
    }))
    .sort(newestFirst)
}

/**
 * By generation, the vault's own order of events (a restore always writes a newer one), then by
 * time taken: a clock set wrong, or a renamed folder, cannot make an old backup look newest.
 */
function newestFirst(a: BackupInfo, b: BackupInfo): number {
  const ga = Number(a.generation)
  const gb = Number(b.generation)
  if (ga !== gb) return gb - ga
  return a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? 1 : -1
}

/**
 * Keeps the newest BACKUP_MAX_COUNT backups younger than BACKUP_MAX_AGE_DAYS. One stamped more
 * than a day ahead of the clock would otherwise never age: it goes too, so a deleted secret's
 * ciphertext still leaves every file within 30 days.
 */
/** The backups past their retention at `now`: beyond the newest BACKUP_MAX_COUNT, or too old. */
export function expiredBackups(dir: string, now: Date): BackupInfo[] {
  return listBackups(dir).filter((backup, index) => {
    const ageMs = now.getTime() - Date.parse(backup.createdAt)
    const tooOld = ageMs > BACKUP_MAX_AGE_DAYS * DAY_MS || ageMs < -DAY_MS
    return index >= BACKUP_MAX_COUNT || tooOld
  })
}

export function pruneBackups(dir: string, now: Date): void {
  for (const backup of expiredBackups(dir, now)) {
    rmSync(join(dir, BACKUP_DIR, backup.id), { recursive: true, force: true })
  }
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
