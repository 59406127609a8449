/**
 * Threat: a locked Safehold that still holds the vault in memory. Locking that only switches the
 * window to the unlock screen leaves the vault key and the decrypted values in the main process,
 * for a memory dump or a debugger to read, and leaves a copied value on the clipboard for the
 * next person at the machine to paste. After a lock the store's key buffers are all zeros, the
 * store refuses to read or write, a value Copy put on the clipboard is gone (what the user copied
 * since is left alone), and a Copy sent together with the lock either finishes first or is
 * refused — it never leaves its value behind.
 */
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { VaultKeys } from '../../src/main/vault/vault-crypto'
import type { VaultStore } from '../../src/main/vault/vault-store'
import { OWN_PAGE, sessionRouter } from '../support/session-router'
import { testSession } from '../support/session-fixtures'
import { makeTempDir, removeTempDirs } from '../support/vault-fixtures'

afterAll(removeTempDirs)

const VALUE = 'sk_live_lock_drops_key_71c0de'

/** The key buffers a store holds, as a memory dump would find them. */
const keysOf = (store: VaultStore): Buffer[] => {
  const { key, macKey, nameKey } = (store as unknown as { keys: VaultKeys }).keys
  return [key, macKey, nameKey]
}

async function openWithCopy() {
  const made = testSession({ vaultDir: join(makeTempDir('lock-key'), 'vault') })
  const routed = sessionRouter(made.session)
  await made.session.start({ passphrase: null })
  await routed.ok('vault:create', { organization: 'Acme', user: 'Ada', protection: 'keychain' })
  const saved = await routed.ok('secrets:register', {
    type: 'api-key',
    name: 'stripe-live',
    scope: { kind: 'personal' },
    fields: { headerName: 'X-Api-Key', value: VALUE },
  })
  return { ...made, ...routed, id: saved.secret.id }
}

describe('locking', () => {
  it('zeroes the key buffers, closes the store and clears the copied value', async () => {
    const { session, clipboard, ok, fails, id } = await openWithCopy()
    const store = session.services().store
    const buffers = keysOf(store)
    expect(
      buffers.every((buffer) => buffer.length === 32 && buffer.some((byte) => byte !== 0)),
    ).toBe(true)
    await ok('secrets:copy', { id })
    expect(clipboard.readText()).toBe(VALUE)

    await ok('vault:lock', {})
    expect(buffers.every((buffer) => buffer.every((byte) => byte === 0))).toBe(true)
    expect(clipboard.readText()).toBe('')
    expect(() => store.state).toThrow('Safehold is locked; unlock it to continue.')
    await expect(store.refresh()).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
    await expect(store.transact(() => ({ ops: [], result: null }))).rejects.toMatchObject({
      code: 'VAULT_LOCKED',
    })
    expect(() => session.services()).toThrow()
    expect(await fails('secrets:copy', { id })).toMatchObject({ code: 'VAULT_LOCKED' })

    // Unlocking builds a new store with a new key buffer; the zeroed one stays zero.
    await ok('vault:unlock', {})
    expect(keysOf(session.services().store)[0]).not.toBe(buffers[0])
    expect(buffers[0]!.every((byte) => byte === 0)).toBe(true)
  })

  it('leaves alone what the user copied after the value', async () => {
    const { clipboard, ok, id } = await openWithCopy()
    await ok('secrets:copy', { id })
    clipboard.writeText('my own note')
    await ok('vault:lock', {})
    expect(clipboard.readText()).toBe('my own note')
  })

  it('a Copy sent with the lock finishes first and is cleared, or is refused', async () => {
    const { router, clipboard, id, session } = await openWithCopy()
    const [copy, lock, after] = await Promise.all([
      router.dispatch('secrets:copy', { id }, OWN_PAGE),
      router.dispatch('vault:lock', {}, OWN_PAGE),
      router.dispatch('secrets:copy', { id }, OWN_PAGE),
    ])
    expect(copy).toMatchObject({ ok: true })
    expect(lock).toMatchObject({ ok: true, value: { phase: 'locked', lockedBy: 'user' } })
    expect(after).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
    expect(clipboard.readText()).toBe('')
    expect(session.currentPhase).toBe('locked')
  })
})
