/**
 * Threat: key derivation on the main thread. Unwrapping a passphrase vault runs scrypt
 * (N = 2¹⁷, about a second of work); run synchronously it froze the Electron main process — every
 * window — for that long on each unlock, and an attacker who can make the app derive keys
 * repeatedly freezes it at will. It runs on libuv's thread pool: the event loop keeps answering.
 */
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { createVault, openVault } from '../../src/main/vault/vault-access'
import { makeTempDir, removeTempDirs, TEST_PROFILE } from '../support/vault-fixtures'

afterAll(removeTempDirs)

const PASSPHRASE = 'a passphrase that takes a while to derive'

/** The longest the event loop stood still while `work` ran, in milliseconds. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 5 })
  histogram.enable()
  // The sampling timer is armed by the event loop: let it run once before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 20))
  await work()
  // A stall shows only once the sampling timer that it delayed finally runs.
  await new Promise((resolve) => setTimeout(resolve, 30))
  histogram.disable()
  return histogram.max / 1e6
}

describe('a passphrase vault', () => {
  it('is created and unlocked without stalling the event loop for 100 ms', async () => {
    const dir = join(makeTempDir('kdf'), 'vault')
    const keychain = memoryKeychain()
    const created = await longestStall(() =>
      createVault(
        dir,
        { profile: TEST_PROFILE, passphrase: PASSPHRASE, now: new Date() },
        { keychain, passphrase: null },
      ),
    )
    const opened = await longestStall(() => openVault(dir, { keychain, passphrase: PASSPHRASE }))
    expect(created).toBeLessThan(100)
    expect(opened).toBeLessThan(100)
  })

  it('answers a wrong passphrase as WRONG_PASSPHRASE, also off the event loop', async () => {
    const dir = join(makeTempDir('kdf-wrong'), 'vault')
    const keychain = memoryKeychain()
    await createVault(
      dir,
      { profile: TEST_PROFILE, passphrase: PASSPHRASE, now: new Date() },
      { keychain, passphrase: null },
    )
    let code: string | undefined
    const stall = await longestStall(() =>
      openVault(dir, { keychain, passphrase: 'not the passphrase at all' }).catch(
        (error: { code?: string }) => {
          code = error.code
        },
      ),
    )
    expect(code).toBe('WRONG_PASSPHRASE')
    expect(stall).toBeLessThan(100)
  })
})
