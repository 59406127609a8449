/**
 * Durable file operations: a write is acknowledged only once it is on disk. Files are created
 * 0600 inside a 0700 folder. write-file-atomic does not fsync the folder after its rename, which
 * is what makes the rename itself survive a power loss, so this is written here.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
  chmodSync,
} from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { errnoOf, fromFsError, SafeholdError } from '../../shared/errors'
import { printable } from '../../shared/name-text'

export const FILE_MODE = 0o600
export const DIR_MODE = 0o700
/** Added to the flags of every open of a vault file: never through a symbolic link. */
export const NO_FOLLOW = constants.O_NOFOLLOW ?? 0
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW

const NON_BLOCKING = constants.O_NONBLOCK ?? 0

/** VAULT_UNSAFE for a vault file that is not what it must be, named as the user sees it. */
export function unsafe(name: string, why: string): SafeholdError {
  return new SafeholdError(
    'VAULT_UNSAFE',
    `The vault file "${printable(name)}" ${why}, so Safehold did not open the vault. Move it out of the vault folder and put the real file back.`,
  )
}

/** Turns ELOOP from an O_NOFOLLOW open into VAULT_UNSAFE naming the file; else a typed error. */
export function vaultFileError(error: unknown, name: string): SafeholdError {
  if (errnoOf(error) === 'ELOOP') return unsafe(name, 'is a symbolic link')
  return fromFsError(error, `the vault file "${printable(name)}"`)
}

/**
 * Opens a vault file for reading (or read-write): never through a symbolic link (ELOOP), never
 * waiting on a FIFO or device put in its place (O_NONBLOCK, then it must be a regular file).
 */
export function openVaultFile(path: string, write = false): number {
  const fd = openSync(
    path,
    (write ? constants.O_RDWR : constants.O_RDONLY) | NO_FOLLOW | NON_BLOCKING,
  )
  if (!fstatSync(fd).isFile()) {
    closeSync(fd)
    throw unsafe(basename(path), 'is not a regular file')
  }
  return fd
}

/**
 * Creates `dir` and any missing parents, one level at a time: Node's recursive mkdir retries
 * forever where a parent refuses new entries with ENOENT (inside /proc, say).
 */
export function ensurePrivateDir(dir: string): void {
  const missing: string[] = []
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    if (dirname(at) === at) break
    missing.unshift(at)
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, { mode: DIR_MODE })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  chmodSync(dir, DIR_MODE)
}

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Write to a temporary sibling, fsync it, rename over the target, fsync the folder. A failure
 * (a full disk) leaves the target as it was and no temporary behind.
 */
export function writeFileDurably(path: string, data: Buffer | string): void {
  const temp = `${path}.tmp-${process.pid}`
  // A temporary of ours that a crash left behind would make the exclusive create fail.
  rmSync(temp, { force: true })
  const fd = openSync(temp, CREATE_NEW, FILE_MODE)
  try {
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
      let offset = 0
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
  fsyncDir(dirname(path))
}

/**
 * Removes the temporaries that writes of `names` left behind when a crash interrupted them: they
 * hold sealed vault content that nothing else would ever delete. Call only under the lock that
 * guards writes of those files, so that none is in flight.
 */
export function removeInterruptedWrites(dir: string, names: readonly string[]): void {
  for (const entry of readdirSync(dir)) {
    const target = entry.replace(/\.tmp-\d+$/, '')
    if (target !== entry && names.includes(target)) rmSync(join(dir, entry), { force: true })
  }
}
