import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'

export type KeychainTier = { available: true } | { available: false; reason: string }

/**
 * Entry options for tests: on Linux, the Secret Service only. @napi-rs/keyring otherwise falls
 * back to the kernel keyring, which would let the tier pass on a machine with no real keychain.
 */
export const KEYCHAIN_ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } }

let cached: KeychainTier | undefined

/**
 * Whether tests may use the real OS keychain. `npm test` decides (SAFEHOLD_TEST_KEYCHAIN=1 inside
 * its private D-Bus session with an unlocked gnome-keyring, 0 otherwise); run by hand without the
 * variable, a throwaway entry is written, read and deleted to find out.
 */
export function keychainTier(): KeychainTier {
  cached ??= decide()
  return cached
}

function decide(): KeychainTier {
  const flag = process.env['SAFEHOLD_TEST_KEYCHAIN']
  if (flag === '1') return { available: true }
  if (flag !== undefined) {
    return {
      available: false,
      reason:
        process.env['SAFEHOLD_TEST_KEYCHAIN_REASON'] ||
        `SAFEHOLD_TEST_KEYCHAIN=${flag}: no usable OS keychain for tests on this machine`,
    }
  }
  return probe()
}

function probe(): KeychainTier {
  const account = `probe-${randomBytes(8).toString('hex')}`
  const value = randomBytes(16).toString('hex')
  try {
    // Loaded lazily: a platform without the native module must skip, not crash the test file.
    const { Entry } = createRequire(import.meta.url)(
      '@napi-rs/keyring',
    ) as typeof import('@napi-rs/keyring')
    const entry = new Entry('safehold-test-probe', account, KEYCHAIN_ENTRY_OPTIONS)
    entry.setPassword(value)
    try {
      if (entry.getPassword() !== value) {
        return {
          available: false,
          reason: 'the OS keychain returned a different value than stored',
        }
      }
    } finally {
      entry.deletePassword()
    }
    return { available: true }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { available: false, reason: `the OS keychain is not usable here (${message})` }
  }
}
