/**
 * AES-256-GCM sealing for everything the vault writes. Every sealed blob is bound by its
 * authenticated data to the vault id, the file kind and a sequence number, so blobs cannot be
 * swapped between vaults, files or positions unnoticed. A failed open is always VAULT_TAMPERED.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { SafeholdError } from '../../shared/errors'

export const KEY_BYTES = 32
const NONCE_BYTES = 12
const TAG_BYTES = 16
export const SEAL_OVERHEAD = NONCE_BYTES + TAG_BYTES

export function newVaultKey(): Buffer {
  return randomBytes(KEY_BYTES)
}

export function associatedData(vaultId: string, kind: string, sequence: bigint | number): Buffer {
  return Buffer.from(`safehold/v1|${vaultId}|${kind}|${sequence}`, 'utf8')
}

/** nonce ‖ ciphertext ‖ tag */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  cipher.setAAD(aad)
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([nonce, body, cipher.getAuthTag()])
}

export function open(key: Buffer, sealed: Buffer, aad: Buffer, what: string): Buffer {
  if (sealed.length < SEAL_OVERHEAD) throw tampered(what)
  const nonce = sealed.subarray(0, NONCE_BYTES)
  const tag = sealed.subarray(sealed.length - TAG_BYTES)
  const body = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce)
    decipher.setAAD(aad)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(body), decipher.final()])
  } catch {
    throw tampered(what)
  }
}

export interface VaultKeys {
  vaultId: string
  /** Seals snapshot sections and journal records. */
  key: Buffer
  /** Authenticates the journal's commit block. */
  macKey: Buffer
  /** Tags secret names in the snapshot's index. */
  nameKey: Buffer
}

export function vaultKeys(vaultId: string, key: Buffer): VaultKeys {
  return {
    vaultId,
    key,
    macKey: deriveKey(key, 'journal-mac'),
    nameKey: deriveKey(key, 'name-index'),
  }
}

/** Independent subkeys so the journal MAC and the fingerprints never reuse the encryption key. */
export function deriveKey(vaultKey: Buffer, purpose: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', vaultKey, Buffer.alloc(0), `safehold/v1/${purpose}`, KEY_BYTES),
  )
}

export function hmac(key: Buffer, ...parts: (Buffer | string)[]): Buffer {
  const mac = createHmac('sha256', key)
  for (const part of parts) mac.update(part)
  return mac.digest()
}

/** What to do about a damaged or rolled-back vault: both commands work without opening it. */
export const RESTORE_ADVICE =
  'List its backups with "safehold backups", then restore one with "safehold restore ID --confirm RESTORE".'

export function tampered(what: string): SafeholdError {
  return new SafeholdError(
    'VAULT_TAMPERED',
    `The vault's ${what} failed its integrity check: it was damaged or changed outside Safehold. Nothing was read from it. ${RESTORE_ADVICE}`,
  )
}
