/**
 * What went wrong in a connection test, in plain words. Node's own messages are never passed on:
 * they name syscalls and OpenSSL internals, and some quote what the server sent. Each failure is
 * told from its error code alone, so no header, value or token can reach a message.
 */
import { STATUS_CODES } from 'node:http'
import type { CONNECTION_OUTCOMES } from '../../shared/ipc-contract'

export type ConnectionOutcome = (typeof CONNECTION_OUTCOMES)[number]

/** A test that ended without the server accepting the credential: how, and in what words. */
export class ProbeFailure extends Error {
  constructor(
    readonly outcome: Exclude<ConnectionOutcome, 'works'>,
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message)
    this.name = 'ProbeFailure'
  }
}

/** What the test was doing when it failed: the words differ for a mutual-TLS test. */
export type ProbeKind = 'http' | 'mtls'

/** `200 OK`, `401 Unauthorized`: the standard reason phrase, never the server's own text. */
export function statusText(status: number): string {
  const phrase = STATUS_CODES[status]
  return phrase === undefined ? `HTTP ${status}` : `${status} ${phrase}`
}

const SERVER_CERTIFICATE_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
])

/** Alerts a server sends when it does not accept the client's certificate. */
const CLIENT_CERTIFICATE_ALERTS = new Set([
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
  'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
  'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
])

const NOT_TLS = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_RECORD_LAYER_FAILURE',
  'EPROTO',
])

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : ''
}

/** A Node network or TLS error as a ProbeFailure; a ProbeFailure passes through unchanged. */
export function explainNetworkError(error: unknown, kind: ProbeKind): ProbeFailure {
  if (error instanceof ProbeFailure) return error
  const code = codeOf(error)
  if (code === 'ENOTFOUND')
    return new ProbeFailure(
      'dns',
      'The host name was not found (DNS): check the address for typing mistakes, and that this computer can reach the network it is on.',
    )
  if (code === 'EAI_AGAIN')
    return new ProbeFailure(
      'dns',
      'The host name could not be looked up now (DNS did not answer): check this computer’s network and try again.',
    )
  if (code === 'ECONNREFUSED')
    return new ProbeFailure(
      'connection-refused',
      'The connection was refused: nothing accepts connections at that host and port. Check the port, and that the server is running.',
    )
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL')
    return new ProbeFailure(
      'network',
      'The host cannot be reached from this computer (no route to it): check the address and this computer’s network.',
    )
  if (code === 'ETIMEDOUT')
    return new ProbeFailure(
      'timeout',
      'The connection timed out: the host did not answer (a firewall may be dropping the connection).',
    )
  if (code === 'CERT_HAS_EXPIRED')
    return new ProbeFailure(
      'tls',
      'The server’s certificate has expired, so the connection is not safe; the server needs a renewed certificate.',
    )
  if (code === 'CERT_NOT_YET_VALID')
    return new ProbeFailure(
      'tls',
      'The server’s certificate is not valid yet: its validity starts in the future (or this computer’s clock is wrong).',
    )
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new ProbeFailure(
      'tls',
      'The server’s certificate is for another host name than the one in the address: use the name the certificate was issued for.',
    )
  if (SERVER_CERTIFICATE_UNTRUSTED.has(code))
    return new ProbeFailure(
      'tls',
      'The server’s certificate is not signed by a certificate authority this test trusts: if the server uses a private CA, give that CA’s certificate (--ca FILE, or the CA file in the app).',
    )
  if (code === 'CERT_REVOKED')
    return new ProbeFailure('tls', 'The server’s certificate has been revoked.')
  if (CLIENT_CERTIFICATE_ALERTS.has(code))
    return kind === 'mtls'
      ? new ProbeFailure('refused', clientCertificateRefusal(code))
      : new ProbeFailure(
          'tls',
          code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'
            ? 'The server asks for a client certificate (mutual TLS), which this secret is not: test it with a Certificate secret.'
            : 'The server broke off the TLS handshake: it may require a client certificate or a TLS version or cipher this computer does not offer.',
        )
  if (NOT_TLS.has(code))
    return new ProbeFailure(
      'tls',
      'The server does not speak TLS at this address: the port may serve plain HTTP, or another protocol.',
    )
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return kind === 'mtls'
      ? new ProbeFailure(
          'refused',
          'The server closed the connection during the TLS handshake: it most likely refused the certificate (or does not speak TLS on this port).',
        )
      : new ProbeFailure(
          'network',
          'The server closed the connection before it answered: it may not speak this protocol on this port, or it dropped the request.',
        )
  if (code.startsWith('HPE_'))
    return new ProbeFailure(
      'bad-response',
      'The server’s answer is not valid HTTP (or its headers are too large): is this the right address and port?',
    )
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return new ProbeFailure(
      'tls',
      `The TLS connection failed (${code}): the server and this computer could not agree on a secure connection.`,
    )
  return new ProbeFailure(
    'network',
    `The connection failed${code === '' ? '' : ` (${code})`}: check the address and the network.`,
  )
}

function clientCertificateRefusal(code: string): string {
  switch (code) {
    case 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED':
      return 'The server requires a client certificate and did not get one it accepts.'
    case 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA':
      return 'The server refused the certificate: it does not trust the CA that issued it (unknown CA). It may expect a certificate from another CA.'
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED':
      return 'The server refused the certificate as expired.'
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED':
      return 'The server refused the certificate: it has been revoked.'
    case 'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED':
      return 'The server accepted the certificate as valid but denies it access.'
    case 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE':
      return 'The server broke off the TLS handshake: it most likely did not accept the certificate (or this computer offers no TLS version or cipher it takes).'
    default:
      return 'The server refused the certificate (bad or unknown certificate).'
  }
}

/** The outcome and words of an HTTP answer that is not a success. */
export function explainStatus(status: number, credential: string): ProbeFailure {
  const said = statusText(status)
  if (status === 401)
    return new ProbeFailure(
      'refused',
      `The server refused the credential (${said}): ${credential} is wrong, expired or revoked, or the server expects it in another header.`,
      status,
    )
  if (status === 403)
    return new ProbeFailure(
      'refused',
      `The server refused access (${said}): ${credential} was not accepted for this address, or lacks the permission it needs.`,
      status,
    )
  if (status === 404)
    return new ProbeFailure(
      'http-error',
      `The server answered ${said}: nothing is at that path; check the address.`,
      status,
    )
  if (status === 405)
    return new ProbeFailure(
      'http-error',
      `The server answered ${said}: the address does not take this kind of request; test another address of the API.`,
      status,
    )
  if (status === 407)
    return new ProbeFailure(
      'http-error',
      `The answer came from a proxy that wants its own credentials (${said}).`,
      status,
    )
  if (status === 429)
    return new ProbeFailure(
      'http-error',
      `The server is limiting requests (${said}); try again later.`,
      status,
    )
  if (status === 431)
    return new ProbeFailure(
      'http-error',
      `The server refused the request’s headers as too large (${said}).`,
      status,
    )
  if (status >= 500)
    return new ProbeFailure(
      'http-error',
      `The server failed to answer (${said}): a problem on the server’s side, which says nothing about the credential.`,
      status,
    )
  return new ProbeFailure('http-error', `The server did not accept the request (${said}).`, status)
}
