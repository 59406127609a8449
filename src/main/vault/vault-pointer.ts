/**
 * The remembered vault folder: when the user opens a vault folder in the app, its path is kept in
 * a small file in the app-data folder, so the next start and the `safehold` command find the same
 * vault. The file is written atomically (0600) and replaced, never written through a link; it is
 * read only when it is a regular file of ours that nobody else may write, never through a link,
 * and its path must be absolute, printable and short. Anything else is refused, not guessed at.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { errnoOf, fromFsError, SafeholdError } from '../../shared/errors'
import { CONTROL_CHARACTER, printable } from '../../shared/name-text'
import { ensurePrivateDir, writeFileDurably } from './durable-files'

export const POINTER_FILE = 'vault-folder.json'
const POINTER_MAX_BYTES = 8 * 1024
const PATH_MAX_CHARACTERS = 4096

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0
const NON_BLOCKING = constants.O_NONBLOCK ?? 0

function refused(file: string, why: string): SafeholdError {
  return new SafeholdError(
    'VAULT_UNSAFE',
    `The remembered vault folder (${printable(file)}) ${why}, so Safehold did not use it. Delete that file and open the vault folder again, or name the folder with --vault (or SAFEHOLD_VAULT_DIR).`,
  )
}

/** The problem with `dir` as a vault folder to remember, or null when it is fine. */
export function pointerProblem(dir: unknown): string | null {
  if (typeof dir !== 'string' || dir === '') return 'names no folder'
  if (dir.length > PATH_MAX_CHARACTERS) return 'names a path longer than Safehold accepts'
  if (!isAbsolute(dir)) return 'names a relative path'
  if (dir.includes('\0') || CONTROL_CHARACTER.test(dir))
    return 'names a path with control characters'
  return null
}

/** The folder remembered in `appFolder`, or null when none is. */
export function readVaultPointer(appFolder: string): string | null {
  const file = join(appFolder, POINTER_FILE)
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | NO_FOLLOW | NON_BLOCKING)
  } catch (error) {
    const errno = errnoOf(error)
    if (errno === 'ENOENT' || errno === 'ENOTDIR') return null
    if (errno === 'ELOOP') throw refused(file, 'is a symbolic link')
    throw fromFsError(error, 'the remembered vault folder')
  }
  let text: string
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw refused(file, 'is not a regular file')
    const mine = typeof process.getuid !== 'function' || stats.uid === process.getuid()
    if (!mine || (stats.mode & 0o022) !== 0) throw refused(file, 'may be written by other users')
    const bytes = Buffer.alloc(POINTER_MAX_BYTES + 1)
    let filled = 0
    for (let n = 1; n > 0 && filled < bytes.length; filled += n) {
      n = readSync(fd, bytes, filled, bytes.length - filled, null)
    }
    if (filled > POINTER_MAX_BYTES) throw refused(file, 'is larger than it can be')
    text = bytes.subarray(0, filled).toString('utf8')
  } finally {
    closeSync(fd)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw refused(file, 'is not valid')
  }
  const dir =
    parsed !== null && typeof parsed === 'object' && Object.hasOwn(parsed, 'vaultDir')
      ? (parsed as { vaultDir: unknown }).vaultDir
      : undefined
  const problem = pointerProblem(dir)
  if (problem !== null) throw refused(file, problem)
  return dir as string
}

/** Remembers `vaultDir` in `appFolder` (made 0700 if missing). */
export function writeVaultPointer(appFolder: string, vaultDir: string): void {
  const problem = pointerProblem(vaultDir)
  if (problem !== null) throw new SafeholdError('INVALID_INPUT', `The vault folder ${problem}.`)
  try {
    ensurePrivateDir(appFolder)
    writeFileDurably(join(appFolder, POINTER_FILE), `${JSON.stringify({ vaultDir })}\n`)
  } catch (error) {
    throw fromFsError(error, 'the remembered vault folder')
  }
}
