/**
 * How the vault key is protected: in the OS keychain, or wrapped under a passphrase with scrypt
 * (N = 2^17, r = 8, p = 1). The key itself is never written anywhere in the clear.
 */
import { randomBytes, scryptSync } from 'node:crypto'
import { SafeholdError } from '../../shared/errors'
import { associatedData, KEY_BYTES, open, seal } from './vault-crypto'
import type { PassphraseProtection } from './vault-header'

const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const

export function keychainAccount(vaultId: string): string {
  return `vault-${vaultId}`
}

function wrappingKey(
  passphrase: string,
  params: { N: number; r: number; p: number; salt: Buffer },
): Buffer {
  return scryptSync(passphrase.normalize('NFC'), params.salt, KEY_BYTES, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
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

export function wrapWithPassphrase(
  key: Buffer,
  vaultId: string,
  passphrase: string,
): PassphraseProtection {
  const salt = randomBytes(16)
  const wrapped = seal(wrappingKey(passphrase, { ...SCRYPT, salt }), key, wrapAad(vaultId, SCRYPT))
  return {
    kdf: 'scrypt',
    ...SCRYPT,
    salt: salt.toString('base64'),
    wrappedKey: wrapped.toString('base64'),
  }
}

export function unwrapWithPassphrase(
  protection: PassphraseProtection,
  vaultId: string,
  passphrase: string,
): Buffer {
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
  const wrapping = wrappingKey(passphrase, {
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
