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
  /** The vault's mark, or null when this machine has none (or only a damaged one). */
  read(vaultId: string, macKey: Buffer): VaultPosition | null
  /** Best effort: a mark that cannot be written weakens detection but fails no change. */
  write(vaultId: string, macKey: Buffer, position: VaultPosition): void
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
  return {
    read(vaultId, macKey) {
      let parsed: unknown
      try {
        parsed = JSON.parse(readFileSync(pathOf(vaultId), 'utf8'))
      } catch {
        return null
      }
      const mark = parsed as { generation?: unknown; count?: unknown; mac?: unknown }
      if (
        typeof mark.generation !== 'string' ||
        !/^\d{1,20}$/.test(mark.generation) ||
        typeof mark.count !== 'number' ||
        !Number.isSafeInteger(mark.count) ||
        mark.count < 0
      )
        return null
      const position = { generation: BigInt(mark.generation), count: mark.count }
      return mark.mac === markMac(macKey, vaultId, position) ? position : null
    },
    write(vaultId, macKey, position) {
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
