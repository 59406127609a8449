/**
 * The high-water mark against rollback (DESIGN §4): for each vault, the newest position
 * (generation, committed journal records) any Safehold process on this machine has seen, kept
 * outside the vault folder. A vault whose files are behind its mark was put back from an older
 * copy and is refused, so a deleted secret never comes back silently.
 *
 * The mark is written after the change it records is durable and is never fsynced itself: a
 * crash can only leave it older than the vault, which is never mistaken for a rollback. It is
 * authenticated under a key derived from the vault key, so a forged mark cannot lock a vault.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SafeholdError } from '../../shared/errors'
import { hmac, RESTORE_ADVICE } from './vault-crypto'
import { FILE_MODE, DIR_MODE } from './durable-files'
import { stateFolder } from './vault-location'

export interface VaultPosition {
  generation: bigint
  /** Records committed to that generation's journal. */
  count: number
}

export interface RollbackMarks {
  /**
   * The vault's mark; null when this machine has none (it never opened this vault), 'damaged'
   * when one is there but unreadable or not genuine (a crash while writing it, or a forgery).
   */
  read(vaultId: string, macKey: Buffer): VaultPosition | null | 'damaged'
  /**
   * Raises the mark to `position`; never lowers it. Best effort: a mark that cannot be written
   * weakens detection but fails no change.
   */
  write(vaultId: string, macKey: Buffer, position: VaultPosition): void
}

export const MARK_DAMAGED =
  "This machine's record of the newest state of this vault was damaged, so Safehold could not check that the vault files were not put back from an earlier copy; the record starts again from these files."

/** The mark as a position to compare with: a damaged one compares with nothing. */
export function markPosition(mark: VaultPosition | null | 'damaged'): VaultPosition | null {
  return mark === 'damaged' ? null : mark
}

export function isBehind(position: VaultPosition, mark: VaultPosition): boolean {
  if (position.generation !== mark.generation) return position.generation < mark.generation
  return position.count < mark.count
}

export function newest(a: VaultPosition, b: VaultPosition | null): VaultPosition {
  return b !== null && isBehind(a, b) ? b : a
}

function markMac(macKey: Buffer, vaultId: string, position: VaultPosition): string {
  return hmac(macKey, `rollback-mark|${vaultId}|${position.generation}|${position.count}`).toString(
    'hex',
  )
}

/** Marks as small files in the per-user state folder, one per vault. */
export function fileMarks(folder: string = join(stateFolder(), 'rollback-marks')): RollbackMarks {
  const pathOf = (vaultId: string): string => join(folder, `${vaultId}.json`)
  const marks: RollbackMarks = {
    read(vaultId, macKey) {
      let text: string
      try {
        text = readFileSync(pathOf(vaultId), 'utf8')
      } catch {
        return null
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        return 'damaged'
      }
      const mark = parsed as { generation?: unknown; count?: unknown; mac?: unknown }
      if (
        typeof mark.generation !== 'string' ||
        !/^\d{1,20}$/.test(mark.generation) ||
        typeof mark.count !== 'number' ||
        !Number.isSafeInteger(mark.count) ||
        mark.count < 0
      )
        return 'damaged'
      const position = { generation: BigInt(mark.generation), count: mark.count }
      return mark.mac === markMac(macKey, vaultId, position) ? position : 'damaged'
    },
    write(vaultId, macKey, position) {
      const current = markPosition(marks.read(vaultId, macKey))
      if (current !== null && !isBehind(current, position)) return
      const path = pathOf(vaultId)
      const temp = `${path}.tmp-${process.pid}`
      const text = JSON.stringify({
        generation: String(position.generation),
        count: position.count,
        mac: markMac(macKey, vaultId, position),
      })
      try {
        mkdirSync(folder, { recursive: true, mode: DIR_MODE })
        writeFileSync(temp, text, { mode: FILE_MODE })
        renameSync(temp, path)
      } catch {
        rmSync(temp, { force: true })
      }
    },
  }
  return marks
}

export function rolledBack(found: VaultPosition, mark: VaultPosition): SafeholdError {
  return new SafeholdError(
    'VAULT_ROLLED_BACK',
    `This vault is older than the newest state this machine has seen (its files are at ` +
      `generation ${found.generation}, change ${found.count}; this machine saw generation ` +
      `${mark.generation}, change ${mark.count}). Its files were put back from an earlier copy, ` +
      'which would silently undo later changes, deletions among them, so it was not opened. Put ' +
      `the newest copy of the vault folder back, or return to an earlier state on purpose. ${RESTORE_ADVICE}`,
  )
}
