/**
 * Where a connection test may go, and whom it trusts there. A test sends a credential over the
 * network, so its address is checked before the vault is touched: http:// or https:// only (no
 * other scheme reaches a socket), plain http:// only on this machine (a credential never crosses
 * a network in clear text), no user name or password inside the URL. A trusted CA file is read
 * within a limit and must hold certificates. No message here quotes what the user gave.
 */
import { X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'
import { SafeholdError } from '../../shared/errors'
import { sizeText } from '../files/bounded-read'

/** A CA bundle of a whole system (Mozilla's) is about 220 KiB; a private CA is a few. */
export const CA_FILE_LIMIT = 1024 * 1024
/**
 * A private CA file holds one CA, or a few; each certificate costs about half a millisecond to
 * check and again to load for TLS, on the app's main thread. The system's own CAs need no file.
 */
export const MAX_CA_CERTIFICATES = 50
const MAX_URL_LENGTH = 2048

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]'])
const LOOPBACK_IPV4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/

/** A checked address: where to connect and what to ask for there. */
export interface TestTarget {
  url: URL
  /** Given as `host:port`, without a scheme: a TLS handshake only (certificates). */
  bare: boolean
}

/** `https://host`, `https://host:port`: the part of the URL that results may show. */
export function originOf(target: TestTarget): string {
  return target.url.origin
}

export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || LOOPBACK_IPV4.test(url.hostname)
}

/**
 * The address `text` names, checked for every rule that does not depend on the secret: an
 * absolute http(s) URL, or `host:port`. `what` names where it came from ("--url").
 */
export function parseTestUrl(text: string, what: string): TestTarget {
  const refuse = (problem: string): never => {
    throw new SafeholdError('INVALID_INPUT', `${what} ${problem}`, 'url')
  }
  if (typeof text !== 'string' || text.trim() === '') refuse('is empty; give the address to test.')
  if (text.length > MAX_URL_LENGTH)
    refuse(`is longer than ${MAX_URL_LENGTH} characters, longer than an address can be.`)
  const trimmed = text.trim()
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(trimmed)
  const bare = scheme === null
  if (bare && !/^[^/?#@\s]+:\d{1,5}$/.test(trimmed))
    refuse('is not an address: write https://host/path, or host:port for a TLS handshake.')
  if (!bare && !['http', 'https'].includes(scheme[1]!.toLowerCase()))
    refuse(
      'must start with https:// (or http:// on this machine); other kinds of address are not tested.',
    )
  const candidate = bare ? `https://${trimmed}` : trimmed
  if (!URL.canParse(candidate))
    refuse('is not a valid address: write it as https://host/path or host:port.')
  const url = new URL(candidate)
  if (url.hostname === '') refuse('names no host.')
  if (url.username !== '' || url.password !== '')
    refuse(
      'carries a user name or password; leave them out: the test sends only the secret’s own credential.',
    )
  if (url.protocol === 'http:' && !isLoopback(url))
    refuse(
      'uses http://, which would send the credential unencrypted; use https:// (http:// is allowed only for localhost).',
    )
  return { url, bare }
}

/** The host name to send as SNI: none for an IP address (RFC 6066 §3). */
export function serverName(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return isIP(host) === 0 ? host : undefined
}

/** The host to connect to: an IPv6 literal without its brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '')
}

export function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port)
  return url.protocol === 'http:' ? 80 : 443
}

const PEM_BEGIN = '-----BEGIN CERTIFICATE-----'
const PEM_END = '-----END CERTIFICATE-----'

/**
 * The PEM certificate blocks of `text`, found with indexOf in one pass: a file of a thousand
 * BEGIN lines and no END costs one scan, where a lazy regular expression would rescan the rest
 * of the file from each of them. Null when there are more than `max`.
 */
function pemBlocks(text: string, max: number): string[] | null {
  const blocks: string[] = []
  let from = 0
  for (;;) {
    const begin = text.indexOf(PEM_BEGIN, from)
    if (begin === -1) return blocks
    const end = text.indexOf(PEM_END, begin + PEM_BEGIN.length)
    if (end === -1) return blocks
    if (blocks.length === max) return null
    from = end + PEM_END.length
    blocks.push(text.slice(begin, from))
  }
}

/**
 * The certificates of a trusted-CA file (PEM, one or several, or one DER certificate) as PEM
 * text for Node's TLS `ca`. `what` names the file ("the file given to --ca").
 */
export function readTrustedCa(data: Uint8Array, what: string): string[] {
  if (data.length > CA_FILE_LIMIT) {
    throw new SafeholdError(
      'FILE_TOO_LARGE',
      `${capital(what)} is larger than ${sizeText(CA_FILE_LIMIT)}, the most Safehold reads for it.`,
      'ca',
    )
  }
  const bytes = Buffer.from(data)
  const text = bytes.toString('latin1')
  const blocks = pemBlocks(text, MAX_CA_CERTIFICATES)
  if (blocks === null) {
    throw new SafeholdError(
      'INVALID_INPUT',
      `${capital(what)} holds more than ${MAX_CA_CERTIFICATES} certificates: give only the CA that signed the server's certificate (the system's own CAs are trusted without a CA file).`,
      'ca',
    )
  }
  try {
    if (blocks.length > 0) {
      // Checked, then handed to TLS as they are: the constructor throws for a block that is no
      // certificate, so a bad file is refused here rather than failing the handshake unexplained.
      for (const block of blocks) new X509Certificate(block)
      return blocks
    }
    return [new X509Certificate(bytes).toString()]
  } catch {
    throw new SafeholdError(
      'CERT_INVALID',
      `${capital(what)} holds no readable certificate: give the CA's certificate as PEM or DER.`,
      'ca',
    )
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
