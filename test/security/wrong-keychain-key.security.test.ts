/**
 * Threat (to clarity): the OS keychain holds a key for this vault's item that is not its key — the
 * item was overwritten, or belongs to a copy of another vault. Safehold used to read that as a
 * tampered snapshot and send the user off to restore backups, which would fail the same way. A key
 * check in the header tells the two apart before any sealed file is read: KEY_MISMATCH.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openVault } from '../../src/main/vault/vault-access'
import { keychainAccount } from '../../src/main/vault/vault-key'
import { SafeholdError } from '../../src/shared/errors'
import { fileDigests } from '../support/cli'
import { createTestVault, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

afterAll(removeTempDirs)

async function refusal(work: () => Promise<unknown>): Promise<SafeholdError> {
  const error = await work().then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(SafeholdError)
  return error as SafeholdError
}

describe('a keychain key that does not belong to the vault', () => {
  it('is KEY_MISMATCH naming the keychain item, not VAULT_TAMPERED, and changes nothing', async () => {
    const vault = await createTestVault(join(makeTempDir('wrong-key'), 'vault'))
    await vault.service.register({
      type: 'api-key',
      name: 'stripe-live',
      scope: { kind: 'personal' },
      fields: { headerName: 'Authorization', value: 'sk_live_wrong_key_0123' },
    })
    vault.keychain.set(keychainAccount(vault.vaultId), randomBytes(32).toString('base64'))
    const before = fileDigests(vault.dir)
    const error = await refusal(() =>
      openVault(vault.dir, { keychain: vault.keychain, passphrase: null }),
    )
    expect(error.code).toBe('KEY_MISMATCH')
    expect(error.message).toMatch(/^The key in the OS keychain \(Test keychain\) does not open/)
    expect(error.message).toContain(keychainAccount(vault.vaultId))
    expect(error.message).not.toMatch(/restore/i)
    expect(fileDigests(vault.dir)).toEqual(before)
  })

  it('is told apart in a vault made before headers carried a key check, once it has opened', async () => {
    const vault = await createTestVault(join(makeTempDir('old-header'), 'vault'))
    const headerPath = join(vault.dir, 'vault.json')
    // An older header: the same fields, no key check, its digest recomputed as that version did.
    const { createHash } = await import('node:crypto')
    const header = JSON.parse(readFileSync(headerPath, 'utf8')) as Record<string, unknown>
    delete header['keyCheck']
    delete header['digest']
    const canonical = (value: unknown): string =>
      Array.isArray(value)
        ? `[${value.map(canonical).join(',')}]`
        : value !== null && typeof value === 'object'
          ? `{${Object.entries(value)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
              .join(',')}}`
          : JSON.stringify(value)
    header['digest'] = createHash('sha256').update(canonical(header)).digest('hex')
    writeFileSync(headerPath, JSON.stringify(header))

    // The right key opens it and the header gains its check…
    await openVault(vault.dir, { keychain: vault.keychain, passphrase: null })
    expect(JSON.parse(readFileSync(headerPath, 'utf8'))).toHaveProperty('keyCheck')
    // …so a wrong key is named as such from then on.
    vault.keychain.set(keychainAccount(vault.vaultId), randomBytes(32).toString('base64'))
    const error = await refusal(() =>
      openVault(vault.dir, { keychain: vault.keychain, passphrase: null }),
    )
    expect(error.code).toBe('KEY_MISMATCH')
  })
})
