/**
 * The certificate matrix of DESIGN.md §1.1 against real files that the openssl CLI makes at test
 * time: every accepted format and key type parses to the facts openssl itself reports, and every
 * refusal carries the code, field and message a user sees, never key material.
 */

import { execFileSync } from 'node:child_process'
import { X509Certificate, createPrivateKey, createPublicKey, sign } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import forge from 'node-forge'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MAX_CERTIFICATE_FILE_BYTES,
  assertKeyMatchesCertificate,
  parseCertificateFile,
  parsePrivateKeyFile,
  readCertificateFacts,
} from '../../src/main/certificates/certificate-parser'
import { certificateReader } from '../../src/main/certificates/certificate-reader'
import { SafeholdError, type ErrorCode } from '../../src/shared/errors'
import { instantText } from '../../src/shared/time-text'

const OPENSSL = '/usr/bin/openssl'
const FAKETIME = '/usr/bin/faketime'
const P12_PASSWORD = 'p12-secret'
const KEY_PASSPHRASE = 'key-passphrase'
const UNICODE_PASSWORD = 'pässwörd-✓'
const DAY = 24 * 60 * 60 * 1000

let dir = ''

/** `command` is split on spaces; `args` (file names, subjects) are passed as they are. */
function openssl(command: string, ...args: string[]): string {
  return execFileSync(OPENSSL, [...command.split(' '), ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: 'pipe',
  })
}

/**
 * openssl with the clock stopped at `instant` (-f, no "@": it does not tick on), to make
 * certificates valid in the past or the future to the second, however slow key generation is.
 */
function opensslAt(instant: string, command: string, ...args: string[]): void {
  execFileSync(FAKETIME, ['-f', instant, OPENSSL, ...command.split(' '), ...args], {
    cwd: dir,
    stdio: 'pipe',
  })
}

function file(name: string): Buffer {
  return readFileSync(join(dir, name))
}

function write(name: string, content: string | Buffer): void {
  writeFileSync(join(dir, name), content)
}

const NEW_KEY = {
  rsa: '-newkey rsa:2048',
  ec256: '-newkey ec -pkeyopt ec_paramgen_curve:P-256',
  ec384: '-newkey ec -pkeyopt ec_paramgen_curve:P-384',
  ec521: '-newkey ec -pkeyopt ec_paramgen_curve:P-521',
  ed25519: '-newkey ed25519',
} as const
type Algorithm = keyof typeof NEW_KEY

/** `<name>.pem` + `<name>.key` (PKCS#8), subject O=Example, CN=<name>.example.com, 90 days. */
function selfSigned(name: string, algorithm: Algorithm): void {
  openssl(
    `req -x509 ${NEW_KEY[algorithm]} -nodes -days 90 -keyout ${name}.key -out ${name}.pem`,
    '-subj',
    `/O=Example/CN=${name}.example.com`,
    '-addext',
    `subjectAltName=DNS:${name}.example.com,IP:127.0.0.1`,
  )
}

/** `<name>.pem` + `<name>.key`, subject O=Example, CN=<name>, issued by `<issuer>.pem`. */
function issued(name: string, algorithm: Algorithm, issuer: string, extFile: string, days: number) {
  openssl(
    `req -new ${NEW_KEY[algorithm]} -nodes`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/O=Example/CN=${name}`,
  )
  openssl(
    `x509 -req -CAcreateserial -extfile ${extFile} -days ${days}`,
    '-in',
    `${name}.csr`,
    '-CA',
    `${issuer}.pem`,
    '-CAkey',
    `${issuer}.key`,
    '-out',
    `${name}.pem`,
  )
}

function pkcs12(out: string, cert: string, key: string | null, password: string, extra = '') {
  const keyOption = key === null ? '-nokeys' : `-inkey ${key}`
  openssl(
    `pkcs12 -export -in ${cert} ${keyOption} -out ${out} ${extra}`.trim(),
    '-passout',
    `pass:${password}`,
  )
}

/** What openssl itself says about a certificate, as CertificateFacts spells it. */
function opensslFacts(pemFile: string) {
  const printed = openssl(
    'x509 -noout -serial -fingerprint -sha256 -startdate -enddate -dateopt iso_8601',
    '-in',
    pemFile,
  )
  const value = (prefix: string) => {
    const line = printed.split('\n').find((candidate) => candidate.startsWith(prefix))
    if (line === undefined) throw new Error(`openssl printed no ${prefix}`)
    return line.slice(prefix.length).trim()
  }
  const iso = (text: string) => new Date(text.replace(' ', 'T')).toISOString()
  return {
    serialNumber: value('serial='),
    fingerprintSha256: value('sha256 Fingerprint='),
    notBefore: iso(value('notBefore=')),
    notAfter: iso(value('notAfter=')),
  }
}

/**
 * The RSA certificate re-signed with its signature AlgorithmIdentifier lacking the NULL parameters
 * (some issuers leave them out): forge, which parses RSA certificates, writes them back with NULL.
 */
function withoutNullSignatureParameters(certificatePem: Buffer, keyPem: Buffer): Buffer {
  const certificate = forge.asn1.fromDer(new X509Certificate(certificatePem).raw.toString('binary'))
  const tbs = (certificate.value as forge.asn1.Asn1[])[0]!
  const algorithm = (tbs.value as forge.asn1.Asn1[])[2]!
  algorithm.value = [(algorithm.value as forge.asn1.Asn1[])[0]!]
  const tbsDer = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary')
  const signature = sign('sha256', tbsDer, createPrivateKey(keyPem))
  const { Class, Type } = forge.asn1
  const resigned = forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    tbs,
    forge.asn1.fromDer(forge.asn1.toDer(algorithm).getBytes()),
    forge.asn1.create(Class.UNIVERSAL, Type.BITSTRING, false, '\0' + signature.toString('binary')),
  ])
  return Buffer.from(forge.asn1.toDer(resigned).getBytes(), 'binary')
}

function fingerprintsOf(pem: string): string[] {
  return pem
    .split(/(?=-----BEGIN CERTIFICATE-----)/)
    .filter((part) => part.includes('BEGIN CERTIFICATE'))
    .map((part) => new X509Certificate(part).fingerprint256)
}

function spkiOf(privateKeyPem: string | Buffer): Buffer {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' })
}

function expectRefusal(
  action: () => unknown,
  code: ErrorCode,
  field: string,
  message: RegExp | string,
) {
  let caught: unknown = null
  try {
    action()
  } catch (error) {
    caught = error
  }
  expect(caught, 'expected a SafeholdError').toBeInstanceOf(SafeholdError)
  const error = caught as SafeholdError
  expect({ code: error.code, field: error.field }).toEqual({ code, field })
  expect(error.message).toMatch(message)
  expect(error.message).not.toMatch(/-----BEGIN|MII[A-Za-z0-9+/]{8}/)
  return error
}

const now = () => new Date()

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'safehold-certificates-'))

  for (const algorithm of Object.keys(NEW_KEY) as Algorithm[]) selfSigned(algorithm, algorithm)
  selfSigned('rsa-other', 'rsa')
  selfSigned('ec256-other', 'ec256')
  selfSigned('ed25519-other', 'ed25519')

  // DER in .der and .cer, PEM in .crt: the content decides, not the name.
  openssl('x509 -in ec256.pem -outform DER -out ec256.der')
  openssl('x509 -in rsa.pem -outform DER -out rsa.cer')
  write('ed25519.crt', file('ed25519.pem'))

  // Root (EC P-384) → intermediate (EC P-256, 20 days) → leaf (RSA, 60 days): key types mixed,
  // and the intermediate expires before the leaf.
  write(
    'ca.ext',
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' +
      'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  )
  write(
    'leaf.ext',
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n' +
      'subjectAltName=DNS:leaf.example.com,DNS:*.leaf.example.com,email:ops@example.com\n' +
      'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  )
  openssl(
    `req -x509 ${NEW_KEY.ec384} -nodes -days 365 -keyout root.key -out root.pem`,
    '-subj',
    '/O=Example/CN=Example Root CA',
  )
  issued('Example Intermediate CA', 'ec256', 'root', 'ca.ext', 20)
  issued('leaf', 'rsa', 'Example Intermediate CA', 'leaf.ext', 60)
  const [root, intermediate, leaf] = ['root', 'Example Intermediate CA', 'leaf'].map((name) =>
    file(`${name}.pem`).toString(),
  ) as [string, string, string]
  write('chain.pem', leaf + intermediate + root)
  write('chain-root-first.pem', root + intermediate + leaf)
  write('chain-shuffled.pem', intermediate + root + leaf)
  write('chain-repeated.pem', leaf + leaf + intermediate)
  write('intermediate-and-root.pem', intermediate + root)
  write('cert-and-key.pem', file('ec256.pem').toString() + file('ec256.key').toString())

  // Expired long ago, and valid only from ~400 days on.
  const newEc256 = `req -x509 ${NEW_KEY.ec256} -nodes -days 30`
  opensslAt(
    '2020-01-01 00:00:00',
    `${newEc256} -keyout expired.key -out expired.pem`,
    '-subj',
    '/CN=expired.example.com',
  )
  const future = new Date(Date.now() + 400 * DAY).toISOString().slice(0, 10)
  opensslAt(
    `${future} 00:00:00`,
    `${newEc256} -keyout future.key -out future.pem`,
    '-subj',
    '/CN=future.example.com',
  )

  // PKCS#12: OpenSSL 3 defaults (PBES2, PBKDF2, AES-256-CBC, SHA-256 MAC) and -legacy (RC2/3DES).
  pkcs12('rsa.p12', 'rsa.pem', 'rsa.key', P12_PASSWORD)
  pkcs12('ec256.p12', 'ec256.pem', 'ec256.key', P12_PASSWORD)
  pkcs12('ec384.pfx', 'ec384.pem', 'ec384.key', P12_PASSWORD)
  pkcs12('ec521.p12', 'ec521.pem', 'ec521.key', P12_PASSWORD)
  pkcs12('ed25519.p12', 'ed25519.pem', 'ed25519.key', P12_PASSWORD)
  pkcs12('ec256-legacy.p12', 'ec256.pem', 'ec256.key', P12_PASSWORD, '-legacy')
  pkcs12('rsa-legacy.p12', 'rsa.pem', 'rsa.key', P12_PASSWORD, '-legacy')
  pkcs12('chain.p12', 'leaf.pem', 'leaf.key', P12_PASSWORD, '-certfile intermediate-and-root.pem')
  const noNull = withoutNullSignatureParameters(file('rsa.pem'), file('rsa.key'))
  write('rsa-no-null.pem', new X509Certificate(noNull).toString())
  pkcs12('rsa-no-null.p12', 'rsa-no-null.pem', 'rsa.key', P12_PASSWORD)
  pkcs12('no-password.p12', 'ec256.pem', 'ec256.key', '')
  pkcs12('unicode.p12', 'ec256.pem', 'ec256.key', UNICODE_PASSWORD)
  pkcs12('certificate-only.p12', 'ed25519.pem', null, P12_PASSWORD)
  pkcs12('expired.p12', 'expired.pem', 'expired.key', P12_PASSWORD)
  // openssl refuses to pack a key with a certificate it does not belong to; forge does not.
  const mismatched = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(file('rsa-other.key').toString()),
    forge.pki.certificateFromPem(file('rsa.pem').toString()),
    P12_PASSWORD,
    { algorithm: 'aes256' },
  )
  write('mismatched.p12', Buffer.from(forge.asn1.toDer(mismatched).getBytes(), 'binary'))

  // Keys: PKCS#8 (openssl's default above), PKCS#1, SEC1 (with and without EC PARAMETERS),
  // encrypted PKCS#8, legacy Proc-Type encrypted PEM; a public key and a CSR as wrong content.
  const keyPassphrase = `pass:${KEY_PASSPHRASE}`
  openssl('rsa -in rsa.key -traditional -out rsa-pkcs1.key')
  openssl('ec -in ec256.key -out ec256-sec1.key')
  openssl('ecparam -name secp384r1 -genkey -out ec384-with-params.key')
  openssl(
    'pkcs8 -topk8 -v2 aes-256-cbc -in ec384.key -out ec384-encrypted.key',
    '-passout',
    keyPassphrase,
  )
  openssl('pkcs8 -topk8 -in ed25519.key -out ed25519-encrypted.key', '-passout', keyPassphrase)
  openssl(
    'rsa -in rsa.key -traditional -aes256 -out rsa-legacy-encrypted.key',
    '-passout',
    keyPassphrase,
  )
  openssl('ec -in ec521.key -aes128 -out ec521-legacy-encrypted.key', '-passout', keyPassphrase)
  openssl('pkey -in rsa.key -pubout -out rsa-public.key')
  openssl('req -new -key rsa.key -out request.pem', '-subj', '/CN=request')
  // A certificate whose EC point is written compressed, for a key that writes it uncompressed.
  openssl('ec -in ec256.key -conv_form compressed -out ec256-compressed.key')
  openssl(
    'req -x509 -new -key ec256-compressed.key -out ec256-compressed.pem -days 90',
    '-subj',
    '/CN=compressed.example.com',
  )
})

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
})

describe('certificate files: every key type', () => {
  it.each([
    ['rsa', 'RSA 2048'],
    ['ec256', 'EC P-256'],
    ['ec384', 'EC P-384'],
    ['ec521', 'EC P-521'],
    ['ed25519', 'Ed25519'],
  ] as const)('%s.pem parses with the facts openssl reports (%s)', (name, keyType) => {
    const parsed = parseCertificateFile(
      { fileName: `${name}.pem`, data: file(`${name}.pem`) },
      now(),
    )
    expect(parsed.facts).toEqual({
      subject: `CN=${name}.example.com, O=Example`,
      issuer: `CN=${name}.example.com, O=Example`,
      ...opensslFacts(`${name}.pem`),
      keyType,
      subjectAltNames: [`DNS:${name}.example.com`, 'IP Address:127.0.0.1'],
      chainLength: 1,
      chain: [],
    })
    expect(parsed.privateKeyPem).toBeNull()
    expect(parsed.warnings).toEqual([])
    expect(parsed.certificatePem).toBe(new X509Certificate(file(`${name}.pem`)).toString())
    expect(readCertificateFacts(parsed.certificatePem)).toEqual(parsed.facts)
  })
})

describe('certificate files: formats', () => {
  it('reads DER from a .der file', () => {
    const parsed = parseCertificateFile({ fileName: 'ec256.der', data: file('ec256.der') }, now())
    expect(parsed.facts.fingerprintSha256).toBe(opensslFacts('ec256.pem').fingerprintSha256)
    expect(parsed.facts.keyType).toBe('EC P-256')
    expect(parsed.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n/)
  })

  it('reads DER from a .cer file and PEM from a .crt file, whatever the name suggests', () => {
    const cer = parseCertificateFile({ fileName: 'rsa.cer', data: file('rsa.cer') }, now())
    expect(cer.facts.fingerprintSha256).toBe(opensslFacts('rsa.pem').fingerprintSha256)
    const crt = parseCertificateFile({ fileName: 'ed25519.crt', data: file('ed25519.crt') }, now())
    expect(crt.facts.keyType).toBe('Ed25519')
  })

  it('accepts extensions in any case and a path as the file name', () => {
    const parsed = parseCertificateFile(
      { fileName: '/tmp/x/CERT.PEM', data: file('rsa.pem') },
      now(),
    )
    expect(parsed.facts.keyType).toBe('RSA 2048')
  })

  it('uses the certificate of a PEM that also holds a key, and says the key was not used', () => {
    const parsed = parseCertificateFile(
      { fileName: 'cert-and-key.pem', data: file('cert-and-key.pem') },
      now(),
    )
    expect(parsed.facts.keyType).toBe('EC P-256')
    expect(parsed.privateKeyPem).toBeNull()
    expect(parsed.certificatePem).not.toMatch(/PRIVATE KEY/)
    expect(parsed.warnings).toEqual([
      'The private key in "cert-and-key.pem" was not used. To register it, save it as a separate .key file.',
    ])
  })
})

describe('certificate chains', () => {
  const expectedOrder = () =>
    ['leaf.pem', 'Example Intermediate CA.pem', 'root.pem'].map(
      (name) => opensslFacts(name).fingerprintSha256,
    )

  it.each(['chain.pem', 'chain-root-first.pem', 'chain-shuffled.pem'])(
    '%s: the leaf comes first, then its issuers in order',
    (name) => {
      const parsed = parseCertificateFile({ fileName: name, data: file(name) }, now())
      expect(fingerprintsOf(parsed.certificatePem)).toEqual(expectedOrder())
      expect(parsed.facts).toMatchObject({
        subject: 'CN=leaf, O=Example',
        issuer: 'CN=Example Intermediate CA, O=Example',
        keyType: 'RSA 2048',
        chainLength: 3,
        subjectAltNames: [
          'DNS:leaf.example.com',
          'DNS:*.leaf.example.com',
          'email:ops@example.com',
        ],
        ...opensslFacts('leaf.pem'),
        chain: [
          {
            subject: 'CN=Example Intermediate CA, O=Example',
            issuer: 'CN=Example Root CA, O=Example',
            notAfter: opensslFacts('Example Intermediate CA.pem').notAfter,
          },
          {
            subject: 'CN=Example Root CA, O=Example',
            issuer: 'CN=Example Root CA, O=Example',
            notAfter: opensslFacts('root.pem').notAfter,
          },
        ],
      })
      expect(readCertificateFacts(parsed.certificatePem)).toEqual(parsed.facts)
    },
  )

  it('names the common name first, wherever the certificate encodes it', () => {
    openssl(
      `req -x509 ${NEW_KEY.ec256} -nodes -days 90 -keyout cn-first.key -out cn-first.pem`,
      '-subj',
      '/CN=cn-first.example.com/O=Example/OU=Ops',
    )
    const parsed = parseCertificateFile(
      { fileName: 'cn-first.pem', data: file('cn-first.pem') },
      now(),
    )
    expect(parsed.facts.subject).toBe('CN=cn-first.example.com, OU=Ops, O=Example')
  })

  it('counts a repeated certificate once', () => {
    const parsed = parseCertificateFile(
      { fileName: 'chain-repeated.pem', data: file('chain-repeated.pem') },
      now(),
    )
    expect(parsed.facts.chainLength).toBe(2)
    expect(fingerprintsOf(parsed.certificatePem)).toEqual(expectedOrder().slice(0, 2))
  })

  it('warns when a certificate of the chain has expired but the leaf has not', () => {
    const intermediateEnd = new Date(opensslFacts('Example Intermediate CA.pem').notAfter)
    const parsed = parseCertificateFile(
      { fileName: 'chain.pem', data: file('chain.pem') },
      new Date(intermediateEnd.getTime() + DAY),
    )
    expect(parsed.warnings).toEqual([
      'Certificate 2 of the chain (CN=Example Intermediate CA, O=Example) expired on ' +
        `${instantText(intermediateEnd)}; programs that check the whole chain may reject it.`,
    ])
  })
})

describe('validity', () => {
  it('refuses an expired certificate and says when it expired', () => {
    const { notAfter } = opensslFacts('expired.pem')
    expect(notAfter).toBe('2020-01-31T00:00:00.000Z')
    expectRefusal(
      () => parseCertificateFile({ fileName: 'expired.pem', data: file('expired.pem') }, now()),
      'CERT_EXPIRED',
      'certificate',
      new RegExp(`^The certificate expired on ${instantText('2020-01-31T00:00:00.000Z')}\\.`),
    )
  })

  it('refuses an expired certificate inside a PKCS#12 too', () => {
    expectRefusal(
      () =>
        parseCertificateFile(
          { fileName: 'expired.p12', data: file('expired.p12'), password: P12_PASSWORD },
          now(),
        ),
      'CERT_EXPIRED',
      'certificate',
      `expired on ${instantText('2020-01-31T00:00:00.000Z')}`,
    )
  })

  it('counts the not-after instant itself as expired', () => {
    const notAfter = new Date(opensslFacts('rsa.pem').notAfter)
    const input = { fileName: 'rsa.pem', data: file('rsa.pem') }
    expect(parseCertificateFile(input, new Date(notAfter.getTime() - 1)).warnings).toEqual([
      `The certificate expires on ${instantText(notAfter)}, within a day: plan its renewal.`,
    ])
    expectRefusal(
      () => parseCertificateFile(input, notAfter),
      'CERT_EXPIRED',
      'certificate',
      `expired on ${instantText(notAfter)}.`,
    )
  })

  it('warns when the certificate expires within 30 days, and only then', () => {
    const notAfter = new Date(opensslFacts('ec256.pem').notAfter)
    const input = { fileName: 'ec256.pem', data: file('ec256.pem') }
    const at = (daysBefore: number) => new Date(notAfter.getTime() - daysBefore * DAY)
    expect(parseCertificateFile(input, at(29.5)).warnings).toEqual([
      `The certificate expires on ${instantText(notAfter)}, in 30 days: plan its renewal.`,
    ])
    expect(parseCertificateFile(input, at(12)).warnings).toEqual([
      `The certificate expires on ${instantText(notAfter)}, in 12 days: plan its renewal.`,
    ])
    expect(parseCertificateFile(input, at(30)).warnings).toEqual([])
    expect(parseCertificateFile(input, at(60)).warnings).toEqual([])
  })

  it('registers a not-yet-valid certificate with a warning', () => {
    const { notBefore, notAfter } = opensslFacts('future.pem')
    expect(new Date(notBefore).getTime()).toBeGreaterThan(Date.now() + 300 * DAY)
    const parsed = parseCertificateFile({ fileName: 'future.pem', data: file('future.pem') }, now())
    expect(parsed.warnings).toEqual([
      `The certificate is not valid until ${instantText(notBefore)}.`,
    ])
    expect(parsed.facts).toMatchObject({ notBefore, notAfter, keyType: 'EC P-256' })
  })
})

describe('PKCS#12', () => {
  it.each([
    ['rsa.p12', 'rsa', 'RSA 2048'],
    ['rsa-legacy.p12', 'rsa', 'RSA 2048'],
    ['ec256.p12', 'ec256', 'EC P-256'],
    ['ec256-legacy.p12', 'ec256', 'EC P-256'],
    ['ec384.pfx', 'ec384', 'EC P-384'],
    ['ec521.p12', 'ec521', 'EC P-521'],
    ['ed25519.p12', 'ed25519', 'Ed25519'],
  ] as const)('%s gives the exact certificate and its key (%s, %s)', (p12, name, keyType) => {
    const parsed = parseCertificateFile(
      { fileName: p12, data: file(p12), password: P12_PASSWORD },
      now(),
    )
    expect(parsed.facts).toMatchObject({ keyType, chainLength: 1, ...opensslFacts(`${name}.pem`) })
    expect(parsed.certificatePem).toBe(new X509Certificate(file(`${name}.pem`)).toString())
    expect(parsed.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/)
    expect(spkiOf(parsed.privateKeyPem!)).toEqual(spkiOf(file(`${name}.key`)))
    expect(() =>
      assertKeyMatchesCertificate(parsed.certificatePem, parsed.privateKeyPem!),
    ).not.toThrow()
  })

  it('keeps an RSA leaf under EC issuers byte-exact and orders the chain it carries', () => {
    const parsed = parseCertificateFile(
      { fileName: 'chain.p12', data: file('chain.p12'), password: P12_PASSWORD },
      now(),
    )
    expect(fingerprintsOf(parsed.certificatePem)).toEqual(
      ['leaf.pem', 'Example Intermediate CA.pem', 'root.pem'].map(
        (name) => opensslFacts(name).fingerprintSha256,
      ),
    )
    expect(parsed.facts).toMatchObject({ subject: 'CN=leaf, O=Example', chainLength: 3 })
    expect(spkiOf(parsed.privateKeyPem!)).toEqual(spkiOf(file('leaf.key')))
  })

  it('keeps an RSA certificate byte-exact where forge would re-encode it differently', () => {
    const original = new X509Certificate(file('rsa-no-null.pem'))
    expect(original.verify(original.publicKey)).toBe(true)
    expect(original.fingerprint256).not.toBe(opensslFacts('rsa.pem').fingerprintSha256)
    const parsed = parseCertificateFile(
      { fileName: 'rsa-no-null.p12', data: file('rsa-no-null.p12'), password: P12_PASSWORD },
      now(),
    )
    expect(parsed.facts.fingerprintSha256).toBe(original.fingerprint256)
    expect(parsed.certificatePem).toBe(original.toString())
  })

  it('opens a PKCS#12 with an empty password when none is given', () => {
    const parsed = parseCertificateFile(
      { fileName: 'no-password.p12', data: file('no-password.p12') },
      now(),
    )
    expect(parsed.facts.fingerprintSha256).toBe(opensslFacts('ec256.pem').fingerprintSha256)
    expect(parsed.privateKeyPem).not.toBeNull()
  })

  it('opens a PKCS#12 whose password is not ASCII', () => {
    const parsed = parseCertificateFile(
      { fileName: 'unicode.p12', data: file('unicode.p12'), password: UNICODE_PASSWORD },
      now(),
    )
    expect(parsed.facts.keyType).toBe('EC P-256')
    expect(spkiOf(parsed.privateKeyPem!)).toEqual(spkiOf(file('ec256.key')))
  })

  it('gives no key for a PKCS#12 that carries none', () => {
    const parsed = parseCertificateFile(
      {
        fileName: 'certificate-only.p12',
        data: file('certificate-only.p12'),
        password: P12_PASSWORD,
      },
      now(),
    )
    expect(parsed.facts.keyType).toBe('Ed25519')
    expect(parsed.privateKeyPem).toBeNull()
  })

  it.each([undefined, ''])('asks for the password when it is missing (%j)', (password) => {
    for (const name of ['ec256.p12', 'rsa-legacy.p12']) {
      expectRefusal(
        () => parseCertificateFile({ fileName: name, data: file(name), password }, now()),
        'PASSWORD_REQUIRED',
        'certificatePassword',
        new RegExp(`^"${name}" is protected by a password\\. Enter the certificate password`),
      )
    }
  })

  it('says the password is wrong, without repeating it', () => {
    for (const name of ['ec256.p12', 'ec256-legacy.p12', 'ed25519.p12']) {
      const error = expectRefusal(
        () =>
          parseCertificateFile({ fileName: name, data: file(name), password: 'guess-1234' }, now()),
        'WRONG_PASSWORD',
        'certificatePassword',
        new RegExp(`^The certificate password is wrong: it does not open "${name}"`),
      )
      expect(error.message).not.toContain('guess-1234')
    }
  })

  it('refuses a PKCS#12 whose key does not belong to its certificate', () => {
    expectRefusal(
      () =>
        parseCertificateFile(
          { fileName: 'mismatched.p12', data: file('mismatched.p12'), password: P12_PASSWORD },
          now(),
        ),
      'KEY_MISMATCH',
      'certificate',
      /^The private key inside "mismatched\.p12" does not belong to its certificate\./,
    )
  })

  it('refuses a .p12 that is not PKCS#12', () => {
    for (const data of [file('rsa.pem'), file('rsa.cer'), Buffer.from('not pkcs12')]) {
      expectRefusal(
        () => parseCertificateFile({ fileName: 'bundle.p12', data, password: 'x' }, now()),
        'CERT_INVALID',
        'certificate',
        /^"bundle\.p12" is not a certificate: it is not a PKCS#12 \(\.p12\/\.pfx\) file/,
      )
    }
  })
})

describe('certificate files that are refused', () => {
  it('refuses other extensions and names the accepted ones', () => {
    for (const fileName of ['rsa.txt', 'rsa.key', 'rsa', 'rsa.pem.exe']) {
      expectRefusal(
        () => parseCertificateFile({ fileName, data: file('rsa.pem') }, now()),
        'CERT_INVALID',
        'certificate',
        /Choose a \.pem, \.crt, \.cer, \.der, \.p12 or \.pfx file\./,
      )
    }
  })

  it('refuses a file over 1 MiB, and reads one of exactly 1 MiB', () => {
    const pem = file('rsa.pem').toString()
    const padded = (size: number) => Buffer.from(pem + ' '.repeat(size - pem.length))
    expectRefusal(
      () =>
        parseCertificateFile(
          { fileName: 'big.pem', data: padded(MAX_CERTIFICATE_FILE_BYTES + 1) },
          now(),
        ),
      'CERT_INVALID',
      'certificate',
      /^"big\.pem" is larger than 1 MiB/,
    )
    const parsed = parseCertificateFile(
      { fileName: 'big.pem', data: padded(MAX_CERTIFICATE_FILE_BYTES) },
      now(),
    )
    expect(parsed.facts.keyType).toBe('RSA 2048')
  })

  it.each([
    ['empty.pem', Buffer.alloc(0), /^"empty\.pem" is not a certificate: the file is empty\./],
    [
      'noise.der',
      Buffer.from([0x30, 0x82, 0x01, 0x00, 0xde, 0xad]),
      /^"noise\.der" is not a certificate/,
    ],
    ['hello.crt', Buffer.from('hello, world\n'), /^"hello\.crt" is not a certificate/],
    ['p12.cer', Buffer.alloc(2048, 7), /^"p12\.cer" is not a certificate/],
  ])('refuses %s as not a certificate', (fileName, data, message) => {
    expectRefusal(
      () => parseCertificateFile({ fileName, data }, now()),
      'CERT_INVALID',
      'certificate',
      message,
    )
  })

  it('says what a PEM holds when it is not a certificate', () => {
    const cases: [string, RegExp][] = [
      ['rsa.key', /it holds a private key only\. Choose the certificate file/],
      ['request.pem', /it holds a certificate signing request, not the signed certificate/],
      ['rsa-public.key', /it holds no PEM certificate/],
    ]
    for (const [source, message] of cases) {
      expectRefusal(
        () => parseCertificateFile({ fileName: 'wrong.pem', data: file(source) }, now()),
        'CERT_INVALID',
        'certificate',
        message,
      )
    }
  })

  it('names the damaged certificate of a chain', () => {
    const [leaf, intermediate] = [
      file('leaf.pem').toString(),
      file('Example Intermediate CA.pem').toString(),
    ]
    const lines = intermediate.split('\n')
    lines[3] = lines[3]!.replace(/[A-Za-z]/g, '%')
    write('damaged.pem', leaf + lines.join('\n'))
    expectRefusal(
      () => parseCertificateFile({ fileName: 'damaged.pem', data: file('damaged.pem') }, now()),
      'CERT_INVALID',
      'certificate',
      /^"damaged\.pem" is not a valid certificate: certificate 2 of 2 in it is damaged\./,
    )
  })
})

describe('private key files', () => {
  it.each([
    ['rsa.key', 'rsa', undefined],
    ['rsa-pkcs1.key', 'rsa', undefined],
    ['ec256.key', 'ec256', undefined],
    ['ec256-sec1.key', 'ec256', undefined],
    ['ec521.key', 'ec521', undefined],
    ['ed25519.key', 'ed25519', undefined],
    ['ec384-encrypted.key', 'ec384', KEY_PASSPHRASE],
    ['ed25519-encrypted.key', 'ed25519', KEY_PASSPHRASE],
    ['rsa-legacy-encrypted.key', 'rsa', KEY_PASSPHRASE],
    ['ec521-legacy-encrypted.key', 'ec521', KEY_PASSPHRASE],
  ] as const)(
    '%s gives an unencrypted PKCS#8 key that matches %s.pem',
    (keyFile, cert, passphrase) => {
      const pem = parsePrivateKeyFile({ fileName: keyFile, data: file(keyFile), passphrase })
      expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/)
      expect(spkiOf(pem)).toEqual(spkiOf(file(`${cert}.key`)))
      const certificatePem = parseCertificateFile(
        { fileName: `${cert}.pem`, data: file(`${cert}.pem`) },
        now(),
      ).certificatePem
      expect(() => assertKeyMatchesCertificate(certificatePem, pem)).not.toThrow()
    },
  )

  it('reads a SEC1 key preceded by its EC PARAMETERS block', () => {
    expect(file('ec384-with-params.key').toString()).toMatch(
      /BEGIN EC PARAMETERS[\s\S]+BEGIN EC PRIVATE KEY/,
    )
    const pem = parsePrivateKeyFile({
      fileName: 'ec384-with-params.key',
      data: file('ec384-with-params.key'),
    })
    expect(spkiOf(pem)).toEqual(spkiOf(file('ec384-with-params.key')))
  })

  it('ignores a passphrase given for an unencrypted key', () => {
    const pem = parsePrivateKeyFile({
      fileName: 'rsa.key',
      data: file('rsa.key'),
      passphrase: 'unused',
    })
    expect(spkiOf(pem)).toEqual(spkiOf(file('rsa.key')))
  })

  it.each(['ec384-encrypted.key', 'rsa-legacy-encrypted.key'])(
    '%s asks for its passphrase, then refuses a wrong one',
    (fileName) => {
      for (const passphrase of [undefined, '']) {
        expectRefusal(
          () => parsePrivateKeyFile({ fileName, data: file(fileName), passphrase }),
          'PASSWORD_REQUIRED',
          'certificatePassword',
          new RegExp(`^"${fileName}" is encrypted\\. Enter its passphrase`),
        )
      }
      const error = expectRefusal(
        () => parsePrivateKeyFile({ fileName, data: file(fileName), passphrase: 'not-it-9876' }),
        'WRONG_PASSWORD',
        'certificatePassword',
        new RegExp(`^The passphrase is wrong: it does not decrypt "${fileName}"`),
      )
      expect(error.message).not.toContain('not-it-9876')
    },
  )

  it('accepts only .key files', () => {
    for (const fileName of ['rsa.pem', 'rsa.txt', 'rsa', 'rsa.p12']) {
      expectRefusal(
        () => parsePrivateKeyFile({ fileName, data: file('rsa.key') }),
        'KEY_INVALID',
        'privateKey',
        /is not a private key file\. Choose a \.key file/,
      )
    }
  })

  it('refuses a key file over 1 MiB', () => {
    const key = file('rsa.key').toString()
    expectRefusal(
      () =>
        parsePrivateKeyFile({
          fileName: 'big.key',
          data: Buffer.from(key + '\n'.repeat(MAX_CERTIFICATE_FILE_BYTES)),
        }),
      'KEY_INVALID',
      'privateKey',
      /^"big\.key" is larger than 1 MiB/,
    )
  })

  it('says what a .key file holds when it is not a private key', () => {
    const cases: [Buffer, RegExp][] = [
      [file('rsa.pem'), /is not a private key: it holds a certificate\./],
      [file('rsa-public.key'), /is not a private key: it holds a public key only\./],
      [
        Buffer.alloc(0),
        /is not a private key: it holds no PEM private key \(PKCS#8, PKCS#1 or SEC1\)/,
      ],
      [Buffer.from('hunter2\n'), /is not a private key: it holds no PEM private key/],
      [
        createPrivateKey(file('rsa.key')).export({ type: 'pkcs8', format: 'der' }),
        /holds no PEM private key/,
      ],
      [
        Buffer.from(file('rsa.key').toString() + file('ec256.key').toString()),
        /holds 2 private keys/,
      ],
    ]
    for (const [data, message] of cases) {
      expectRefusal(
        () => parsePrivateKeyFile({ fileName: 'wrong.key', data }),
        'KEY_INVALID',
        'privateKey',
        message,
      )
    }
  })

  it('refuses a damaged key', () => {
    const lines = file('ec256.key').toString().split('\n')
    lines[1] = `${lines[1]!.slice(0, 10)}!!!!${lines[1]!.slice(14)}`
    const damaged = lines.join('\n')
    expect(damaged).not.toBe(file('ec256.key').toString())
    expectRefusal(
      () => parsePrivateKeyFile({ fileName: 'damaged.key', data: Buffer.from(damaged) }),
      'KEY_INVALID',
      'privateKey',
      /^"damaged\.key" is not a valid private key/,
    )
  })
})

describe('key and certificate pairing', () => {
  it.each([
    ['rsa', 'rsa-other'],
    ['ec256', 'ec256-other'],
    ['ed25519', 'ed25519-other'],
    ['ec256', 'ec384'],
    ['rsa', 'ed25519'],
    ['leaf', 'Example Intermediate CA'],
  ])('refuses, for %s.pem, the key of %s', (cert, key) => {
    const certificatePem = file(`${cert}.pem`).toString()
    const keyPem = parsePrivateKeyFile({ fileName: `${key}.key`, data: file(`${key}.key`) })
    expectRefusal(
      () => assertKeyMatchesCertificate(certificatePem, keyPem),
      'KEY_MISMATCH',
      'privateKey',
      /^The private key does not belong to this certificate\./,
    )
  })

  it('pairs a key with a certificate that writes the same EC point compressed', () => {
    const certificatePem = parseCertificateFile(
      { fileName: 'ec256-compressed.pem', data: file('ec256-compressed.pem') },
      now(),
    ).certificatePem
    const keyPem = parsePrivateKeyFile({ fileName: 'ec256.key', data: file('ec256.key') })
    const certificateSpki = new X509Certificate(certificatePem).publicKey.export({
      type: 'spki',
      format: 'der',
    })
    expect(certificateSpki.length).toBeLessThan(spkiOf(keyPem).length)
    expect(() => assertKeyMatchesCertificate(certificatePem, keyPem)).not.toThrow()
    const otherKeyPem = parsePrivateKeyFile({ fileName: 'o.key', data: file('ec256-other.key') })
    expectRefusal(
      () => assertKeyMatchesCertificate(certificatePem, otherKeyPem),
      'KEY_MISMATCH',
      'privateKey',
      /^The private key does not belong to this certificate\./,
    )
  })

  it('pairs against the leaf of a chain, not its issuers', () => {
    const chainPem = parseCertificateFile(
      { fileName: 'chain.pem', data: file('chain.pem') },
      now(),
    ).certificatePem
    const leafKey = parsePrivateKeyFile({ fileName: 'leaf.key', data: file('leaf.key') })
    const intermediateKey = parsePrivateKeyFile({
      fileName: 'i.key',
      data: file('Example Intermediate CA.key'),
    })
    expect(() => assertKeyMatchesCertificate(chainPem, leafKey)).not.toThrow()
    expect(() => assertKeyMatchesCertificate(chainPem, intermediateKey)).toThrow(SafeholdError)
  })

  it('refuses input that is not a certificate or not a key', () => {
    const keyPem = parsePrivateKeyFile({ fileName: 'rsa.key', data: file('rsa.key') })
    expectRefusal(
      () => assertKeyMatchesCertificate('not a certificate', keyPem),
      'CERT_INVALID',
      'certificate',
      /is not a readable PEM certificate/,
    )
    expectRefusal(
      () => assertKeyMatchesCertificate(file('rsa.pem').toString(), 'not a key'),
      'KEY_INVALID',
      'privateKey',
      /The private key cannot be read/,
    )
    expectRefusal(
      () => readCertificateFacts(''),
      'CERT_INVALID',
      'certificate',
      /not a readable PEM/,
    )
  })
})

describe('through the certificate worker', () => {
  const reader = certificateReader()
  const input = (fileName: string, password?: string) =>
    password === undefined
      ? { fileName, data: file(fileName) }
      : { fileName, data: file(fileName), password }

  it.each([
    ['rsa.p12', undefined],
    ['rsa-legacy.p12', undefined],
    ['ec256-legacy.p12', undefined],
    ['ec521.p12', undefined],
    ['ed25519.p12', undefined],
    ['chain.p12', undefined],
    ['ec384.pem', 'ec384-encrypted.key'],
    ['rsa.pem', 'rsa-legacy-encrypted.key'],
  ] as const)('%s (with %s) reads exactly as in this thread', async (certificate, key) => {
    const read = await reader.read(
      {
        certificate: input(certificate, P12_PASSWORD),
        ...(key === undefined ? {} : { privateKey: input(key, KEY_PASSPHRASE) }),
      },
      now(),
    )
    const here = parseCertificateFile(
      { fileName: certificate, data: file(certificate), password: P12_PASSWORD },
      now(),
    )
    expect(read.certificatePem).toBe(here.certificatePem)
    expect(read.facts).toEqual(here.facts)
    expect(read.warnings).toEqual(here.warnings)
    const keyPem =
      key === undefined
        ? here.privateKeyPem
        : parsePrivateKeyFile({ fileName: key, data: file(key), passphrase: KEY_PASSPHRASE })
    expect(spkiOf(read.privateKeyPem!)).toEqual(spkiOf(keyPem!))
  })

  it('reads a key file alone, as an edit that replaces only the key does', async () => {
    const read = await reader.read(
      { privateKey: input('ed25519-encrypted.key', KEY_PASSPHRASE) },
      now(),
    )
    expect(read).toMatchObject({ certificatePem: null, facts: null, warnings: [] })
    expect(spkiOf(read.privateKeyPem!)).toEqual(spkiOf(file('ed25519.key')))
  })

  it.each([
    ['rsa.p12', 'guess-1234', undefined, 'WRONG_PASSWORD', 'certificatePassword'],
    ['expired.p12', P12_PASSWORD, undefined, 'CERT_EXPIRED', 'certificate'],
    ['mismatched.p12', P12_PASSWORD, undefined, 'KEY_MISMATCH', 'certificate'],
    ['rsa.pem', undefined, 'ec256.key', 'KEY_MISMATCH', 'privateKey'],
  ] as const)(
    '%s answers the same typed error',
    async (certificate, password, key, code, field) => {
      const files = {
        certificate: input(certificate, password),
        ...(key === undefined ? {} : { privateKey: input(key) }),
      }
      const error = await reader.read(files, now()).then(
        () => null,
        (thrown: unknown) => thrown,
      )
      expect(error).toBeInstanceOf(SafeholdError)
      expect(error).toMatchObject({ code, field })
      expect((error as Error).message).not.toContain('guess-1234')
    },
  )
})
