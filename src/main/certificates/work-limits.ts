/**
 * How much key-derivation work a certificate or key file may ask for (DESIGN.md §4, bounded work).
 * A PKCS#12 or encrypted PKCS#8 file names its own iteration counts; every count is read from the
 * ASN.1 here and compared with a cap before anything derives a key from it, and a count over its
 * cap is refused as WORK_LIMIT with the count, the cap and how to export the file again. This
 * module only reads parameters: it never derives, and never sees a password.
 *
 * The caps, and why (what real tools write):
 * - PKCS#12 key derivation (the MAC, and the pkcs-12PbeParams of legacy 3DES/RC2 bags): 600,000.
 *   OpenSSL writes 2048, Windows 2000, Java keytool 10,000 (older JDKs 50,000, and 100,000 for
 *   the MAC), Bouncy Castle 1.86 600,000; .NET refuses files above 600,000 (KB5025823). node-forge
 *   runs this derivation in JavaScript (about 300,000 rounds a second), so this cap is the lower.
 * - PBKDF2 (PBES2 bags and .key files, PBMAC1): 2,000,000. OWASP's highest advice is 1,300,000
 *   (HMAC-SHA1; 600,000 for HMAC-SHA256); Bouncy Castle and the JDK read up to 5,000,000. Native
 *   PBKDF2 does 2,000,000 rounds in about a second.
 * - scrypt (PBES2 .key files): N·r·p at most 2^22 (32 times OpenSSL's default N 16384, r 8, p 1)
 *   and 128·N·r bytes of memory at most 32 MiB, the most OpenSSL itself agrees to use.
 * Whatever passes these still runs under the certificate worker's wall-clock limit.
 */
import forge from 'node-forge'
import { SafeholdError } from '../../shared/errors'

export interface WorkLimits {
  /** PKCS#12 KDF rounds (MAC, PKCS#12 PBE), per derivation. */
  pkcs12Iterations: number
  /** PBKDF2 (and PBES1) rounds, per derivation. */
  pbkdf2Iterations: number
  /** scrypt N·r·p. */
  scryptCost: number
  /** scrypt memory, 128·N·r bytes. */
  scryptMemoryBytes: number
}

export const DEFAULT_WORK_LIMITS: WorkLimits = {
  pkcs12Iterations: 600_000,
  pbkdf2Iterations: 2_000_000,
  scryptCost: 2 ** 22,
  scryptMemoryBytes: 32 * 1024 * 1024,
}

/** Where a count was found, for the message: the file, what it protects, and its field. */
export interface WorkSite {
  fileName: string
  /** 'its integrity check (MAC)', 'its private key', 'its certificates', 'the key' */
  part: string
  field: 'certificate' | 'privateKey'
  /** The command that writes the file again with ordinary counts. */
  reexport: string
}

export const PKCS12_REEXPORT =
  'Export it again with the usual count, for example "openssl pkcs12 -export -iter 2048 ' +
  '-in cert.pem -inkey cert.key -out cert.p12".'
export const PKCS8_REEXPORT =
  'Encrypt it again with the usual count, for example "openssl pkcs8 -topk8 -v2 aes-256-cbc ' +
  '-iter 2048 -in old.key -out new.key".'
const SCRYPT_REEXPORT =
  'Encrypt it again with the usual settings, for example "openssl pkcs8 -topk8 -scrypt ' +
  '-in old.key -out new.key" (N 16384, r 8, p 1).'

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbmac1: '1.2.840.113549.1.5.14',
  scrypt: '1.3.6.1.4.1.11591.4.11',
}
const PKCS12_PBE_PREFIX = '1.2.840.113549.1.12.1.'
// PBES1 (RFC 8018 §6.1): pbeWith{MD2,MD5,SHA1}And{DES,RC2}-CBC
const PBES1_OIDS = new Set(['1', '3', '4', '6', '10', '11'].map((n) => `1.2.840.113549.1.5.${n}`))

type Asn1 = forge.asn1.Asn1

/** An INTEGER's magnitude, read as the unsigned number node-forge would use; null if not one. */
export function integerValue(node: Asn1 | undefined): bigint | null {
  if (node?.tagClass !== forge.asn1.Class.UNIVERSAL || node.type !== forge.asn1.Type.INTEGER) {
    return null
  }
  if (typeof node.value !== 'string' || node.value.length === 0) return null
  return BigInt(`0x${forge.util.bytesToHex(node.value)}`)
}

export function oidOf(node: Asn1 | undefined): string | null {
  if (node?.tagClass !== forge.asn1.Class.UNIVERSAL || node.type !== forge.asn1.Type.OID) {
    return null
  }
  try {
    return forge.asn1.derToOid(node.value as string)
  } catch {
    return null
  }
}

export function children(node: Asn1 | undefined): Asn1[] {
  return node !== undefined && Array.isArray(node.value) ? node.value : []
}

/**
 * Checks one AlgorithmIdentifier of password-based encryption or MAC: PKCS#12 PBE, PBES1, PBES2
 * (PBKDF2 or scrypt) and PBMAC1. Other algorithms derive nothing from a password here, and
 * parameters that cannot be read are left to the parser, which refuses them as it does today.
 */
export function checkPasswordAlgorithm(
  algorithm: Asn1 | undefined,
  site: WorkSite,
  limits: WorkLimits,
): void {
  const [oidNode, params] = children(algorithm)
  const oid = oidOf(oidNode)
  if (oid === null) return
  if (oid.startsWith(PKCS12_PBE_PREFIX)) {
    // pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
    checkIterations(integerValue(children(params)[1]), limits.pkcs12Iterations, site)
  } else if (PBES1_OIDS.has(oid)) {
    checkIterations(integerValue(children(params)[1]), limits.pbkdf2Iterations, site)
  } else if (oid === OID.pbes2 || oid === OID.pbmac1) {
    // PBES2-params / PBMAC1-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, … }
    checkKeyDerivation(children(params)[0], site, limits)
  }
}

function checkKeyDerivation(kdf: Asn1 | undefined, site: WorkSite, limits: WorkLimits): void {
  const [oidNode, params] = children(kdf)
  const oid = oidOf(oidNode)
  const fields = children(params)
  if (oid === OID.pbkdf2) {
    // PBKDF2-params ::= SEQUENCE { salt, iterationCount INTEGER, keyLength INTEGER OPTIONAL, prf }
    checkIterations(integerValue(fields[1]), limits.pbkdf2Iterations, site)
  } else if (oid === OID.scrypt) {
    // scrypt-params ::= SEQUENCE { salt, costParameter N, blockSize r, parallelization p, … }
    const [n, r, p] = [fields[1], fields[2], fields[3]].map(integerValue)
    // A zero or missing parameter is no work; the parser refuses such a file.
    if (!n || !r || !p) return
    checkScrypt(n, r, p, site, limits)
  }
}

export function checkIterations(count: bigint | null, cap: number, site: WorkSite): void {
  if (count === null || count <= BigInt(cap)) return
  throw new SafeholdError(
    'WORK_LIMIT',
    `"${site.fileName}" asks for ${grouped(count)} key-derivation rounds for ${site.part}; ` +
      `Safehold allows at most ${grouped(BigInt(cap))}, so it is not opened. ${site.reexport}`,
    site.field,
  )
}

function checkScrypt(n: bigint, r: bigint, p: bigint, site: WorkSite, limits: WorkLimits): void {
  const memory = 128n * n * r
  const cost = n * r * p
  if (memory <= BigInt(limits.scryptMemoryBytes) && cost <= BigInt(limits.scryptCost)) return
  const asked =
    memory > BigInt(limits.scryptMemoryBytes)
      ? `${mebibytes(memory)} of memory for scrypt (N ${grouped(n)}, r ${grouped(r)}); Safehold ` +
        `allows at most ${mebibytes(BigInt(limits.scryptMemoryBytes))}`
      : `scrypt work N·r·p of ${grouped(cost)}; Safehold allows at most ` +
        `${grouped(BigInt(limits.scryptCost))}`
  throw new SafeholdError(
    'WORK_LIMIT',
    `"${site.fileName}" asks for ${asked} for ${site.part}, so it is not opened. ` +
      SCRYPT_REEXPORT,
    site.field,
  )
}

/** 100000000 → '100,000,000', exact at any size. */
export function grouped(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

function mebibytes(bytes: bigint): string {
  const mib = bytes / (1024n * 1024n)
  return mib > 0n ? `${grouped(mib)} MiB` : `${grouped(bytes)} bytes`
}

/**
 * An encrypted PKCS#8 key (`ENCRYPTED PRIVATE KEY`): EncryptedPrivateKeyInfo ::= SEQUENCE {
 * encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }. Checked before Node's
 * crypto is asked to decrypt it; DER that does not parse is left to createPrivateKey.
 */
export function checkEncryptedPrivateKey(der: Buffer, fileName: string, limits: WorkLimits): void {
  let parsed: Asn1
  try {
    parsed = forge.asn1.fromDer(der.toString('binary'), false)
  } catch {
    return
  }
  checkPasswordAlgorithm(
    children(parsed)[0],
    { fileName, part: 'its encryption', field: 'privateKey', reexport: PKCS8_REEXPORT },
    limits,
  )
}
