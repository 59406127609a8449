/**
 * What the vault folder may hold before anything in it is read or written: regular files and
 * folders only, none of them reachable by anyone but their owner. A symbolic link inside the
 * folder would send writes (and sealed records that purge cannot reach) somewhere else, so it is
 * refused as VAULT_UNSAFE; vault files are also opened with O_NOFOLLOW (durable-files.ts), which closes the race
 * between this check and the open. Looser permissions are tightened, and said so once.
 */
import { chmodSync, lstatSync, readdirSync, statSync, type Stats } from 'node:fs'
import { join } from 'node:path'
import { SafeholdError, errnoOf, fromFsError } from '../../shared/errors'
import { printable } from '../../shared/name-text'
import { DIR_MODE, FILE_MODE, unsafe } from './durable-files'

export { unsafe, vaultFileError } from './durable-files'

/** Files that only this folder may name: another hard link would keep what purge removes. */
const SINGLE_LINK = new Set(['vault.json', 'vault.journal'])

/**
 * Checks the vault folder and everything under it (backups included). Returns what it tightened,
 * as sentences to show once; throws VAULT_UNSAFE for a link or anything but files and folders.
 * With `tighten` false it changes nothing (a folder not yet accepted as the vault is only looked at).
 */
export function checkVaultFolder(dir: string, tighten = true): string[] {
  const notices: string[] = []
  const visit = (path: string, name: string, stats: Stats): void => {
    if (stats.isSymbolicLink()) throw unsafe(name, 'is a symbolic link')
    const wanted = stats.isDirectory() ? DIR_MODE : FILE_MODE
    if (!stats.isDirectory() && !stats.isFile()) throw unsafe(name, 'is not a regular file')
    if (name === 'backups' && !stats.isDirectory()) throw unsafe(name, 'is not a folder')
    const base = name.slice(name.lastIndexOf('/') + 1)
    // A snapshot shares its bytes with its own backup for a moment during a compaction.
    const links = SINGLE_LINK.has(base) ? 1 : base === 'vault.snapshot' ? 2 : Infinity
    if (stats.isFile() && stats.nlink > links) {
      throw unsafe(name, 'has another name (a hard link) outside the vault folder')
    }
    if (tighten && (stats.mode & 0o777 & ~wanted) !== 0) {
      try {
        chmodSync(path, wanted)
      } catch (error) {
        throw fromFsError(error, `the vault file "${printable(name)}"`)
      }
      notices.push(
        `"${printable(name)}" could be read by other users of this machine (mode ${(stats.mode & 0o777).toString(8)}); Safehold made it private (${wanted.toString(8)}).`,
      )
    }
    if (stats.isDirectory() && path !== dir) {
      visitEntries(path, `${name}/`)
    }
  }
  const visitEntries = (folder: string, prefix: string): void => {
    for (const entry of list(folder, prefix)) {
      const stats = lstat(join(folder, entry), `${prefix}${entry}`)
      // Another process may have just renamed or removed it (a compaction): nothing to check.
      if (stats !== null) visit(join(folder, entry), `${prefix}${entry}`, stats)
    }
  }
  // The folder itself may be reached through a link the user made; what it holds may not.
  let top: Stats
  try {
    top = statSync(dir)
  } catch (error) {
    throw fromFsError(error, 'the vault folder')
  }
  if (!top.isDirectory()) {
    throw new SafeholdError('NOT_A_FILE', 'The vault folder is a file, not a folder.')
  }
  if ((top.mode & 0o077) !== 0) visit(dir, 'the vault folder', top)
  visitEntries(dir, '')
  return notices
}

function lstat(path: string, name: string): Stats | null {
  try {
    return lstatSync(path)
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null
    throw fromFsError(error, `the vault file "${printable(name)}"`)
  }
}

function list(path: string, prefix: string): string[] {
  try {
    return readdirSync(path)
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return []
    throw fromFsError(
      error,
      prefix === '' ? 'the vault folder' : `"${printable(prefix.slice(0, -1))}"`,
    )
  }
}
