/**
 * How the vault key is protected: in the OS keychain, or wrapped under a passphrase with scrypt
 * (N = 2^17, r = 8, p = 1). The key itself is never written anywhere in the clear.
 */
import { randomBytes, scrypt } from 'node:crypto'
import { SafeholdError } from '../../shared/errors'
import { associatedData, deriveKey, hmac, KEY_BYTES, open, seal } from './vault-crypto'
import type { PassphraseProtection } from './vault-header'

const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const

export function keychainAccount(vaultId: string): string {
  return `vault-${vaultId}`
}

/**
 * Tells at open whether a key is this vault's, before any sealed file is read: a wrong key in the
 * keychain is KEY_MISMATCH, not a vault that looks tampered with. Reveals nothing of the key.
 */
export function keyCheckOf(key: Buffer, vaultId: string): string {
  return hmac(deriveKey(key, 'key-check'), vaultId).subarray(0, 16).toString('base64')
}

/** scrypt on libuv's thread pool: about a second of work that must not stall the event loop. */
function wrappingKey(
  passphrase: string,
  params: { N: number; r: number; p: number; salt: Buffer },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      params.salt,
      KEY_BYTES,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (error, derived) => (error ? reject(error) : resolve(derived)),
    )
  })
}

function wrapAad(vaultId: string, p: { N: number; r: number; p: number }): Buffer {
  return associatedData(vaultId, `key-wrap/scrypt/${p.N}/${p.r}/${p.p}`, 0)
}

export function checkPassphraseStrength(passphrase: string): void {
  if (passphrase.length < 8) {
    throw new SafeholdError(
      'INVALID_INPUT',
      'The passphrase must be at least 8 characters long.',
      'passphrase',
    )
  }
}

export async function wrapWithPassphrase(
  key: Buffer,
  vaultId: string,
  passphrase: string,
): Promise<PassphraseProtection> {
  const salt = randomBytes(16)
  const wrapping = await wrappingKey(passphrase, { ...SCRYPT, salt })
  const wrapped = seal(wrapping, key, wrapAad(vaultId, SCRYPT))
  return {
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64'),
    wrappedKey: wrapped.toString('base64'),
  }
}

export async function unwrapWithPassphrase(
  protection: PassphraseProtection,
  vaultId: string,
  passphrase: string,
): Promise<Buffer> {
  if (
    protection.N < 2 ** 14 ||
    protection.N > 2 ** 22 ||
    protection.r < 1 ||
    protection.r > 32 ||
    protection.p !== 1
  ) {
    throw new SafeholdError(
      'VAULT_TAMPERED',
      "The vault's key protection settings are not ones Safehold writes; the header was changed.",
    )
  }
  const wrapping = await wrappingKey(passphrase, {
    ...protection,
    salt: Buffer.from(protection.salt, 'base64'),
  })
  try {
    return open(
      wrapping,
      Buffer.from(protection.wrappedKey, 'base64'),
      wrapAad(vaultId, protection),
      'key',
    )
  } catch {
    throw new SafeholdError(
      'WRONG_PASSPHRASE',
      'The passphrase is not the one that protects this vault.',
      'passphrase',
    )
  }
}
