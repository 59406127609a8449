/**
 * Threat: a vault folder put back to an earlier state — older files copied over newer ones, by a
 * sync tool, a backup program or an attacker — silently undoes later changes: registrations
 * vanish, and a secret deleted with `delete --now` can be read again. Safehold keeps a mark of the
 * newest state it has seen outside the vault folder and refuses an older one as VAULT_ROLLED_BACK
 * (DESIGN §4); restoring a backup on purpose still works and moves the mark.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SecretSummary } from '../../src/shared/secret-view'
import { ensureBuilt, expectCliError, expectSuccess, fileDigests } from '../support/cli'
import { cliVault, copyFiles } from '../support/cli-vault'
import { faketimeEnv } from '../support/harness'
import { removeTempDirs } from '../support/vault-fixtures'

const DOOMED_VALUE = 'sk_live_deleted_value_5f1c0ffee0ddba11'

beforeAll(ensureBuilt)
afterAll(removeTempDirs)

function markFiles(stateDir: string): Record<string, string> {
  return fileDigests(stateDir)
}

describe('a vault put back to an earlier state', () => {
  it('is refused when an older journal is copied back, instead of dropping later registrations', () => {
    const v = cliVault('rollback-journal')
    v.registerApiKey('first-key', 'value-of-the-first-key')
    copyFiles(v.vault, join(v.scratch, 'older'), ['vault.journal'])
    v.registerApiKey('second-key', 'value-of-the-second-key')
    copyFiles(join(v.scratch, 'older'), v.vault, ['vault.journal'])

    const before = fileDigests(v.vault)
    const marks = markFiles(v.stateDir)
    const message = expectCliError(v.cli(['list']), 'VAULT_ROLLED_BACK')
    expect(message).toMatch(/older than the newest state this machine has seen/)
    expect(message).toMatch(/safehold backups/)
    expect(fileDigests(v.vault)).toEqual(before)
    expect(markFiles(v.stateDir)).toEqual(marks)
  })

  it('never hands out a deleted value again after snapshot and journal are copied back', () => {
    const v = cliVault('rollback-delete')
    v.registerApiKey('keeper', 'value-that-stays')
    v.registerApiKey('doomed', DOOMED_VALUE)
    const older = join(v.scratch, 'older')
    copyFiles(v.vault, older, ['vault.snapshot', 'vault.journal'])
    expectSuccess(v.cli(['delete', 'doomed', '--now', '--confirm', 'DELETE']))
    copyFiles(older, v.vault, ['vault.snapshot', 'vault.journal'])

    const before = fileDigests(v.vault)
    for (const args of [['get', 'doomed', '--as', 'deploy'], ['show', 'doomed'], ['list']]) {
      const result = v.cli(args)
      expect(result.stdout + result.stderr).not.toContain(DOOMED_VALUE)
      expectCliError(result, 'VAULT_ROLLED_BACK')
    }
    expect(fileDigests(v.vault)).toEqual(before)
  })

  it('can still be recovered by restoring a backup on purpose, which moves the mark', () => {
    const v = cliVault('rollback-restore')
    v.registerApiKey('keeper', 'value-that-stays')
    const older = join(v.scratch, 'older')
    copyFiles(v.vault, older, ['vault.snapshot', 'vault.journal'])
    v.registerApiKey('later', 'value-registered-later')
    // A compaction: the state with both secrets becomes a backup.
    v.registerApiKey('doomed', DOOMED_VALUE)
    expectSuccess(v.cli(['delete', 'doomed', '--now', '--confirm', 'DELETE']))
    copyFiles(older, v.vault, ['vault.snapshot', 'vault.journal'])
    expectCliError(v.cli(['list']), 'VAULT_ROLLED_BACK')

    // The advice of the message works on the rolled-back vault: list backups, restore one.
    const backups = v.json<{ id: string; generation: string }[]>(['backups'])
    expect(backups.length).toBeGreaterThan(0)
    expectSuccess(v.cli(['restore', backups[0]!.id, '--confirm', 'RESTORE']))
    const names = v.json<SecretSummary[]>(['list']).map((s) => s.name)
    expect(names).toEqual(expect.arrayContaining(['keeper', 'later']))

    // The mark moved with the restore: the files that were rolled back are older than it too.
    const restored = fileDigests(v.vault)
    copyFiles(older, v.vault, ['vault.snapshot', 'vault.journal'])
    expectCliError(v.cli(['list']), 'VAULT_ROLLED_BACK')
    expect(Object.keys(fileDigests(v.vault))).toEqual(Object.keys(restored))
  })

  it('ignores a forged mark rather than locking the owner out of the vault', () => {
    const v = cliVault('rollback-forged')
    v.registerApiKey('keeper', 'value-that-stays')
    const folder = join(v.stateDir, 'rollback-marks')
    const [file] = readdirSync(folder)
    const mark = JSON.parse(readFileSync(join(folder, file!), 'utf8')) as { generation: string }
    const forged = { ...mark, generation: '999' }
    writeFileSync(join(folder, file!), JSON.stringify(forged))
    expectSuccess(v.cli(['list']))
    // …and the next change writes a genuine mark over it.
    v.registerApiKey('another', 'another-value')
    const rewritten = JSON.parse(readFileSync(join(folder, file!), 'utf8')) as typeof mark
    expect(rewritten.generation).not.toBe('999')
  })

  it('keeps a genuine backup of the same generation when the rolled-back files are replaced', () => {
    const v = cliVault('rollback-same-generation-backup')
    v.registerApiKey('key-aaa', 'value-aaa')
    expectSuccess(v.cli(['delete', 'key-aaa', '--now', '--confirm', 'DELETE'])) // generation 2
    v.registerApiKey('key-bbb', 'value-bbb')
    const older = join(v.scratch, 'older')
    copyFiles(v.vault, older, ['vault.snapshot', 'vault.journal']) // generation 2, change 1
    v.registerApiKey('key-ccc', 'value-ccc')
    v.registerApiKey('key-tmp', 'value-tmp')
    // Both backups of generation 2 are made within one second, stopped by the clock: the
    // restore's must not take the genuine one's name.
    const sameSecond = { env: faketimeEnv('2026-12-07 12:00:00') }
    expectSuccess(v.cli(['delete', 'key-tmp', '--now', '--confirm', 'DELETE'], sameSecond)) // gen 3
    copyFiles(older, v.vault, ['vault.snapshot', 'vault.journal'])
    expectCliError(v.cli(['list']), 'VAULT_ROLLED_BACK')

    const backupOf = (generation: string): string =>
      v
        .json<{ id: string; generation: string }[]>(['backups'])
        .find((b) => b.generation === generation)!.id
    const genuine = backupOf('2')
    expectSuccess(v.cli(['restore', backupOf('1'), '--confirm', 'RESTORE'], sameSecond))
    // The rolled-back files became a backup of generation 2 as well; the genuine one is kept.
    expect(readdirSync(join(v.vault, 'backups'))).toContain(genuine)
    const generations = v.json<{ generation: string }[]>(['backups']).map((b) => b.generation)
    expect(generations.filter((generation) => generation === '2')).toHaveLength(2)
    expectSuccess(v.cli(['restore', genuine, '--confirm', 'RESTORE']))
    const names = v.json<SecretSummary[]>(['list']).map((s) => s.name)
    expect(names).toEqual(expect.arrayContaining(['key-bbb', 'key-ccc']))
  })

  it('restores even when a planted backup folder claims an impossible generation', () => {
    const v = cliVault('rollback-huge-generation')
    v.registerApiKey('key-aaa', 'value-aaa')
    expectSuccess(v.cli(['delete', 'key-aaa', '--now', '--confirm', 'DELETE']))
    const root = join(v.vault, 'backups')
    const [real] = readdirSync(root)
    cpSync(join(root, real!), join(root, '20200101T000000Z-g18446744073709551615'), {
      recursive: true,
    })
    expectSuccess(v.cli(['restore', real!, '--confirm', 'RESTORE']))
    expectSuccess(v.cli(['list']))
  })

  it('says so when the mark was damaged, instead of silently trusting older files', () => {
    const v = cliVault('rollback-damaged-mark')
    v.registerApiKey('key-aaa', 'value-aaa')
    const older = join(v.scratch, 'older')
    copyFiles(v.vault, older, ['vault.snapshot', 'vault.journal'])
    v.registerApiKey('key-bbb', 'value-bbb')
    copyFiles(older, v.vault, ['vault.snapshot', 'vault.journal'])
    // What a crash can leave of a mark that is never fsynced: an empty file.
    const folder = join(v.stateDir, 'rollback-marks')
    for (const name of readdirSync(folder)) writeFileSync(join(folder, name), '')
    const result = v.cli(['list'])
    expectSuccess(result)
    expect(result.stderr).toMatch(/^warning: This machine's record of the newest state .*damaged/)
    expect(v.cli(['list']).stderr).toBe('')
  })
})
