/**
 * The previous value is a second copy of a secret: a key that was rotated because it leaked must
 * not linger in plaintext anywhere, nor in the live vault files once its 30 days are over, nor be
 * restorable then. On a real vault: no file ever holds the old or the new value in plaintext
 * (UTF-8, base64, hex); the live files, read with the key through the vault's own readers, hold
 * the old value until the purge and not after it; the backup the purge made holds it until it
 * ages out within 30 days; a restore after the purge is refused. A previous value dropped for a
 * newer one leaves the live files at once, as if its 30 days had ended.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  createLifecycleEngine,
  type LifecycleEngine,
} from '../../src/main/lifecycle/lifecycle-engine'
import { recordingNotifier } from '../../src/main/lifecycle/notifier'
import { useSecret } from '../../src/main/usage/secret-use'
import {
  closeJournal,
  COMMIT_BLOCK_BYTES,
  JOURNAL_FILE,
  openJournal,
  readCommit,
  readRecords,
} from '../../src/main/vault/journal-file'
import { BACKUP_DIR, listBackups } from '../../src/main/vault/vault-backups'
import { vaultKeys, type VaultKeys } from '../../src/main/vault/vault-crypto'
import { readSnapshotFile } from '../../src/main/vault/vault-load'
import { SNAPSHOT_FILE } from '../../src/main/vault/snapshot-file'
import {
  createTestVault,
  listFiles,
  makeTempDir,
  removeTempDirs,
  type TestVault,
} from '../support/vault-fixtures'

const T0 = Date.parse('2030-04-01T09:00:00.000Z')
const DAY = 86_400_000
const OLD = 'sk_live_LEAKED_old_value_9c2e71'
const NEW = 'sk_live_ROTATED_new_value_4b8d03'
const THIRD = 'sk_live_THIRD_value_5e6f70'
const FOURTH = 'sk_live_FOURTH_value_8a9b0c'

let vault: TestVault
let keys: VaultKeys
let engine: LifecycleEngine

/** Moves the vault's clock and the wall clock (which stamps backups) together. */
function travel(days: number): void {
  vi.setSystemTime(T0 + days * DAY)
  vault.clock.set(new Date(T0 + days * DAY).toISOString())
}

/** Every plaintext a folder's vault files hold: the snapshot's state and every journal record. */
function plaintextOf(folder: string): string {
  const { state } = readSnapshotFile(join(folder, SNAPSHOT_FILE), keys, null)
  const fd = openJournal(join(folder, JOURNAL_FILE))
  try {
    const from = { offset: COMMIT_BLOCK_BYTES, count: 0 }
    const records = readRecords(fd, keys, readCommit(fd, keys), from)
    return JSON.stringify(state) + records.map((r) => r.toString('utf8')).join('\n')
  } finally {
    closeJournal(fd)
  }
}

const backupsHolding = (value: string): string[] =>
  listBackups(vault.dir)
    .filter((b) => plaintextOf(join(vault.dir, BACKUP_DIR, b.id)).includes(value))
    .map((b) => b.id)

/** Files whose raw bytes contain a value in plaintext, base64 or hex. */
function plaintextFiles(): string[] {
  const found: string[] = []
  for (const file of listFiles(vault.dir)) {
    const bytes = readFileSync(join(vault.dir, file))
    for (const value of [OLD, NEW, THIRD, FOURTH]) {
      const utf8 = Buffer.from(value)
      for (const form of [
        utf8,
        Buffer.from(utf8.toString('base64')),
        Buffer.from(utf8.toString('hex')),
      ])
        if (bytes.includes(form)) found.push(`${file}: ${value}`)
    }
  }
  return found
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  vault = await createTestVault(makeTempDir('previous-at-rest'))
  travel(0)
  keys = vaultKeys(vault.vaultId, vault.key)
  engine = createLifecycleEngine({ ...vault, notifier: recordingNotifier() })
  await vault.service.register({
    type: 'api-key',
    name: 'stripe-live',
    scope: { kind: 'personal' },
    fields: { headerName: 'Authorization', value: OLD },
  })
  await vault.service.edit({ ref: { name: 'stripe-live' }, fields: { value: NEW } })
  // A snapshot holds it too, not only the journal.
  await vault.store.compact()
})
afterAll(() => {
  vi.useRealTimers()
  removeTempDirs()
})

describe('the previous value at rest', () => {
  it('is kept encrypted: the live files hold it, but no file holds it in plaintext', () => {
    expect(plaintextOf(vault.dir)).toContain(OLD)
    expect(plaintextFiles()).toEqual([])
  })

  it('is still there the moment before its 30 days end', async () => {
    travel(20)
    // A use on day 20 keeps the secret itself from deletion for 60 more days.
    await useSecret(vault.store, vault.clock, { ref: { name: 'stripe-live' }, consumer: 'ci' })
    vi.setSystemTime(T0 + 30 * DAY - 1)
    vault.clock.set(new Date(T0 + 30 * DAY - 1).toISOString())
    await engine.runOnce()
    expect(plaintextOf(vault.dir)).toContain(OLD)
  })

  it('leaves the live files at once when its 30 days end, and is refused to a restore', async () => {
    travel(30)
    await engine.runOnce()
    const live = plaintextOf(vault.dir)
    expect(live).not.toContain(OLD)
    expect(live).toContain(NEW)
    expect(plaintextFiles()).toEqual([])
    // So the backup check below can see it at all: the purge's rewrite kept the old files.
    expect(backupsHolding(OLD).length).toBeGreaterThan(0)
    await expect(vault.service.restorePrevious({ name: 'stripe-live' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    const { value } = await useSecret(vault.store, vault.clock, {
      ref: { name: 'stripe-live' },
      consumer: 'ci',
    })
    expect(value).toBe(NEW)
  })

  it('leaves every backup within 30 days of the purge', async () => {
    travel(58)
    await engine.runOnce()
    expect(backupsHolding(OLD).length).toBeGreaterThan(0)
    travel(60)
    await engine.runOnce()
    expect(backupsHolding(OLD)).toEqual([])
    expect(plaintextOf(vault.dir)).not.toContain(OLD)
    expect(plaintextFiles()).toEqual([])
  })

  it('replaced by a newer previous value, leaves the live files at once', async () => {
    await vault.service.edit({ ref: { name: 'stripe-live' }, fields: { value: THIRD } })
    expect(plaintextOf(vault.dir)).toContain(NEW)
    await vault.service.edit({ ref: { name: 'stripe-live' }, fields: { value: FOURTH } })
    const live = plaintextOf(vault.dir)
    expect(live).not.toContain(NEW)
    expect(live).toContain(THIRD)
    expect(plaintextFiles()).toEqual([])
  })
})
