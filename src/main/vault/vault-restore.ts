/**
 * Restoring a backup on purpose. It works when the live vault is damaged, tampered with or
 * rolled back, because it reads nothing of the live files but their generation number: the
 * backup is verified on its own, written as a generation newer than anything this vault or this
 * machine has seen, and the rollback mark moves to it. The files it replaces become a backup too.
 */
import { join } from 'node:path'
import type { RollbackMarks } from './rollback-mark'
import { fileMarks, markPosition } from './rollback-mark'
import { vaultKeys } from './vault-crypto'
import { compactInto, listBackups, pruneBackups, readBackup } from './vault-backups'
import { loadFromDisk, type Loaded } from './vault-load'
import { withVaultLock } from './vault-lock'
import { peekGeneration, SNAPSHOT_FILE } from './snapshot-file'
import { checkVaultFolder } from './vault-safety'

export async function restoreBackup(
  dir: string,
  vaultId: string,
  key: Buffer,
  id: string,
  now: Date,
  marks: RollbackMarks = fileMarks(),
): Promise<void> {
  checkVaultFolder(dir)
  await withVaultLock(dir, () => {
    const keys = vaultKeys(vaultId, key)
    const restored = readBackup(dir, keys, id)
    let live: Loaded | null
    try {
      live = loadFromDisk(dir, keys, null, false)
    } catch {
      live = null
    }
    const liveGeneration = live?.generation ?? peekGeneration(join(dir, SNAPSHOT_FILE)) ?? 0n
    const seen = [
      liveGeneration,
      markPosition(marks.read(vaultId, keys.macKey))?.generation ?? 0n,
      ...listBackups(dir).map((backup) => BigInt(backup.generation)),
    ]
    // A generation no vault reaches (a planted file claiming 2^64 - 1) numbers nothing.
    const plausible = seen.filter((generation) => generation < 10n ** 15n)
    const next = plausible.reduce((a, b) => (b > a ? b : a), 0n) + 1n
    restored.audit.push({
      at: now.toISOString(),
      actor: restored.profile.user,
      action: 'backup-restored',
      detail: id,
    })
    compactInto(dir, keys, liveGeneration, next, restored, live?.commit ?? null, now, false)
    marks.write(vaultId, keys.macKey, { generation: next, count: 0 })
    pruneBackups(dir, now)
  })
}
