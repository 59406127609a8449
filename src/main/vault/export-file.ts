/**
 * The vault export file: portable to another machine (no keychain key in it), readable only with
 * its passphrase, and never plaintext on disk. Layout, two lines of ASCII:
 *
 *   {"format":"safehold-export","version":1,"kdf":{…scrypt N, r, p, salt},"cipher":{…nonce}}
 *   base64(AES-256-GCM ciphertext ‖ tag)
 *
 * The key is scrypt(passphrase, salt) with the parameters the header records; the header's exact
 * bytes are the authenticated data, so no byte of either line can change unnoticed. The work a
 * header may ask for is bounded and checked before any derivation: a hostile file cannot make
 * Safehold spend minutes or gigabytes deriving a key.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto'
import { SafeholdError } from '../../shared/errors'
import { readBoundedFile } from '../files/bounded-read'

export const EXPORT_FORMAT = 'safehold-export'
export const EXPORT_VERSION = 1
/** What an export is written with: DESIGN §4's passphrase parameters. */
export const EXPORT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const
/** The most an export may be: a 10,000-secret vault of mixed types is a few tens of MiB. */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024

/** The most key-derivation work a file may ask for: 4× what Safehold writes, 256 MiB of memory. */
export const SCRYPT_LIMITS = {
  minLogN: 14,
  maxLogN: 18,
  maxR: 16,
  maxP: 4,
  maxWork: 2 ** 22,
  maxMemory: 256 * 1024 * 1024,
} as const

const KEY_BYTES = 32
const NONCE_BYTES = 12
const TAG_BYTES = 16
const SALT_BYTES = 16
const HEADER_MAX_BYTES = 1024

export interface ScryptParams {
  N: number
  r: number
  p: number
}

interface ExportHeader {
  format: typeof EXPORT_FORMAT
  version: number
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string }
  cipher: { name: 'aes-256-gcm'; nonce: string }
}

/** The one answer to a wrong passphrase and to a changed file: GCM cannot tell them apart. */
export function wrongOrChanged(): SafeholdError {
  return new SafeholdError(
    'WRONG_PASSPHRASE',
    'The passphrase is wrong or the file was changed: the export could not be decrypted, and nothing was imported.',
    'passphrase',
  )
}

function notAnExport(): SafeholdError {
  return new SafeholdError(
    'INVALID_INPUT',
    'The file is not a Safehold vault export (made by "safehold export"), or it was damaged; nothing was imported.',
    'file',
  )
}

/** The memory scrypt needs for N and r, in bytes (its V array; the rest is small). */
const scryptMemory = (N: number, r: number): number => 128 * N * r

/** WORK_LIMIT naming what was asked and the cap, before any derivation; else nothing. */
export function checkScryptParams({ N, r, p }: ScryptParams): void {
  const logN = Math.log2(N)
  if (
    ![N, r, p].every(Number.isSafeInteger) ||
    !Number.isInteger(logN) ||
    logN < SCRYPT_LIMITS.minLogN ||
    r < 1 ||
    p < 1
  ) {
    throw new SafeholdError(
      'WORK_LIMIT',
      "The export's key-derivation settings are not ones Safehold writes; the file was changed. Nothing was derived or imported.",
    )
  }
  if (
    logN > SCRYPT_LIMITS.maxLogN ||
    r > SCRYPT_LIMITS.maxR ||
    p > SCRYPT_LIMITS.maxP ||
    N * r * p > SCRYPT_LIMITS.maxWork ||
    scryptMemory(N, r) > SCRYPT_LIMITS.maxMemory
  ) {
    const { maxLogN, maxR, maxP, maxMemory } = SCRYPT_LIMITS
    throw new SafeholdError(
      'WORK_LIMIT',
      `The export asks for more key-derivation work (N = 2^${logN}, r = ${r}, p = ${p}) than Safehold allows (at most N = 2^${maxLogN}, r = ${maxR}, p = ${maxP}, ${maxMemory / 2 ** 20} MiB of memory); nothing was derived or imported.`,
    )
  }
}

/** scrypt on libuv's thread pool, its memory bounded: about a second that never blocks a thread. */
function deriveKey(passphrase: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  checkScryptParams({ N, r, p })
  return new Promise((done, fail) =>
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      KEY_BYTES,
      { N, r, p, maxmem: SCRYPT_LIMITS.maxMemory + 2 * 1024 * 1024 },
      (error, key) => (error ? fail(error) : done(key)),
    ),
  )
}

/** Base64 exactly as Node writes it: anything else is a changed file, not a lenient read. */
function strictBase64(text: unknown, bytes?: number): Buffer | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null
  const data = Buffer.from(text, 'base64')
  if (data.toString('base64') !== text) return null
  return bytes === undefined || data.length === bytes ? data : null
}

/** The sealed file's bytes for `plaintext`. */
export async function sealExport(
  plaintext: Buffer,
  passphrase: string,
  params: ScryptParams = EXPORT_SCRYPT,
): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES)
  const nonce = randomBytes(NONCE_BYTES)
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64') },
  }
  const headerLine = Buffer.from(JSON.stringify(header), 'ascii')
  const key = await deriveKey(passphrase, salt, params)
  try {
    const cipher = createCipheriv('aes-256-gcm', key, nonce)
    cipher.setAAD(headerLine)
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
    return Buffer.concat([headerLine, Buffer.from(`\n${body.toString('base64')}\n`, 'ascii')])
  } finally {
    key.fill(0)
  }
}

/** The header of a file, checked before any derivation; the body left sealed. */
function parseExport(file: Buffer): { headerLine: Buffer; header: ExportHeader; sealed: Buffer } {
  const newline = file.indexOf(0x0a)
  if (newline <= 0 || newline > HEADER_MAX_BYTES) throw notAnExport()
  const headerLine = file.subarray(0, newline)
  let header: unknown
  try {
    header = JSON.parse(headerLine.toString('utf8'))
  } catch {
    throw notAnExport()
  }
  const h = header as Partial<ExportHeader> | null
  if (h === null || typeof h !== 'object' || h.format !== EXPORT_FORMAT) throw notAnExport()
  if (h.version !== EXPORT_VERSION) {
    throw new SafeholdError(
      'INVALID_INPUT',
      typeof h.version === 'number' && h.version > EXPORT_VERSION
        ? 'The export was made by a newer Safehold; update Safehold to import it. Nothing was imported.'
        : 'The export has a version Safehold does not know; nothing was imported.',
      'file',
    )
  }
  const kdf = h.kdf
  if (kdf?.name !== 'scrypt' || h.cipher?.name !== 'aes-256-gcm') throw wrongOrChanged()
  checkScryptParams({ N: kdf.N, r: kdf.r, p: kdf.p })
  const body = file.subarray(newline + 1).toString('ascii')
  const sealed = strictBase64(body.endsWith('\n') ? body.slice(0, -1) : body)
  if (
    strictBase64(kdf.salt, SALT_BYTES) === null ||
    strictBase64(h.cipher.nonce, NONCE_BYTES) === null ||
    sealed === null ||
    sealed.length < TAG_BYTES
  )
    throw wrongOrChanged()
  return { headerLine, header: h as ExportHeader, sealed }
}

/** The plaintext of an export; WRONG_PASSPHRASE for a wrong passphrase or any change. */
export async function openExport(file: Buffer, passphrase: string): Promise<Buffer> {
  const { headerLine, header, sealed } = parseExport(file)
  const key = await deriveKey(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf)
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key,
      Buffer.from(header.cipher.nonce, 'base64'),
    )
    decipher.setAAD(headerLine)
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    return Buffer.concat([decipher.update(sealed.subarray(0, -TAG_BYTES)), decipher.final()])
  } catch {
    throw wrongOrChanged()
  } finally {
    key.fill(0)
  }
}

/** The export at `path`: a regular file of at most MAX_EXPORT_BYTES, read once. */
export function readExportFile(path: string, what: string): Buffer {
  return readBoundedFile(path, what, MAX_EXPORT_BYTES).data
}
