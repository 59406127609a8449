/**
 * The vault's journal, compaction and backups as a user of VaultStore sees them: what one store
 * writes another reads, reopening never changes the state, and a backup brings back the state it
 * was taken from.
 */
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { SecretsService } from '../../src/main/secrets/secrets-service'
import { VaultStore } from '../../src/main/vault/vault-store'
import type { VaultState } from '../../src/main/vault/vault-state'
import {
  createTestVault,
  fixedClock,
  makeTempDir,
  removeTempDirs,
  type TestVault,
} from '../support/vault-fixtures'

afterAll(removeTempDirs)
afterEach(() => {
  vi.useRealTimers()
})

function newVault(): Promise<TestVault> {
  return createTestVault(join(makeTempDir('journal'), 'vault'))
}

async function registerApiKey(service: SecretsService, name: string): Promise<void> {
  await service.register({
    type: 'api-key',
    name,
    scope: { kind: 'personal' },
    fields: { headerName: 'X-Api-Key', value: `value-of-${name}` },
  })
}

const names = (state: VaultState): string[] =>
  Object.values(state.secrets)
    .map((s) => s.name)
    .sort()

/** A deep copy, so later changes to the live state cannot make two states look equal. */
const frozen = (state: VaultState): VaultState => JSON.parse(JSON.stringify(state)) as VaultState

describe('two stores on one vault folder', () => {
  it('a second store sees what the first registered once it refreshes', async () => {
    const vault = await newVault()
    const other = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    const otherService = new SecretsService(other, fixedClock(), 'test')
    expect(names(other.state)).toEqual([])

    await registerApiKey(vault.service, 'first-store-secret')
    expect(names(other.state)).toEqual([])
    await other.refresh()
    expect(names(other.state)).toEqual(['first-store-secret'])

    // And back again, through the service that refreshes by itself.
    await registerApiKey(otherService, 'second-store-secret')
    expect((await vault.service.list()).map((s) => s.name)).toEqual([
      'first-store-secret',
      'second-store-secret',
    ])
    expect(other.state.secrets).toEqual(vault.store.state.secrets)
  })

  it('a second store follows the first across a compaction', async () => {
    const vault = await newVault()
    const other = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    await registerApiKey(vault.service, 'kept-secret')
    await registerApiKey(vault.service, 'deleted-secret')
    await other.refresh()
    expect(names(other.state)).toEqual(['deleted-secret', 'kept-secret'])

    await vault.service.deleteNow({ name: 'deleted-secret' })
    await registerApiKey(vault.service, 'after-compaction')
    await other.refresh()
    expect(names(other.state)).toEqual(['after-compaction', 'kept-secret'])
    expect(other.state).toEqual(vault.store.state)
  })

  it('a transaction in the second store starts from the first store’s latest state', async () => {
    const vault = await newVault()
    const other = new SecretsService(
      await VaultStore.open(vault.dir, vault.vaultId, vault.key),
      fixedClock(),
      'test',
    )
    await registerApiKey(vault.service, 'shared-name')
    // Without reading the journal first, the other store would accept a duplicate name.
    await expect(registerApiKey(other, 'shared-name')).rejects.toMatchObject({
      code: 'NAME_TAKEN',
    })
  })
})

describe('reopening', () => {
  it('gives the same state after enough transactions to cross the compaction threshold', async () => {
    const vault = await newVault()
    const count = 530 // COMPACT_AFTER_RECORDS is 512
    for (let i = 0; i < count; i++) await registerApiKey(vault.service, `bulk-${i}`)
    const generations = vault.store.listBackups().map((b) => b.generation)
    // The threshold was crossed: the journal was folded into a new snapshot at least once.
    expect(generations).toContain('1')

    const reopened = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(names(reopened.state)).toHaveLength(count)
    expect(reopened.state).toEqual(vault.store.state)
    expect(reopened.state.secrets).toEqual(vault.store.state.secrets)
    const one = Object.values(reopened.state.secrets).find((s) => s.name === 'bulk-517')
    expect(one?.values).toEqual({ value: 'value-of-bulk-517' })
  })

  it('gives the same state right after an explicit compaction and after later records', async () => {
    const vault = await newVault()
    await registerApiKey(vault.service, 'before-compaction')
    await vault.store.compact()
    const afterCompaction = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(afterCompaction.state).toEqual(vault.store.state)

    await registerApiKey(vault.service, 'after-compaction')
    const later = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(names(later.state)).toEqual(['after-compaction', 'before-compaction'])
    expect(later.state).toEqual(vault.store.state)
  })
})

/** A restore is logged in the audit of the state it brings back; the rest must be the backup's. */
function withoutRestoreEntry(state: VaultState, id: string): VaultState {
  const last = state.audit[state.audit.length - 1]
  expect(last).toMatchObject({ action: 'backup-restored', detail: id })
  return { ...state, audit: state.audit.slice(0, -1) }
}

describe('backups', () => {
  it('restoring a backup brings back its state, and the replaced state becomes a backup', async () => {
    const vault = await newVault()
    await registerApiKey(vault.service, 'alpha-secret')
    await vault.store.compact()
    const withAlpha = frozen(vault.store.state)
    await registerApiKey(vault.service, 'beta-secret')
    await vault.service.deleteNow({ name: 'alpha-secret' })
    await registerApiKey(vault.service, 'gamma-secret')
    const replaced = frozen(vault.store.state)
    expect(names(replaced)).toEqual(['beta-secret', 'gamma-secret'])

    // A compaction keeps the files of the generation it replaces: generation 1 holds alpha only.
    const before = vault.store.listBackups()
    expect(before.map((b) => b.generation)).toEqual(['2', '1'])
    await vault.store.restoreBackup(before[1]!.id)
    expect(withoutRestoreEntry(vault.store.state, before[1]!.id)).toEqual(withAlpha)
    expect((await vault.service.list()).map((s) => s.name)).toEqual(['alpha-secret'])
    const reopened = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(reopened.state).toEqual(vault.store.state)

    // The state the restore replaced (beta and gamma) is now a backup, so the restore can be undone.
    const added = vault.store.listBackups().filter((b) => !before.some((old) => old.id === b.id))
    expect(added.length).toBeGreaterThan(0)
    await vault.store.restoreBackup(added[0]!.id)
    expect(withoutRestoreEntry(vault.store.state, added[0]!.id)).toEqual(replaced)
    expect((await vault.service.list()).map((s) => s.name)).toEqual(['beta-secret', 'gamma-secret'])
  })

  it('an unknown backup name is refused and changes nothing', async () => {
    const vault = await newVault()
    await registerApiKey(vault.service, 'only-secret')
    const before = frozen(vault.store.state)
    await expect(vault.store.restoreBackup('20990101T000000Z-g1')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(vault.store.state).toEqual(before)
  })

  it('stamps and ages backups by the clock it was given, not the wall clock', async () => {
    const vault = await newVault()
    const clock = fixedClock('2031-06-01T10:00:00.000Z')
    const store = await VaultStore.open(vault.dir, vault.vaultId, vault.key, { clock })
    await store.compact()
    expect(store.listBackups().map((b) => b.createdAt)).toEqual(['2031-06-01T10:00:00Z'])
    // Thirty days on by that clock, the next compaction removes the old backup; by the wall
    // clock (years earlier) it would look stamped in the future and go for another reason.
    clock.set('2031-07-01T10:00:00.000Z')
    await store.compact()
    expect(store.listBackups().map((b) => b.createdAt)).toEqual(['2031-07-01T10:00:00Z'])
    clock.set('2031-07-10T10:00:00.000Z')
    await store.compact()
    expect(store.listBackups().map((b) => b.createdAt)).toEqual([
      '2031-07-10T10:00:00Z',
      '2031-07-01T10:00:00Z',
    ])
  })

  it('lists backups newest first and prunes the oldest, even within one second', async () => {
    // Every compaction here gets the same timestamp, as a burst of changes in one second would.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2031-03-04T05:06:07.000Z') })
    const vault = await newVault()
    for (let i = 1; i <= 13; i++) {
      await registerApiKey(vault.service, `burst-${String(i).padStart(2, '0')}`)
      await vault.store.compact()
    }
    // 13 compactions made backups of generations 1…13; the 10 newest are kept.
    const listed = vault.store.listBackups().map((b) => Number(b.generation))
    expect(listed).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4])

    // "Restore the newest backup" gives the state of the last compaction, not an older one.
    await registerApiKey(vault.service, 'after-burst')
    await vault.store.restoreBackup(vault.store.listBackups()[0]!.id)
    expect(names(vault.store.state)).toHaveLength(13)
    expect(names(vault.store.state)).toContain('burst-13')
    expect(names(vault.store.state)).not.toContain('after-burst')
  })
})
