/**
 * Which folders the session accepts, checked before anything in them is written or changed: a
 * folder picked with "Open a vault folder…" must be a real folder (not a link, not a FIFO) holding
 * a Safehold vault whose files pass the vault's safety checks, looked at without tightening a
 * single mode; a new vault goes only into a folder that is missing or empty.
 */
import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs'
import { join } from 'node:path'
import { errnoOf, fromFsError, SafeholdError } from '../../shared/errors'
import { HEADER_FILE, headerExists, readHeader, type VaultHeader } from '../vault/vault-header'
import { checkVaultFolder } from '../vault/vault-safety'

function lstatOrNull(path: string, what: string): Stats | null {
  try {
    return lstatSync(path)
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null
    throw fromFsError(error, what)
  }
}

/** The header of the vault in `dir` after the safety checks, or null when there is no vault. */
export function inspectVault(dir: string): VaultHeader | null {
  if (!headerExists(dir)) return null
  checkVaultFolder(dir)
  return readHeader(dir)
}

/** The chosen folder's vault header; refuses anything else and changes nothing either way. */
export function checkPickedFolder(dir: string): VaultHeader {
  const folder = lstatOrNull(dir, 'the chosen folder')
  if (folder === null) {
    throw new SafeholdError('NOT_FOUND', 'The chosen folder does not exist; nothing was changed.')
  }
  if (folder.isSymbolicLink()) {
    throw new SafeholdError(
      'VAULT_UNSAFE',
      'The chosen folder is a symbolic link, which Safehold does not follow; choose the folder it points to.',
    )
  }
  if (!folder.isDirectory()) {
    throw new SafeholdError('NOT_A_FILE', 'What was chosen is not a folder; nothing was changed.')
  }
  if (lstatOrNull(join(dir, HEADER_FILE), 'the chosen folder') === null) {
    throw new SafeholdError(
      'VAULT_NOT_FOUND',
      `The chosen folder holds no Safehold vault (no ${HEADER_FILE}); choose the folder that holds it. Nothing was changed.`,
    )
  }
  checkVaultFolder(dir, false)
  return readHeader(dir)
}

/**
 * A new vault's folder: missing (it is made) or an empty folder. The folder itself may be reached
 * through a link the user made, as for `--vault`; what it holds may not (checkVaultFolder).
 */
export function checkNewVaultFolder(dir: string): void {
  let folder: Stats | undefined
  try {
    folder = statSync(dir, { throwIfNoEntry: false })
  } catch (error) {
    throw fromFsError(error, 'the vault folder')
  }
  if (folder === undefined) return
  if (!folder.isDirectory()) {
    throw new SafeholdError(
      'NOT_A_FILE',
      'The vault folder is a file, not a folder; nothing was created.',
    )
  }
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch (error) {
    throw fromFsError(error, 'the vault folder')
  }
  if (entries.includes(HEADER_FILE)) {
    throw new SafeholdError(
      'VAULT_EXISTS',
      'The vault folder already holds a vault; nothing was created.',
    )
  }
  if (entries.length > 0) {
    throw new SafeholdError(
      'VAULT_EXISTS',
      'The vault folder already holds other files; a new vault goes only into an empty folder. Nothing was created.',
    )
  }
}
