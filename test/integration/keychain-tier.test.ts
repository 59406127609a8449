import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { KEYCHAIN_ENTRY_OPTIONS, keychainTier } from '../support/keychain'

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
