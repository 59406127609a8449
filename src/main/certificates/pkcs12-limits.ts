/**
 * Reads every iteration count a PKCS#12 (PFX) shows before a password is tried, and refuses the
 * file (WORK_LIMIT) when one is over its cap: the MAC's, each EncryptedData's and each shrouded key
 * bag's in plaintext SafeContents (RFC 7292). Counts hidden inside encrypted SafeContents cannot be
 * read without deriving a key; pkcs12-reader checks those at the moment node-forge derives. Nothing
 * here derives, decrypts or sees a password; a structure it cannot follow is left to the parser.
 */
import forge from 'node-forge'
import {
  checkIterations,
  checkPasswordAlgorithm,
  children,
  integerValue,
  oidOf,
  PKCS12_REEXPORT,
  type WorkLimits,
  type WorkSite,
} from './work-limits'

type Asn1 = forge.asn1.Asn1

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  pbmac1: '1.2.840.113549.1.5.14',
}

/** SafeContents may nest through safeContentsBag; real files never go deeper than one level. */
const MAX_NESTING = 4

export function assertPkcs12WorkBounded(fileName: string, pfx: Asn1, limits: WorkLimits): void {
  const site = (part: string): WorkSite => ({
    fileName,
    part,
    field: 'certificate',
    reexport: PKCS12_REEXPORT,
  })
  // PFX ::= SEQUENCE { version INTEGER, authSafe ContentInfo, macData MacData OPTIONAL }
  const [, authSafe, macData] = children(pfx)
  if (macData !== undefined) checkMac(macData, site('its integrity check (MAC)'), limits)

  // authSafe is a ContentInfo of type data whose OCTET STRING holds the AuthenticatedSafe.
  const safe = parsedContent(authSafe, OID.data)
  for (const contentInfo of children(safe)) {
    const [typeNode, content] = children(contentInfo)
    const type = oidOf(typeNode)
    if (type === OID.data) {
      checkSafeContents(parsedContent(contentInfo, OID.data), site, limits, 0)
    } else if (type === OID.encryptedData) {
      // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo ::= SEQUENCE { contentType,
      //   contentEncryptionAlgorithm, [0] encryptedContent } }
      const encryptedData = children(content)[0]
      const encryptedContentInfo = children(encryptedData)[1]
      checkPasswordAlgorithm(children(encryptedContentInfo)[1], site('its certificates'), limits)
    }
  }
}

/** MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 } */
function checkMac(macData: Asn1, site: WorkSite, limits: WorkLimits): void {
  const [digestInfo, , iterations] = children(macData)
  const digestAlgorithm = children(digestInfo)[0]
  // PBMAC1 (RFC 9579) keeps its own PBKDF2 count and ignores MacData.iterations.
  if (oidOf(children(digestAlgorithm)[0]) === OID.pbmac1) {
    checkPasswordAlgorithm(digestAlgorithm, site, limits)
    return
  }
  // The MAC key comes from the PKCS#12 KDF (RFC 7292 App. B), like a pkcs-12PbeParams key.
  checkIterations(integerValue(iterations), limits.pkcs12Iterations, site)
}

/** SafeContents ::= SEQUENCE OF SafeBag; SafeBag ::= SEQUENCE { bagId, [0] bagValue, attrs } */
function checkSafeContents(
  safeContents: Asn1 | undefined,
  site: (part: string) => WorkSite,
  limits: WorkLimits,
  depth: number,
): void {
  if (depth > MAX_NESTING) return
  for (const bag of children(safeContents)) {
    const [bagId, bagValue] = children(bag)
    const type = oidOf(bagId)
    const value = children(bagValue)[0]
    if (type === OID.shroudedKeyBag) {
      // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData }
      checkPasswordAlgorithm(children(value)[0], site('its private key'), limits)
    } else if (type === OID.safeContentsBag) {
      checkSafeContents(value, site, limits, depth + 1)
    }
  }
}

/**
 * ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT content }: the OCTET STRING content of a
 * `data` ContentInfo, parsed as DER (or BER, whose chunked OCTET STRINGs are joined first).
 */
function parsedContent(contentInfo: Asn1 | undefined, type: string): Asn1 | undefined {
  const [typeNode, explicit] = children(contentInfo)
  if (oidOf(typeNode) !== type) return undefined
  const octets = children(explicit)[0]
  const bytes = octetBytes(octets)
  if (bytes === null) return undefined
  try {
    return forge.asn1.fromDer(bytes, false)
  } catch {
    return undefined
  }
}

function octetBytes(node: Asn1 | undefined): string | null {
  if (node?.tagClass !== forge.asn1.Class.UNIVERSAL || node.type !== forge.asn1.Type.OCTETSTRING) {
    return null
  }
  if (typeof node.value === 'string') return node.value
  const parts = node.value.map(octetBytes)
  return parts.every((part) => part !== null) ? parts.join('') : null
}
