import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createVault, unlock } from '../../src/main/app/session-requests'
import { VaultSession } from '../../src/main/app/vault-session'
import { workerKeychain } from '../../src/main/keychain/keychain-worker'
import { systemClock } from '../../src/main/lifecycle/clock'
import { silentNotifier } from '../../src/main/lifecycle/notifier'
import { KEYCHAIN_ENTRY_OPTIONS, keychainTier } from '../support/keychain'
import { makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const tier = keychainTier()
if (!tier.available) console.warn(`keychain tier skipped: ${tier.reason}`)

describe.skipIf(!tier.available)('the OS keychain tier', () => {
  it('stores, reads back and deletes an entry through @napi-rs/keyring', async () => {
    // Imported here so that a machine without the native module skips instead of failing to load.
    const { Entry } = await import('@napi-rs/keyring')
    const account = `tier-${randomBytes(8).toString('hex')}`
    const value = randomBytes(32).toString('base64')
    const open = () => new Entry('safehold-test', account, KEYCHAIN_ENTRY_OPTIONS)

    open().setPassword(value)
    try {
      // A fresh handle: the value must come from the store, not from the object that wrote it.
      expect(open().getPassword()).toBe(value)
    } finally {
      expect(open().deletePassword()).toBe(true)
    }
    expect(open().getPassword()).toBeNull()
  })
})

describe.skipIf(!tier.available)('the app keychain in the OS keychain tier', () => {
  it('reaches the real keychain from worker threads: probe, store, read back, delete', async () => {
    const keychain = workerKeychain({ service: 'safehold-test' })
    expect(await keychain.status()).toMatchObject({ available: true, reason: null })
    const account = `worker-${randomBytes(8).toString('hex')}`
    const value = randomBytes(32).toString('base64')
    await keychain.set(account, value)
    try {
      expect(await keychain.get(account)).toBe(value)
    } finally {
      await keychain.delete(account)
    }
    expect(await keychain.get(account)).toBeNull()
  })

  it('keeps a new vault key made on the welcome screen, and opens the vault with it', async () => {
    const keychain = workerKeychain({ service: 'safehold-test' })
    const session = new VaultSession({
      vaultDir: join(makeTempDir('keychain-tier-session'), 'vault'),
      clock: systemClock,
      keychain,
      keychainStatus: () => keychain.status(),
      notifier: silentNotifier,
    })
    try {
      await session.start({ passphrase: null })
      const created = await createVault(session, {
        organization: 'Acme',
        user: 'Ada',
        protection: 'keychain',
      })
      expect(created).toMatchObject({ phase: 'open', keychain: { available: true } })
      await session.lock('user')
      expect(await unlock(session, {})).toMatchObject({ phase: 'open', unlockWith: null })
      const vaultId = session.services().store.vaultId
      await session.close()
      await keychain.delete(`vault-${vaultId}`)
    } finally {
      removeTempDirs()
    }
  })
})
