/**
 * Hostile certificate and key files, made at test time from ordinary ones: openssl writes a file
 * with a small iteration count, then one INTEGER of its DER is rewritten and every length around
 * it re-encoded (node-forge's ASN.1 writer). A rewritten count no longer matches the MAC or the
 * ciphertext, which is the point: the count must be refused before anything is derived from it.
 * `nestedKeyBagP12` builds, with a valid MAC, a file whose key bag's count is hidden inside
 * encrypted SafeContents, where no reader can see it before decrypting.
 */
import { randomBytes } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import forge from 'node-forge'

type Asn1 = forge.asn1.Asn1
const { asn1 } = forge

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbeWithSha1And3Des: '1.2.840.113549.1.12.1.3',
  sha1: '1.3.14.3.2.26',
}

function parse(der: Buffer): Asn1 {
  return asn1.fromDer(der.toString('binary'), false)
}

function toBuffer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary')
}

const at = (node: Asn1, ...path: number[]): Asn1 =>
  path.reduce((current, index) => (current.value as Asn1[])[index]!, node)

function integer(count: bigint | number): Asn1 {
  let hex = BigInt(count).toString(16)
  if (hex.length % 2) hex = `0${hex}`
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, forge.util.hexToBytes(hex))
}

function setInteger(node: Asn1, count: bigint | number): void {
  node.value = integer(count).value
}

/** The OCTET STRING content of a `data` ContentInfo, parsed, with a function that writes it back. */
function dataContent(contentInfo: Asn1): { inner: Asn1; store: () => void } {
  const octets = at(contentInfo, 1, 0)
  const inner = asn1.fromDer(octets.value as string, false)
  return { inner, store: () => (octets.value = asn1.toDer(inner).getBytes()) }
}

/** A copy of `p12` (openssl-made) whose MacData iterations are `count`. */
export function withMacIterations(p12: Buffer, count: bigint | number): Buffer {
  const pfx = parse(p12)
  setInteger(at(pfx, 2, 2), count)
  return toBuffer(pfx)
}

/**
 * A copy of `p12` whose shrouded key bag (in plaintext SafeContents, where openssl puts it) asks
 * for `count` rounds: PBES2's PBKDF2 iterationCount, or pkcs-12PbeParams' iterations (-legacy).
 * The MAC is computed again with `password`, as whoever made the file can: the file is valid.
 */
export function withKeyBagIterations(
  p12: Buffer,
  count: bigint | number,
  password: string,
): Buffer {
  const pfx = parse(p12)
  const authSafe = dataContent(at(pfx, 1))
  for (const contentInfo of authSafe.inner.value as Asn1[]) {
    if (asn1.derToOid(at(contentInfo, 0).value as string) !== OID.data) continue
    const safe = dataContent(contentInfo)
    for (const bag of safe.inner.value as Asn1[]) {
      if (asn1.derToOid(at(bag, 0).value as string) !== OID.shroudedKeyBag) continue
      setAlgorithmCount(at(bag, 1, 0, 0), count)
    }
    safe.store()
  }
  authSafe.store()
  signAgain(pfx, password)
  return toBuffer(pfx)
}

/** Recomputes MacData's MAC (SHA-1 or SHA-256, its own salt and count) over the AuthenticatedSafe. */
function signAgain(pfx: Asn1, password: string): void {
  const macData = at(pfx, 2)
  const digest =
    asn1.derToOid(at(macData, 0, 0, 0).value as string) === OID.sha1 ? 'sha1' : 'sha256'
  const md = digest === 'sha1' ? forge.md.sha1.create() : forge.md.sha256.create()
  const salt = forge.util.createBuffer(at(macData, 1).value as string)
  const count = parseInt(forge.util.bytesToHex(at(macData, 2).value as string), 16)
  const key = forge.pkcs12.generateKey(password, salt, 3, count, digest === 'sha1' ? 20 : 32, md)
  const hmac = forge.hmac.create()
  hmac.start(digest, key)
  hmac.update(at(pfx, 1, 1, 0).value as string)
  at(macData, 0, 1).value = hmac.digest().getBytes()
}

/** PBES2 → PBKDF2 iterationCount, or PKCS#12 PBE iterations, of one AlgorithmIdentifier. */
function setAlgorithmCount(algorithm: Asn1, count: bigint | number): void {
  const oid = asn1.derToOid(at(algorithm, 0).value as string)
  if (oid === '1.2.840.113549.1.5.13') setInteger(at(algorithm, 1, 0, 1, 1), count)
  else setInteger(at(algorithm, 1, 1), count)
}

function pemDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
}

function derPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/** An `ENCRYPTED PRIVATE KEY` PEM (PBES2 + PBKDF2) rewritten to ask for `count` rounds. */
export function withPkcs8Iterations(pem: string, count: bigint | number): string {
  const info = parse(pemDer(pem))
  setInteger(at(info, 0, 1, 0, 1, 1), count)
  return derPem(toBuffer(info), 'ENCRYPTED PRIVATE KEY')
}

/** An `ENCRYPTED PRIVATE KEY` PEM (PBES2 + scrypt, openssl -scrypt) with scrypt N and/or p set. */
export function withScrypt(pem: string, set: { n?: number; p?: number }): string {
  const info = parse(pemDer(pem))
  // scrypt-params ::= SEQUENCE { salt, costParameter N, blockSize r, parallelizationParameter p }
  if (set.n !== undefined) setInteger(at(info, 0, 1, 0, 1, 1), set.n)
  if (set.p !== undefined) setInteger(at(info, 0, 1, 0, 1, 3), set.p)
  return derPem(toBuffer(info), 'ENCRYPTED PRIVATE KEY')
}

const seq = (...items: Asn1[]): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items)
const oid = (text: string): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(text).getBytes())
const octets = (bytes: string): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes)
const explicit = (item: Asn1): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [item])
const der = (node: Asn1): string => asn1.toDer(node).getBytes()

function dataContentInfo(content: Asn1): Asn1 {
  return seq(oid(OID.data), explicit(octets(der(content))))
}

/**
 * A PKCS#12 with a valid MAC (2048 rounds) whose only key bag sits inside an EncryptedData (3DES,
 * 2048 rounds) and asks for `hiddenCount` PBKDF2 rounds; the certificate is in plaintext.
 */
export function nestedKeyBagP12(
  certPem: string,
  pkcs8KeyPem: string,
  password: string,
  hiddenCount: bigint | number,
): Buffer {
  const keyInfo = asn1.fromDer(pemDer(pkcs8KeyPem).toString('binary'))
  const shrouded = forge.pki.encryptPrivateKeyInfo(keyInfo, password, {
    algorithm: 'aes256',
    count: 2048,
  })
  setAlgorithmCount(at(shrouded, 0), hiddenCount)
  const keySafe = seq(seq(oid(OID.shroudedKeyBag), explicit(shrouded)))

  const salt = randomBytes(8).toString('binary')
  const pbe = forge.pki as unknown as {
    pbe: {
      generatePkcs12Key(
        password: string,
        salt: forge.util.ByteStringBuffer,
        id: number,
        iterations: number,
        length: number,
      ): forge.util.ByteStringBuffer
    }
  }
  const key = pbe.pbe.generatePkcs12Key(password, forge.util.createBuffer(salt), 1, 2048, 24)
  const iv = pbe.pbe.generatePkcs12Key(password, forge.util.createBuffer(salt), 2, 2048, 8)
  const cipher = forge.cipher.createCipher('3DES-CBC', key)
  cipher.start({ iv })
  cipher.update(forge.util.createBuffer(der(keySafe)))
  cipher.finish()
  const encryptedData = seq(
    integer(0),
    seq(
      oid(OID.data),
      seq(oid(OID.pbeWithSha1And3Des), seq(octets(salt), integer(2048))),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, cipher.output.getBytes()),
    ),
  )
  const certBag = seq(
    oid(OID.certBag),
    explicit(seq(oid(OID.x509Certificate), explicit(octets(pemDer(certPem).toString('binary'))))),
  )
  const authSafe = seq(
    dataContentInfo(seq(certBag)),
    seq(oid(OID.encryptedData), explicit(encryptedData)),
  )
  const authSafeDer = der(authSafe)

  const macSalt = randomBytes(8).toString('binary')
  const macKey = forge.pkcs12.generateKey(password, forge.util.createBuffer(macSalt), 3, 2048, 20)
  const hmac = forge.hmac.create()
  hmac.start('sha1', macKey)
  hmac.update(authSafeDer)
  const macData = seq(
    seq(
      seq(oid(OID.sha1), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')),
      octets(hmac.digest().getBytes()),
    ),
    octets(macSalt),
    integer(2048),
  )
  return toBuffer(seq(integer(3), seq(oid(OID.data), explicit(octets(authSafeDer))), macData))
}

/**
 * Whether `code` (a worker script given `workerData`) is still working after `ms`: how a test shows
 * that a file really makes unbounded code spin, without letting it spin. The worker is terminated.
 */
export function stillRunningAfter(ms: number, code: string, workerData: unknown): Promise<boolean> {
  return new Promise((resolve) => {
    const worker = new Worker(code, { eval: true, workerData })
    const timer = setTimeout(() => {
      void worker.terminate()
      resolve(true)
    }, ms)
    const done = (): void => {
      clearTimeout(timer)
      void worker.terminate()
      resolve(false)
    }
    worker.once('message', done)
    worker.once('error', done)
    worker.once('exit', done)
  })
}
