/**
 * Opens a PKCS#12 (.p12/.pfx) container. node-forge handles the container only (MAC check,
 * decryption); each certificate leaves as its exact DER and each key as a Node KeyObject, because
 * forge itself parses nothing but RSA. A wrong or missing password is always reported as such and
 * never as a damaged file, and no error message carries key material. No key is derived before
 * every iteration count the file shows has passed its cap (pkcs12-limits), and none while forge
 * works without its count being checked first (forge-derivation-guard).
 */

import { createPrivateKey, type KeyObject } from 'node:crypto'
import forge from 'node-forge'
import { isSafeholdError, SafeholdError } from '../../shared/errors'
import { withDerivationGuard } from './forge-derivation-guard'
import { assertPkcs12WorkBounded } from './pkcs12-limits'
import { DEFAULT_WORK_LIMITS, type WorkLimits } from './work-limits'

export interface Pkcs12Contents {
  /** DER of every certificate, in file order. */
  certificates: Buffer[]
  keys: KeyObject[]
}

const PASSWORD_FIELD = 'certificatePassword'

export function readPkcs12(
  fileName: string,
  data: Buffer,
  password: string | undefined,
  limits: WorkLimits = DEFAULT_WORK_LIMITS,
): Pkcs12Contents {
  assertPkcs12WorkBounded(fileName, readPfxAsn1(fileName, data), limits)
  const pfx = withDerivationGuard(fileName, limits, () => openPfx(fileName, data, password))
  const certificates: Buffer[] = []
  const keys: KeyObject[] = []
  for (const safeContents of pfx.safeContents) {
    for (const bag of safeContents.safeBags) {
      if (bag.type === forge.pki.oids.certBag) {
        certificates.push(certificateDer(bag))
      } else if (
        bag.type === forge.pki.oids.keyBag ||
        bag.type === forge.pki.oids.pkcs8ShroudedKeyBag
      ) {
        keys.push(privateKey(fileName, bag))
      }
    }
  }
  return { certificates, keys }
}

function openPfx(
  fileName: string,
  data: Buffer,
  password: string | undefined,
): forge.pkcs12.Pkcs12Pfx {
  const given = password !== undefined && password.length > 0
  const hasMac = readPfxAsn1(fileName, data).value.length > 2
  // An empty password is written as two zero bytes by OpenSSL and as nothing by some Windows
  // exports; with no password given, both are tried.
  const candidates: (string | undefined)[] = given ? [password] : ['', undefined]

  for (const candidate of candidates) {
    try {
      return forge.pkcs12.pkcs12FromAsn1(readPfxAsn1(fileName, data), false, candidate)
    } catch (error) {
      if (isSafeholdError(error)) throw error
      if (isMacFailure(error)) continue
      // Past this point the MAC verified (or there is none). forge hands one password string to
      // both the PKCS#12 KDF (UTF-16 code units) and PBKDF2, which RFC 8018 and OpenSSL feed
      // UTF-8 bytes, so a non-ASCII password opens the MAC but not AES content. Retrying the
      // already-verified content with the UTF-8 form fixes that.
      if (candidate !== undefined && !isAscii(candidate)) {
        const withoutMac = readPfxAsn1(fileName, data)
        withoutMac.value.length = 2
        try {
          return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, utf8Binary(candidate))
        } catch (retryError) {
          if (isSafeholdError(retryError)) throw retryError
        }
      }
      // Without a MAC a wrong password surfaces only as content that does not decrypt.
      if (!hasMac) continue
      throw new SafeholdError(
        'CERT_INVALID',
        `"${fileName}" opened with this password, but its contents use a PKCS#12 format or ` +
          'encryption that Safehold cannot read. Export it again (for example with ' +
          '"openssl pkcs12 -export"), or register a PEM certificate with a .key file.',
        'certificate',
      )
    }
  }

  if (given) {
    throw new SafeholdError(
      'WRONG_PASSWORD',
      `The certificate password is wrong: it does not open "${fileName}". Check it and try again.`,
      PASSWORD_FIELD,
    )
  }
  throw new SafeholdError(
    'PASSWORD_REQUIRED',
    `"${fileName}" is protected by a password. Enter the certificate password to open it.`,
    PASSWORD_FIELD,
  )
}

/** Parsed afresh for every attempt: forge rewrites chunked OCTET STRINGs in place while reading. */
function readPfxAsn1(
  fileName: string,
  data: Buffer,
): forge.asn1.Asn1 & { value: forge.asn1.Asn1[] } {
  let parsed: forge.asn1.Asn1 | undefined
  try {
    parsed = forge.asn1.fromDer(data.toString('binary'), false)
  } catch {
    parsed = undefined
  }
  // PFX ::= SEQUENCE { version INTEGER, authSafe ContentInfo, macData MacData OPTIONAL }
  if (
    parsed === undefined ||
    parsed.tagClass !== forge.asn1.Class.UNIVERSAL ||
    parsed.type !== forge.asn1.Type.SEQUENCE ||
    !Array.isArray(parsed.value) ||
    parsed.value.length < 2 ||
    parsed.value[0]?.type !== forge.asn1.Type.INTEGER ||
    parsed.value[1]?.type !== forge.asn1.Type.SEQUENCE
  ) {
    throw new SafeholdError(
      'CERT_INVALID',
      `"${fileName}" is not a certificate: it is not a PKCS#12 (.p12/.pfx) file, or it is damaged.`,
      'certificate',
    )
  }
  return parsed as forge.asn1.Asn1 & { value: forge.asn1.Asn1[] }
}

function isMacFailure(error: unknown): boolean {
  return error instanceof Error && /MAC could not be verified/.test(error.message)
}

function isAscii(text: string): boolean {
  return [...text].every((character) => character.charCodeAt(0) < 0x80)
}

function utf8Binary(text: string): string {
  return Buffer.from(text, 'utf8').toString('binary')
}

function certificateDer(bag: forge.pkcs12.Bag): Buffer {
  if (bag.cert === undefined || bag.cert === null) return toBuffer(bag.asn1)
  // forge parsed this one (an RSA key, RSA-signed) and re-encodes it on the way out. It rebuilds
  // the outer signatureAlgorithm from its own table: always with NULL parameters, even where the
  // issuer left them out, which changes the DER and so the fingerprint. RFC 5280 §4.1.1.2 requires
  // that field to equal TBSCertificate.signature, which forge keeps byte for byte: copy it.
  const certificate = forge.pki.certificateToAsn1(bag.cert)
  const outer = certificate.value as forge.asn1.Asn1[]
  const tbs = bag.cert.tbsCertificate.value as forge.asn1.Asn1[]
  const hasVersion = tbs[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC
  const signatureAlgorithm = tbs[hasVersion ? 2 : 1]
  if (signatureAlgorithm !== undefined) outer[1] = signatureAlgorithm
  return toBuffer(certificate)
}

function privateKey(fileName: string, bag: forge.pkcs12.Bag): KeyObject {
  const der =
    bag.key === undefined || bag.key === null
      ? toBuffer(bag.asn1)
      : toBuffer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)))
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  } catch {
    throw new SafeholdError(
      'KEY_INVALID',
      `The private key inside "${fileName}" cannot be read. Export the file again, or register ` +
        'the certificate with a separate .key file.',
      'certificate',
    )
  }
}

function toBuffer(asn1: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')
}
