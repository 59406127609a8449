/**
 * Every key derivation node-forge runs while a PKCS#12 is opened passes through here first, and is
 * refused (WORK_LIMIT) when its count is over the cap. pkcs12-limits reads the counts a file shows
 * in plaintext; this catches the ones it cannot: a shrouded key bag inside encrypted SafeContents
 * is only seen by forge after that layer is decrypted. forge calls its KDFs through its exported
 * objects (forge.pkcs12.generateKey, forge.pki.pbe.generatePkcs12Key, forge.pkcs5.pbkdf2), so
 * wrapping those covers every path; a test with such a nested bag fails should that ever change.
 *
 * forge runs PBKDF2 in JavaScript whenever it is given a digest object, which is always the case
 * for PBES2 (ten times slower than Node's); with SHA-1/2 the wrapper hands it to Node's pbkdf2Sync,
 * which computes the same bytes from the same binary-string inputs, as forge's own native path
 * does. It runs only inside the certificate worker (certificate-files.ts), never on the main
 * thread, so this synchronous derivation blocks nothing but that worker, under its time limit.
 */
import { pbkdf2Sync } from 'node:crypto'
import forge from 'node-forge'
import { checkIterations, PKCS12_REEXPORT, type WorkLimits } from './work-limits'

interface Guard {
  fileName: string
  limits: WorkLimits
}

let active: Guard | null = null
let installed = false

const NATIVE_DIGESTS = new Set(['sha1', 'sha256', 'sha384', 'sha512'])

/** Runs `open` (synchronous forge work) with every derivation checked against `limits`. */
export function withDerivationGuard<T>(fileName: string, limits: WorkLimits, open: () => T): T {
  install()
  const previous = active
  active = { fileName, limits }
  try {
    return open()
  } finally {
    active = previous
  }
}

function check(count: unknown, cap: (limits: WorkLimits) => number): void {
  if (active === null || typeof count !== 'number' || !Number.isFinite(count)) return
  checkIterations(BigInt(Math.floor(count)), cap(active.limits), {
    fileName: active.fileName,
    part: 'one of its encrypted parts',
    field: 'certificate',
    reexport: PKCS12_REEXPORT,
  })
}

/** forge's PKCS#12 KDF: (password, salt, id, iterations, length, md) → ByteStringBuffer. */
type Pkcs12Kdf = (...args: unknown[]) => unknown
interface ForgePkcs12Kdfs {
  pki: { pbe: { generatePkcs12Key: Pkcs12Kdf } }
  pkcs12: { generateKey: Pkcs12Kdf }
}
type Pbkdf2 = (
  password: string,
  salt: string,
  count: number,
  keyLength: number,
  md?: unknown,
  callback?: unknown,
) => string

function install(): void {
  if (installed) return
  installed = true
  // The MAC calls forge.pkcs12.generateKey, the PBE bags forge.pki.pbe.generatePkcs12Key: one
  // function under two names since forge copied the reference at load.
  const kdfs = forge as unknown as ForgePkcs12Kdfs
  const pkcs12Kdf = kdfs.pki.pbe.generatePkcs12Key
  const guardedPkcs12Kdf: Pkcs12Kdf = (...args) => {
    check(args[3], (limits) => limits.pkcs12Iterations)
    return pkcs12Kdf(...args)
  }
  kdfs.pki.pbe.generatePkcs12Key = guardedPkcs12Kdf
  kdfs.pkcs12.generateKey = guardedPkcs12Kdf

  // One signature for forge's overloads (with or without digest and callback): it is one function.
  const pkcs5 = forge.pkcs5 as unknown as Record<'pbkdf2', Pbkdf2>
  const pbkdf2 = pkcs5.pbkdf2
  pkcs5.pbkdf2 = (password, salt, count, keyLength, md, callback) => {
    check(count, (limits) => limits.pbkdf2Iterations)
    const digest = (md as { algorithm?: unknown } | null | undefined)?.algorithm
    if (callback === undefined && typeof digest === 'string' && NATIVE_DIGESTS.has(digest)) {
      const key = Buffer.from(password, 'binary')
      return pbkdf2Sync(key, Buffer.from(salt, 'binary'), count, keyLength, digest).toString(
        'binary',
      )
    }
    return pbkdf2(password, salt, count, keyLength, md, callback)
  }
}
