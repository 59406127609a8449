/**
 * Threat: guessing the passphrase at the unlock screen. Anyone at the unlocked OS session can type
 * guesses into the window, or send vault:unlock from it, as fast as key derivation allows. After
 * five wrong tries each try must wait 1 s, then 2 s, 4 s …: a try during the wait is refused at
 * once with TOO_MANY_ATTEMPTS — before any key derivation runs, even with the right passphrase —
 * and vault:state tells the screen how long to wait. Derivations are counted at node:crypto's
 * scrypt itself, so a refusal that still derived would fail here.
 */
import crypto from 'node:crypto'
import { syncBuiltinESMExports } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { createVault } from '../../src/main/vault/vault-access'
import { testSession } from '../support/session-fixtures'
import { sessionRouter } from '../support/session-router'
import { fixedClock, makeTempDir, removeTempDirs, TEST_PROFILE } from '../support/vault-fixtures'

const PASSPHRASE = 'the one right passphrase'
const T0 = Date.parse('2030-05-01T10:00:00.000Z')
let derivations = 0
const scrypt = crypto.scrypt

beforeAll(() => {
  crypto.scrypt = ((...args: Parameters<typeof scrypt>) => {
    derivations++
    return scrypt(...args)
  }) as typeof scrypt
  syncBuiltinESMExports()
})

afterAll(() => {
  crypto.scrypt = scrypt
  syncBuiltinESMExports()
  removeTempDirs()
})

describe('guessing the passphrase of a locked vault', () => {
  it('is throttled: the sixth wrong try runs no derivation, and the waits grow', async () => {
    const dir = join(makeTempDir('guessing'), 'vault')
    const keychain = memoryKeychain()
    const created = await createVault(
      dir,
      { profile: TEST_PROFILE, passphrase: PASSPHRASE, now: new Date(T0) },
      { keychain, passphrase: null },
    )
    created.store.close()
    const clock = fixedClock(new Date(T0).toISOString())
    const { session } = testSession({ vaultDir: dir, keychain, clock })
    const { ok, fails } = sessionRouter(session)
    await session.start({ passphrase: null })
    expect(await ok('vault:state', {})).toMatchObject({ phase: 'locked', retryAfterMs: 0 })

    derivations = 0
    for (let guess = 1; guess <= 5; guess++) {
      expect(await fails('vault:unlock', { passphrase: `guess number ${guess}` })).toMatchObject({
        code: 'WRONG_PASSPHRASE',
        field: 'passphrase',
      })
    }
    expect(derivations).toBe(5)
    expect(await ok('vault:state', {})).toMatchObject({ phase: 'locked', retryAfterMs: 1_000 })

    // The sixth try at once: refused before anything is derived, the right passphrase too.
    const started = performance.now()
    const sixth = await fails('vault:unlock', { passphrase: 'guess number 6' })
    expect(sixth).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', field: 'passphrase' })
    expect(sixth.message).toBe('Too many wrong passphrases. Wait 1 second, then try again.')
    expect(await fails('vault:unlock', { passphrase: PASSPHRASE })).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    })
    expect(performance.now() - started).toBeLessThan(200)
    expect(derivations).toBe(5)
    expect(session.currentPhase).toBe('locked')

    // Each wrong try after a wait doubles the next wait.
    const waits: number[] = []
    let now = T0
    for (let guess = 7; guess <= 9; guess++) {
      now += (await ok('vault:state', {})).retryAfterMs
      clock.set(new Date(now).toISOString())
      await fails('vault:unlock', { passphrase: `guess number ${guess}` })
      waits.push((await ok('vault:state', {})).retryAfterMs)
    }
    expect(waits).toEqual([2_000, 4_000, 8_000])
    expect(derivations).toBe(8)

    // Once the wait is over, the right passphrase opens the vault and the count starts again.
    clock.set(new Date(now + 8_000).toISOString())
    expect(await ok('vault:unlock', { passphrase: PASSPHRASE })).toMatchObject({
      phase: 'open',
      retryAfterMs: 0,
    })
  })
})
