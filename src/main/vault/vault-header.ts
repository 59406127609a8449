/**
 * The vault's only plaintext: format, version, vault id and how the key is protected. A digest
 * over its content turns accidental damage into VAULT_TAMPERED; deliberate edits gain nothing,
 * because the vault id is bound into every sealed blob and the wrapped key is itself sealed.
 */
import { createHash } from 'node:crypto'
import { closeSync, existsSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { isSafeholdError, SafeholdError } from '../../shared/errors'
import { tampered } from './vault-crypto'
import { openVaultFile, writeFileDurably } from './durable-files'
import { vaultFileError } from './vault-safety'

export const HEADER_FILE = 'vault.json'
export const FORMAT = 'safehold-vault'
export const VERSION = 1
const HEADER_MAX_BYTES = 64 * 1024

export interface PassphraseProtection {
  kdf: 'scrypt'
  N: number
  r: number
  p: number
  salt: string
  /** The vault key sealed under the passphrase-derived key, base64. */
  wrappedKey: string
}

export interface VaultHeader {
  format: typeof FORMAT
  version: typeof VERSION
  vaultId: string
  createdAt: string
  /** keyCheckOf(vault key): tells a wrong key from a damaged vault. Absent in older vaults. */
  keyCheck?: string
  keyProtection: {
    keychain: boolean
    passphrase: PassphraseProtection | null
  }
}

function digestOf(header: VaultHeader): string {
  return createHash('sha256').update(canonicalJson(header)).digest('hex')
}

/** JSON with sorted keys, so the digest does not depend on formatting. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    )
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function headerExists(dir: string): boolean {
  return existsSync(join(dir, HEADER_FILE))
}

export function writeHeader(dir: string, header: VaultHeader): void {
  const text = JSON.stringify({ ...header, digest: digestOf(header) }, null, 2) + '\n'
  writeFileDurably(join(dir, HEADER_FILE), text)
}

export function readHeader(dir: string): VaultHeader {
  const path = join(dir, HEADER_FILE)
  if (!existsSync(path)) {
    throw new SafeholdError(
      'VAULT_NOT_FOUND',
      `No vault in ${dir}. Create one with "safehold init", or point --vault (or SAFEHOLD_VAULT_DIR) at an existing vault.`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readHeaderText(path))
  } catch (error) {
    if (isSafeholdError(error)) throw error
    throw tampered('header (vault.json)')
  }
  if (!isHeaderWithDigest(parsed)) throw tampered('header (vault.json)')
  const { digest, ...header } = parsed
  if (digest !== digestOf(header)) throw tampered('header (vault.json)')
  if (header.version !== VERSION) {
    throw new SafeholdError(
      'VAULT_TAMPERED',
      `This vault uses format version ${String(header.version)}, which this Safehold does not read. Update Safehold.`,
    )
  }
  return header
}

/** At most 64 KiB, never through a symbolic link: the header is small and read before the key. */
function readHeaderText(path: string): string {
  let fd: number
  try {
    fd = openVaultFile(path)
  } catch (error) {
    throw vaultFileError(error, HEADER_FILE)
  }
  try {
    const bytes = Buffer.alloc(HEADER_MAX_BYTES + 1)
    let filled = 0
    for (let n = 1; n > 0 && filled < bytes.length; filled += n) {
      n = readSync(fd, bytes, filled, bytes.length - filled, null)
    }
    if (filled > HEADER_MAX_BYTES) throw tampered('header (vault.json)')
    return bytes.subarray(0, filled).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

function isHeaderWithDigest(value: unknown): value is VaultHeader & { digest: string } {
  if (value === null || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  const protection = v['keyProtection'] as Record<string, unknown> | null | undefined
  if (v['format'] !== FORMAT || typeof v['version'] !== 'number') return false
  if (typeof v['vaultId'] !== 'string' || !/^[0-9a-f-]{36}$/.test(v['vaultId'])) return false
  if (typeof v['createdAt'] !== 'string' || typeof v['digest'] !== 'string') return false
  if (v['keyCheck'] !== undefined && typeof v['keyCheck'] !== 'string') return false
  if (protection === null || typeof protection !== 'object') return false
  if (typeof protection['keychain'] !== 'boolean') return false
  const passphrase = protection['passphrase'] as Record<string, unknown> | null
  if (passphrase === null) return protection['keychain'] === true
  if (typeof passphrase !== 'object') return false
  return (
    passphrase['kdf'] === 'scrypt' &&
    typeof passphrase['N'] === 'number' &&
    typeof passphrase['r'] === 'number' &&
    typeof passphrase['p'] === 'number' &&
    typeof passphrase['salt'] === 'string' &&
    typeof passphrase['wrappedKey'] === 'string'
  )
}
