/**
 * Threat: a vault file damaged by a disk fault or changed by someone else. Safehold refuses it as
 * VAULT_TAMPERED and its message says what to do; that advice must then work on the damaged
 * vault: `safehold backups` and `safehold restore` read nothing of the live files (they used to
 * open the live vault first and fail with the same error), and the restored vault opens.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SecretSummary } from '../../src/shared/secret-view'
import { ensureBuilt, expectCliError, expectSuccess, fileDigests } from '../support/cli'
import { cliVault } from '../support/cli-vault'
import { removeTempDirs } from '../support/vault-fixtures'

beforeAll(ensureBuilt)
afterAll(removeTempDirs)

function flipLastByte(path: string): void {
  const bytes = readFileSync(path)
  const last = bytes.length - 1
  bytes.writeUInt8(bytes.readUInt8(last) ^ 0x01, last)
  writeFileSync(path, bytes)
}

describe('a vault whose journal was damaged', () => {
  it('is refused with advice that then works: backups lists, restore brings a backup back', () => {
    const v = cliVault('tamper-recovery')
    v.registerApiKey('kept-in-backup', 'value-in-the-backup')
    v.registerApiKey('doomed', 'value-deleted-to-compact')
    // A deletion compacts: the generation it ends becomes a backup.
    expectSuccess(v.cli(['delete', 'doomed', '--now', '--confirm', 'DELETE']))
    v.registerApiKey('after-backup', 'value-only-in-the-journal')
    flipLastByte(join(v.vault, 'vault.journal'))

    const damaged = fileDigests(v.vault)
    const message = expectCliError(v.cli(['list']), 'VAULT_TAMPERED')
    expect(message).toContain('"safehold backups"')
    expect(message).toContain('"safehold restore ID --confirm RESTORE"')
    expect(fileDigests(v.vault)).toEqual(damaged)

    const backups = v.json<{ id: string; createdAt: string; generation: string }[]>(['backups'])
    expect(backups).toHaveLength(1)
    expect(fileDigests(v.vault)).toEqual(damaged)
    const restore = v.cli(['restore', backups[0]!.id, '--confirm', 'RESTORE'])
    expectSuccess(restore)
    expect(restore.stdout).toContain('restored')

    const names = v.json<SecretSummary[]>(['list']).map((s) => s.name)
    expect(names).toEqual(['kept-in-backup'])
    // The damaged files were kept as a backup of their own, so the restore can be undone.
    expect(v.json<unknown[]>(['backups'])).toHaveLength(2)
  })

  it('refuses a restore from a damaged backup and leaves the vault as it was', () => {
    const v = cliVault('tamper-backup')
    v.registerApiKey('doomed', 'value-deleted-to-compact')
    expectSuccess(v.cli(['delete', 'doomed', '--now', '--confirm', 'DELETE']))
    const [backup] = v.json<{ id: string }[]>(['backups'])
    flipLastByte(join(v.vault, 'backups', backup!.id, 'vault.snapshot'))
    const before = fileDigests(v.vault)
    expectCliError(
      v.cli(['restore', backup!.id, '--confirm', 'RESTORE']),
      'VAULT_TAMPERED',
      /backup/,
    )
    expect(fileDigests(v.vault)).toEqual(before)
    expectSuccess(v.cli(['list']))
  })
})
