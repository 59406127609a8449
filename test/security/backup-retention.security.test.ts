/**
 * Threat: a backup that outlives the promise that a deleted secret leaves every file of the vault
 * within 30 days. A backup folder stamped in the future (a clock once set wrong, a sync tool, a
 * rename) never aged and always sorted newest, so neither rule pruned it. Backups are ordered by
 * generation, and one stamped more than a day ahead is pruned.
 */
import { readdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, expectSuccess } from '../support/cli'
import { cliVault } from '../support/cli-vault'
import { removeTempDirs } from '../support/vault-fixtures'

beforeAll(ensureBuilt)
afterAll(removeTempDirs)

describe('backup retention', () => {
  it('prunes a backup stamped in the future instead of keeping it forever', () => {
    const v = cliVault('future-backup')
    v.registerApiKey('doomed-key', 'DOOMED_VALUE_0123')
    expectSuccess(v.cli(['delete', 'doomed-key', '--now', '--confirm', 'DELETE']))
    const root = join(v.vault, 'backups')
    const [first] = readdirSync(root)
    renameSync(join(root, first!), join(root, '20991231T000000Z-g1'))
    v.registerApiKey('another-key', 'another-value')
    expectSuccess(v.cli(['delete', 'another-key', '--now', '--confirm', 'DELETE']))
    const left = readdirSync(root)
    expect(left).toHaveLength(1)
    expect(left).not.toContain('20991231T000000Z-g1')
  })

  it('keeps the ten newest generations, whatever their folders are called', () => {
    const v = cliVault('backup-order')
    v.registerApiKey('doomed-key', 'DOOMED_VALUE_0123')
    expectSuccess(v.cli(['delete', 'doomed-key', '--now', '--confirm', 'DELETE']))
    const root = join(v.vault, 'backups')
    const [first] = readdirSync(root)
    // Stamped later than anything to come, but within a day: generation 1 is still the oldest.
    const soon = new Date(Date.now() + 12 * 3_600_000).toISOString().replace(/[-:]|\.\d+/g, '')
    renameSync(join(root, first!), join(root, `${soon}-g1`))
    for (let i = 0; i < 10; i++) {
      v.registerApiKey(`key-n${i}`, 'value-n')
      expectSuccess(v.cli(['delete', `key-n${i}`, '--now', '--confirm', 'DELETE']))
    }
    const generations = v.json<{ generation: string }[]>(['backups']).map((b) => b.generation)
    expect(generations).toEqual(['11', '10', '9', '8', '7', '6', '5', '4', '3', '2'])
  }, 90_000)
})
