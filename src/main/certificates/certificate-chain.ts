/**
 * Works on certificates already read by Node's X509Certificate: which one is the leaf, the order
 * of its chain, whether it is valid now, and the facts shown in its place. The chain always starts
 * with the leaf, and facts hold only public certificate data: they are sent to the renderer.
 */

import { createPublicKey, type KeyObject, type X509Certificate } from 'node:crypto'
import type { CertificateFacts } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { instantText } from '../../shared/time-text'
import { DAY_MS } from '../lifecycle/secret-status'

const CURVE_NAMES: Record<string, string> = {
  prime256v1: 'P-256',
  'P-256': 'P-256',
  secp384r1: 'P-384',
  'P-384': 'P-384',
  secp521r1: 'P-521',
  'P-521': 'P-521',
}

/**
 * Leaf first, then its issuer, that one's issuer, …; certificates off that path keep file order.
 * With a key, the leaf is the certificate it belongs to; without, see chooseLeaf.
 */
export function arrangeChain(
  certificates: X509Certificate[],
  leafKey: KeyObject | null,
): X509Certificate[] {
  const unique = withoutDuplicates(certificates)
  const leaf =
    (leafKey === null
      ? chooseLeaf(unique)
      : unique.find((certificate) => publicKeysMatch(leafKey, certificate.publicKey))) ?? unique[0]!
  const ordered = [leaf]
  const rest = unique.filter((certificate) => certificate !== leaf)
  let current = leaf
  for (;;) {
    const index = rest.findIndex((candidate) => current.checkIssued(candidate))
    if (index < 0) break
    current = rest.splice(index, 1)[0]!
    ordered.push(current)
  }
  return [...ordered, ...rest]
}

/**
 * The leaf is the one certificate that issued none of the others, so a chain saved root first
 * still works. When that does not single one out (unrelated certificates), the first one is it.
 */
function chooseLeaf(certificates: X509Certificate[]): X509Certificate {
  const candidates = certificates.filter(
    (candidate) =>
      !certificates.some((other) => other !== candidate && other.checkIssued(candidate)),
  )
  return candidates.length === 1 ? candidates[0]! : certificates[0]!
}

/** A chain file that repeats a certificate says nothing more; chainLength counts it once. */
function withoutDuplicates(certificates: X509Certificate[]): X509Certificate[] {
  const seen = new Set<string>()
  return certificates.filter((certificate) => {
    if (seen.has(certificate.fingerprint256)) return false
    seen.add(certificate.fingerprint256)
    return true
  })
}

/** A certificate that expires sooner than this is registered with a warning. */
export const EXPIRY_WARNING_DAYS = 30

/** Refuses an expired leaf; returns warnings for a leaf not valid yet and for expired chain links. */
export function checkValidity(chain: X509Certificate[], now: Date): string[] {
  const leaf = chain[0]!
  const notAfter = validTo(leaf)
  if (notAfter.getTime() <= now.getTime()) {
    throw new SafeholdError(
      'CERT_EXPIRED',
      `The certificate expired on ${instantText(notAfter)}. Register a renewed certificate.`,
      'certificate',
    )
  }
  const warnings: string[] = []
  const left = notAfter.getTime() - now.getTime()
  if (left < EXPIRY_WARNING_DAYS * DAY_MS) {
    const days = Math.ceil(left / DAY_MS)
    warnings.push(
      `The certificate expires on ${instantText(notAfter)}, ${days === 1 ? 'within a day' : `in ${days} days`}: plan its renewal.`,
    )
  }
  const notBefore = validFrom(leaf)
  if (notBefore.getTime() > now.getTime()) {
    warnings.push(`The certificate is not valid until ${instantText(notBefore)}.`)
  }
  chain.slice(1).forEach((certificate, index) => {
    const expiredAt = validTo(certificate)
    if (expiredAt.getTime() <= now.getTime()) {
      warnings.push(
        `Certificate ${index + 2} of the chain (${readableName(certificate.subject)}) expired on ` +
          `${instantText(expiredAt)}; programs that check the whole chain may reject it.`,
      )
    }
  })
  return warnings
}

export function publicKeysMatch(a: KeyObject, b: KeyObject): boolean {
  const aPublic = a.type === 'private' ? createPublicKey(a) : a
  const bPublic = b.type === 'private' ? createPublicKey(b) : b
  const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' })
  if (spki(aPublic).equals(spki(bPublic))) return true
  // One EC point may be written compressed in one key and uncompressed in the other. Not
  // KeyObject.equals(): on Node 20 comparing keys of different types leaves an OpenSSL error
  // queued that makes the next, unrelated crypto call fail.
  if (aPublic.asymmetricKeyType !== 'ec' || bPublic.asymmetricKeyType !== 'ec') return false
  try {
    const [aJwk, bJwk] = [aPublic.export({ format: 'jwk' }), bPublic.export({ format: 'jwk' })]
    return aJwk.crv === bJwk.crv && aJwk.x === bJwk.x && aJwk.y === bJwk.y
  } catch {
    return false
  }
}

/** Facts of `chain[0]`, the leaf, with the members of its chain after it. */
export function certificateFacts(chain: X509Certificate[]): CertificateFacts {
  const leaf = chain[0]!
  return {
    subject: readableName(leaf.subject),
    issuer: readableName(leaf.issuer),
    serialNumber: leaf.serialNumber,
    fingerprintSha256: leaf.fingerprint256,
    notBefore: validFrom(leaf).toISOString(),
    notAfter: validTo(leaf).toISOString(),
    keyType: keyTypeLabel(leaf.publicKey),
    subjectAltNames: splitSubjectAltNames(leaf.subjectAltName),
    chainLength: chain.length,
    chain: chain.slice(1).map((member) => ({
      subject: readableName(member.subject),
      issuer: readableName(member.issuer),
      notAfter: validTo(member).toISOString(),
    })),
  }
}

/**
 * Node prints a name one RDN per line in encoding order (most general first). People read names
 * most specific first, as RFC 4514, browsers and Windows show them: 'CN=api.example.com, O=Example'
 * — and the common name first even where a certificate encodes it elsewhere, since it is what
 * people recognise a certificate by. Node escapes commas and control characters in values (RFC
 * 2253 rules), so joining stays unambiguous.
 */
export function readableName(multiline: string): string {
  const parts = multiline
    .split('\n')
    .filter((line) => line.length > 0)
    .reverse()
  const commonNames = parts.filter((part) => part.startsWith('CN='))
  return [...commonNames, ...parts.filter((part) => !part.startsWith('CN='))].join(', ')
}

// Electron's Node (≥ 22.10) has validFromDate/validToDate; Node 20 only has the OpenSSL text form
// ('Jan  1 00:00:00 2020 GMT'), which V8's Date parser reads.
type DatedCertificate = X509Certificate & { validFromDate?: Date; validToDate?: Date }

function validFrom(certificate: X509Certificate): Date {
  const dated = certificate as DatedCertificate
  return checkedDate(dated.validFromDate ?? new Date(certificate.validFrom), 'start')
}

function validTo(certificate: X509Certificate): Date {
  const dated = certificate as DatedCertificate
  return checkedDate(dated.validToDate ?? new Date(certificate.validTo), 'end')
}

function checkedDate(date: Date, which: 'start' | 'end'): Date {
  if (Number.isNaN(date.getTime())) {
    throw new SafeholdError(
      'CERT_INVALID',
      `The certificate's validity ${which} date cannot be read. Choose another certificate.`,
      'certificate',
    )
  }
  return date
}

function keyTypeLabel(publicKey: KeyObject): string {
  const details = publicKey.asymmetricKeyDetails ?? {}
  switch (publicKey.asymmetricKeyType) {
    case 'rsa':
      return `RSA ${details.modulusLength ?? '?'}`
    case 'rsa-pss':
      return `RSA-PSS ${details.modulusLength ?? '?'}`
    case 'dsa':
      return `DSA ${details.modulusLength ?? '?'}`
    case 'ec': {
      const curve = details.namedCurve ?? 'unknown curve'
      return `EC ${CURVE_NAMES[curve] ?? curve}`
    }
    case 'ed25519':
      return 'Ed25519'
    case 'ed448':
      return 'Ed448'
    default:
      return (publicKey.asymmetricKeyType ?? 'unknown').toUpperCase()
  }
}

/**
 * Node joins the names with ', ' and, since CVE-2021-44532, JSON-quotes any value that could be
 * confused with that separator ('DNS:"a, b"'), so a split must respect the quotes.
 */
function splitSubjectAltNames(subjectAltName: string | undefined): string[] {
  if (subjectAltName === undefined || subjectAltName.length === 0) return []
  const entries = subjectAltName.match(/(?:[^,"]|"(?:\\.|[^"\\])*")+/g) ?? []
  return entries
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map(unquoteValue)
}

function unquoteValue(entry: string): string {
  const match = /^([^:"]+:)"(.*)"$/.exec(entry)
  if (match === null) return entry
  try {
    return `${match[1]}${JSON.parse(`"${match[2]}"`) as string}`
  } catch {
    return entry
  }
}
