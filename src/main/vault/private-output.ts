/**
 * A file of output a command was asked for (`export --out`, `inject -o`): created 0600, never
 * following a link, complete on disk before it is in place, and never put over an existing file
 * (or link) unless the user said `--force`. Its contents are the caller's; no temporary outlives a
 * failure.
 */
import {
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import { basename, dirname, join, resolve } from 'node:path'
import { errnoOf, fromFsError, SafeholdError } from '../../shared/errors'
import { fsyncDir } from './durable-files'

/** `option` is how the command names its output file: "--out" or "-o". */
export function outputExists(option: string): SafeholdError {
  return new SafeholdError(
    'CONFIRMATION_REQUIRED',
    `The output file exists already; give --force to replace it, or another ${option}.`,
    'out',
  )
}

/** Refused early, before a passphrase is asked: an existing file (or link) without `force`. */
export function checkOutput(path: string, force: boolean, option: string): void {
  if (!force && lstatSync(path, { throwIfNoEntry: false }) !== undefined) throw outputExists(option)
}

const CREATE_NEW =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0)

/**
 * Writes `data` as a new 0600 file at `path`: a private temporary beside it (O_EXCL, O_NOFOLLOW),
 * fsynced, then put in place. Without `force`, a hard link puts it there only if nothing is
 * there (a file or link that appeared meanwhile is never replaced); with `force`, a rename
 * replaces what is there, a symbolic link itself rather than what it points to. No temporary
 * outlives a failure.
 */
export function writePrivateOutput(
  path: string,
  data: Buffer | string,
  { force, what, option }: { force: boolean; what: string; option: string },
): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data
  const target = resolve(path)
  const folder = dirname(target)
  const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const fd = openSync(temporary, CREATE_NEW, 0o600)
    try {
      let offset = 0
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    if (force) renameSync(temporary, target)
    else publishNew(temporary, target, option)
    fsyncDir(folder)
  } catch (error) {
    throw errnoOf(error) === 'EEXIST' ? outputExists(option) : fromFsError(error, what)
  } finally {
    rmSync(temporary, { force: true })
  }
}

/** Links the temporary into place; where hard links are not offered, a checked rename. */
function publishNew(temporary: string, target: string, option: string): void {
  try {
    linkSync(temporary, target)
    unlinkSync(temporary)
  } catch (error) {
    const errno = errnoOf(error)
    if (errno !== 'EPERM' && errno !== 'ENOTSUP' && errno !== 'EOPNOTSUPP' && errno !== 'ENOSYS')
      throw error
    checkOutput(target, false, option)
    renameSync(temporary, target)
  }
}
