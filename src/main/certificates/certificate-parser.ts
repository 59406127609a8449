/**
 * Turns the certificate and private-key files a user chooses into normalized PEM and facts
 * (DESIGN.md §1.1). What leaves this module has been read by Node's crypto: a certificate PEM with
 * its leaf first, an unencrypted PKCS#8 key that matches it, or a SafeholdError that names the
 * field and the problem without any key material. No Electron here: the CLI runs it too.
 */

import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import path from 'node:path'
import type { CertificateFacts } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { arrangeChain, certificateFacts, checkValidity, publicKeysMatch } from './certificate-chain'
import { readPkcs12 } from './pkcs12-reader'
import { checkEncryptedPrivateKey, DEFAULT_WORK_LIMITS, type WorkLimits } from './work-limits'

export interface CertificateFileInput {
  fileName: string
  data: Buffer
  password?: string
}

export interface PrivateKeyFileInput {
  fileName: string
  data: Buffer
  passphrase?: string
}

export interface ParsedCertificate {
  /** PEM text: leaf first, then the rest of the chain, normalized. */
  certificatePem: string
  facts: CertificateFacts
  /** Unencrypted PKCS#8 PEM of a key carried inside a PKCS#12, else null. */
  privateKeyPem: string | null
  warnings: string[]
}

export const MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024

const CERTIFICATE_EXTENSIONS = ['.pem', '.crt', '.cer', '.der', '.p12', '.pfx']
const PKCS12_EXTENSIONS = ['.p12', '.pfx']
const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE'])
const PRIVATE_KEY_LABELS = new Set([
  'PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
])

export function parseCertificateFile(
  input: CertificateFileInput,
  now: Date,
  limits: WorkLimits = DEFAULT_WORK_LIMITS,
): ParsedCertificate {
  const name = path.basename(input.fileName)
  const extension = extensionOf(name)
  if (!CERTIFICATE_EXTENSIONS.includes(extension)) {
    throw certificateError(
      `"${name}" is not a certificate file Safehold reads. Choose a .pem, .crt, .cer, .der, .p12 ` +
        'or .pfx file.',
    )
  }
  if (input.data.length > MAX_CERTIFICATE_FILE_BYTES) {
    throw certificateError(`"${name}" is larger than 1 MiB, too large for a certificate file.`)
  }
  if (input.data.length === 0) {
    throw certificateError(`"${name}" is not a certificate: the file is empty.`)
  }

  const warnings: string[] = []
  let certificates: X509Certificate[]
  let key: KeyObject | null = null
  if (PKCS12_EXTENSIONS.includes(extension)) {
    const contents = readPkcs12(name, input.data, input.password, limits)
    certificates = contents.certificates.map((der, index, all) =>
      readCertificate(name, der, index, all.length),
    )
    if (certificates.length === 0) {
      throw certificateError(`"${name}" is not usable: the PKCS#12 file holds no certificate.`)
    }
    key = pairedKey(name, certificates, contents.keys)
  } else {
    certificates = readCertificateFileContent(name, input.data, warnings)
  }

  const chain = arrangeChain(certificates, key)
  warnings.push(...checkValidity(chain, now))
  return {
    certificatePem: chain.map((certificate) => certificate.toString()).join(''),
    facts: certificateFacts(chain),
    privateKeyPem: key === null ? null : (key.export({ type: 'pkcs8', format: 'pem' }) as string),
    warnings,
  }
}

export function parsePrivateKeyFile(
  input: PrivateKeyFileInput,
  limits: WorkLimits = DEFAULT_WORK_LIMITS,
): string {
  const name = path.basename(input.fileName)
  if (extensionOf(name) !== '.key') {
    throw keyError(`"${name}" is not a private key file. Choose a .key file (PEM).`)
  }
  if (input.data.length > MAX_CERTIFICATE_FILE_BYTES) {
    throw keyError(`"${name}" is larger than 1 MiB, too large for a private key file.`)
  }
  const blocks = pemBlocks(input.data.toString('utf8'))
  const keyBlocks = blocks.filter((block) => PRIVATE_KEY_LABELS.has(block.label))
  if (keyBlocks.length === 0) throw keyError(notAKeyMessage(name, blocks))
  if (keyBlocks.length > 1) {
    throw keyError(
      `"${name}" holds ${keyBlocks.length} private keys. Keep only the one that belongs to the ` +
        'certificate.',
    )
  }

  const block = keyBlocks[0]!
  const encrypted =
    block.label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type:\s*4,ENCRYPTED/m.test(block.body)
  // Refused before a passphrase is even asked for: no passphrase would make it affordable.
  const der = block.label === 'ENCRYPTED PRIVATE KEY' ? pemBlockDer(block) : null
  if (der !== null) checkEncryptedPrivateKey(der, name, limits)
  const passphrase = input.passphrase ?? ''
  if (encrypted && passphrase.length === 0) {
    throw new SafeholdError(
      'PASSWORD_REQUIRED',
      `"${name}" is encrypted. Enter its passphrase as the certificate password.`,
      'certificatePassword',
    )
  }
  let key: KeyObject
  try {
    key = createPrivateKey(
      encrypted
        ? { key: block.text, format: 'pem', passphrase }
        : { key: block.text, format: 'pem' },
    )
  } catch {
    // Once encryption is known, a failure is a wrong passphrase: OpenSSL cannot tell it apart
    // from a damaged file, and a wrong passphrase is by far the likelier.
    if (encrypted) {
      throw new SafeholdError(
        'WRONG_PASSWORD',
        `The passphrase is wrong: it does not decrypt "${name}". Check it and try again.`,
        'certificatePassword',
      )
    }
    throw keyError(`"${name}" is not a valid private key: its PEM content is damaged.`)
  }
  return key.export({ type: 'pkcs8', format: 'pem' }) as string
}

export function assertKeyMatchesCertificate(certificatePem: string, privateKeyPem: string): void {
  const leaf = readPemChain(certificatePem)[0]!
  let publicKey: KeyObject
  try {
    publicKey = createPublicKey(createPrivateKey(privateKeyPem))
  } catch {
    throw keyError('The private key cannot be read. Choose the .key file again.')
  }
  if (!publicKeysMatch(publicKey, leaf.publicKey)) {
    throw new SafeholdError(
      'KEY_MISMATCH',
      'The private key does not belong to this certificate. Choose the key that was created ' +
        'with it.',
      'privateKey',
    )
  }
}

/** Facts of a stored chain: its first certificate is the leaf. */
export function readCertificateFacts(certificatePem: string): CertificateFacts {
  const chain = readPemChain(certificatePem)
  return certificateFacts(chain)
}

interface PemBlock {
  label: string
  /** The whole block, BEGIN to END line. */
  text: string
  /** Between the BEGIN and END lines: optional RFC 1421 headers, then base64. */
  body: string
}

function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = []
  for (const match of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)) {
    blocks.push({ label: match[1]!, text: match[0], body: match[2]! })
  }
  return blocks
}

function pemBlockDer(block: PemBlock): Buffer | null {
  const base64 = block.body.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null
  return Buffer.from(base64, 'base64')
}

/** PEM or DER, told apart by content: a .cer or .crt is either, whatever its name suggests. */
function readCertificateFileContent(
  name: string,
  data: Buffer,
  warnings: string[],
): X509Certificate[] {
  const text = data.toString('utf8')
  if (!text.includes('-----BEGIN ')) {
    try {
      return [new X509Certificate(data)]
    } catch {
      throw certificateError(
        `"${name}" is not a certificate: it holds neither a PEM nor a DER X.509 certificate.`,
      )
    }
  }

  const blocks = pemBlocks(text)
  const certificateBlocks = blocks.filter((block) => CERTIFICATE_LABELS.has(block.label))
  if (certificateBlocks.length === 0) throw certificateError(notACertificateMessage(name, blocks))
  if (blocks.some((block) => PRIVATE_KEY_LABELS.has(block.label))) {
    warnings.push(
      `The private key in "${name}" was not used. To register it, save it as a separate .key file.`,
    )
  }
  return certificateBlocks.map((block, index, all) =>
    readCertificate(name, pemBlockDer(block), index, all.length),
  )
}

function readCertificate(
  name: string,
  der: Buffer | null,
  index: number,
  count: number,
): X509Certificate {
  try {
    if (der !== null) return new X509Certificate(der)
  } catch {
    // reported below
  }
  throw certificateError(
    `"${name}" is not a valid certificate: certificate ${index + 1} of ${count} in it is damaged.`,
  )
}

function readPemChain(certificatePem: string): X509Certificate[] {
  const blocks = pemBlocks(certificatePem).filter((block) => CERTIFICATE_LABELS.has(block.label))
  try {
    const chain = blocks.map((block) => new X509Certificate(pemBlockDer(block) ?? Buffer.alloc(0)))
    if (chain.length > 0) return chain
  } catch {
    // reported below
  }
  throw certificateError('The certificate is not a readable PEM certificate. Register it again.')
}

function notACertificateMessage(name: string, blocks: PemBlock[]): string {
  const labels = blocks.map((block) => block.label)
  const start = `"${name}" is not a certificate:`
  if (labels.some((label) => PRIVATE_KEY_LABELS.has(label))) {
    return `${start} it holds a private key only. Choose the certificate file; give the key as a .key file.`
  }
  if (labels.some((label) => label.endsWith('CERTIFICATE REQUEST'))) {
    return `${start} it holds a certificate signing request, not the signed certificate.`
  }
  if (labels.includes('PKCS7')) {
    return `${start} it holds a PKCS#7 bundle. Export the certificates from it as PEM.`
  }
  return `${start} it holds no PEM certificate.`
}

function notAKeyMessage(name: string, blocks: PemBlock[]): string {
  const labels = blocks.map((block) => block.label)
  const start = `"${name}" is not a private key:`
  if (labels.some((label) => CERTIFICATE_LABELS.has(label))) {
    return `${start} it holds a certificate. Choose the key file that belongs to the certificate.`
  }
  if (labels.some((label) => label.endsWith('PUBLIC KEY'))) {
    return `${start} it holds a public key only. Choose the private key.`
  }
  return `${start} it holds no PEM private key (PKCS#8, PKCS#1 or SEC1).`
}

/** The leaf of a PKCS#12 is the certificate its key belongs to; a key without one is refused. */
function pairedKey(
  name: string,
  certificates: X509Certificate[],
  keys: KeyObject[],
): KeyObject | null {
  if (keys.length === 0) return null
  for (const key of keys) {
    const publicKey = createPublicKey(key)
    if (certificates.some((certificate) => publicKeysMatch(publicKey, certificate.publicKey))) {
      return key
    }
  }
  throw new SafeholdError(
    'KEY_MISMATCH',
    `The private key inside "${name}" does not belong to its certificate. Export the file again ` +
      'with the matching key.',
    'certificate',
  )
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot).toLowerCase()
}

function certificateError(message: string): SafeholdError {
  return new SafeholdError('CERT_INVALID', message, 'certificate')
}

function keyError(message: string): SafeholdError {
  return new SafeholdError('KEY_INVALID', message, 'privateKey')
}
