/**
 * The notification centre as the bell and `safehold notifications` show it, and what the vault
 * keeps of it: newest first, an unread count, "Mark all as read", settings that refuse a bad
 * offset and then change nothing, the records and settings through a snapshot, and a vault
 * written before any of it (audit as a bare array, no settings) still opening.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLifecycleEngine } from '../../src/main/lifecycle/lifecycle-engine'
import { NotificationCentre } from '../../src/main/lifecycle/notification-centre'
import { recordingNotifier } from '../../src/main/lifecycle/notifier'
import { associatedData, open, seal } from '../../src/main/vault/vault-crypto'
import { VaultStore } from '../../src/main/vault/vault-store'
import { createTestVault, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const T0 = Date.parse('2030-02-01T00:00:00.000Z')
const DAY = 86_400_000
const iso = (day: number): string => new Date(T0 + day * DAY).toISOString()

afterEach(removeTempDirs)

/** A vault whose secrets were sent their inactive reminder on day 30, then their 15-day ones. */
async function vaultWithReminders() {
  const vault = await createTestVault(makeTempDir('centre'))
  vault.clock.set(iso(0))
  for (const name of ['alpha', 'bravo']) {
    await vault.service.register({
      type: 'api-key',
      name,
      scope: { kind: 'organization' },
      fields: { headerName: 'X-Api-Key', value: `value-of-${name}` },
    })
  }
  const engine = createLifecycleEngine({ ...vault, notifier: recordingNotifier() })
  vault.clock.set(iso(30))
  await engine.runOnce()
  vault.clock.set(iso(45))
  await engine.runOnce()
  return { ...vault, centre: new NotificationCentre(vault.store, vault.clock) }
}

describe('the notification centre', () => {
  it('lists newest first with an unread count, and marks all read', async () => {
    const { centre } = await vaultWithReminders()
    const list = await centre.list()
    expect(list.items.map((n) => n.title)).toEqual([
      '"bravo" will be deleted in 15 days',
      '"alpha" will be deleted in 15 days',
      '"bravo" is inactive',
      '"alpha" is inactive',
    ])
    expect(list.unread).toBe(4)
    const read = await centre.markAllRead()
    expect(read.unread).toBe(0)
    expect(read.items.every((n) => n.read)).toBe(true)
    expect((await centre.list()).unread).toBe(0)
  })

  it('hands the bell only the newest reminders, counting all of them', async () => {
    const { centre } = await vaultWithReminders()
    const newest = await centre.list(2)
    expect(newest.items.map((n) => n.title)).toEqual([
      '"bravo" will be deleted in 15 days',
      '"alpha" will be deleted in 15 days',
    ])
    expect(newest).toMatchObject({ unread: 4, total: 4 })
  })

  it('refuses bad reminder offsets and then changes nothing', async () => {
    const { centre, store } = await vaultWithReminders()
    const before = store.state.audit.length
    for (const bad of [[0], [366], [7, 7], [1.5], [1, 2, 3, 4, 5, 6]]) {
      await expect(centre.updateSettings({ expiryReminderDays: bad })).rejects.toThrow(
        'Expiry reminders take up to 5 different whole numbers of days',
      )
    }
    expect((await centre.settings()).expiryReminderDays).toEqual([30, 7, 1])
    expect(store.state.audit).toHaveLength(before)
    expect(await centre.updateSettings({ expiryReminderDays: [3, 14] })).toEqual({
      expiryReminderDays: [14, 3],
      launchAtLogin: null,
      autoLockMinutes: 10,
      auditRetentionDays: 400,
    })
  })
})

describe('what the vault keeps', () => {
  it('notifications, read marks and settings survive a snapshot', async () => {
    const vault = await vaultWithReminders()
    await vault.centre.updateSettings({ expiryReminderDays: [10, 2] })
    await vault.centre.markAllRead()
    const ledger = vault.store.state.notifications
    await vault.store.compact()
    const reopened = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(reopened.state.notifications).toEqual(ledger)
    expect(reopened.state.settings).toEqual({
      expiryReminderDays: [10, 2],
      autoLockMinutes: 10,
      auditRetentionDays: 400,
    })
  })

  it('a vault written before the notification centre opens with none and the default settings', async () => {
    const vault = await vaultWithReminders()
    await vault.store.compact()
    rewriteAsOldFormat(vault.dir, vault.vaultId, vault.key)
    const reopened = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(reopened.state.notifications).toEqual([])
    expect(reopened.state.settings).toEqual({
      expiryReminderDays: [30, 7, 1],
      autoLockMinutes: 10,
      auditRetentionDays: 400,
    })
    expect(reopened.state.audit.length).toBeGreaterThan(0)
    expect(Object.keys(reopened.state.secrets)).toHaveLength(2)
    // Nothing tells a one-name read when the next deletion is due: it must read the whole vault.
    const one = await VaultStore.openForNames(vault.dir, vault.vaultId, vault.key, ['alpha'])
    expect(one.deletionMayBeDue(T0)).toBe(true)
    const centre = new NotificationCentre(reopened, vault.clock)
    expect(await centre.list()).toEqual({ items: [], unread: 0, total: 0 })
  })
})

/**
 * Rewrites the snapshot as an older Safehold wrote it: a meta without settings or nextDeletionAt,
 * and the audit section as the bare audit array.
 */
function rewriteAsOldFormat(dir: string, vaultId: string, key: Buffer): void {
  const path = join(dir, 'vault.snapshot')
  const bytes = readFileSync(path)
  const generation = bytes.readBigUInt64BE(4)
  const aad = (section: string) => associatedData(vaultId, `snapshot/${generation}/${section}`, 0)
  const sections: Buffer[] = []
  for (let at = 12; at < bytes.length;) {
    const length = bytes.readUInt32BE(at)
    sections.push(bytes.subarray(at + 4, at + 4 + length))
    at += 4 + length
  }
  const meta = JSON.parse(open(key, sections[0]!, aad('meta'), 'meta').toString('utf8')) as Record<
    string,
    unknown
  >
  delete meta.settings
  delete meta.nextDeletionAt
  sections[0] = seal(key, Buffer.from(JSON.stringify(meta)), aad('meta'))
  const logs = JSON.parse(open(key, sections[2]!, aad('audit'), 'audit').toString('utf8')) as {
    audit: unknown[]
  }
  sections[2] = seal(key, Buffer.from(JSON.stringify(logs.audit)), aad('audit'))
  const parts: Buffer[] = [bytes.subarray(0, 12)]
  for (const section of sections) {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(section.length)
    parts.push(length, section)
  }
  writeFileSync(path, Buffer.concat(parts))
}
