/**
 * The mutual-TLS test of a certificate: a TLS handshake presenting the stored certificate (with
 * its chain) and private key, the server's own certificate verified as usual. Nothing is sent
 * after the handshake. In TLS 1.3 a server checks the client's certificate after the client sees
 * its handshake complete, so success is decided by what follows: a session ticket (sent only once
 * the server accepted the client) means accepted; an alert, or the server closing the connection,
 * means refused; silence for `graceMs` means the server kept the connection open and did not object.
 */
import type { Socket } from 'node:net'
import { connect, type TLSSocket } from 'node:tls'
import { SafeholdError } from '../../shared/errors'
import { CONTROL_CHARACTER } from '../../shared/name-text'
import { hostOf, portOf, serverName } from './connection-target'
import { explainNetworkError, ProbeFailure } from './connection-words'
import type { Deadline } from './http-exchange'

export interface ServerFacts {
  subject: string
  issuer: string
  notAfter: string
  protocol: string
}

export interface MtlsSpec {
  url: URL
  /** Null for the second handshake: does the server accept one without any certificate? */
  certificatePem: string | null
  privateKeyPem: string | null
  ca: string[] | null
  deadline: Deadline
  /** How long a TLS 1.3 server may stay silent after the handshake before that counts as yes. */
  graceMs: number
}

export interface MtlsAnswer {
  server: ServerFacts | null
  /** How the server showed it accepted the certificate. */
  acceptedBy: 'handshake' | 'session-ticket' | 'silence'
}

const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'gu')

/** A name the server chose, as text a terminal and the window may show: one line, bounded. */
function clean(text: string): string {
  const line = text.replace(/\n/g, ', ').replace(CONTROL_CHARACTERS, ' ')
  return line.length > 256 ? `${line.slice(0, 255)}…` : line
}

/** The server's certificate and the TLS version of a connected socket; null for plain TCP. */
export function serverFacts(socket: Socket | null | undefined): ServerFacts | null {
  const tls = socket as TLSSocket | null | undefined
  if (typeof tls?.getPeerX509Certificate !== 'function') return null
  const certificate = tls.getPeerX509Certificate()
  if (certificate === undefined) return null
  const notAfter = new Date(certificate.validTo)
  return {
    subject: clean(certificate.subject),
    issuer: clean(certificate.issuer),
    notAfter: Number.isNaN(notAfter.getTime()) ? '' : notAfter.toISOString(),
    protocol: tls.getProtocol() ?? '',
  }
}

export function mtlsHandshake(spec: MtlsSpec): Promise<MtlsAnswer> {
  return new Promise((resolve, reject) => {
    const { deadline } = spec
    let settled = false
    let secure = false
    let server: ServerFacts | null = null
    const sni = serverName(spec.url)
    let socket: TLSSocket
    const settle = (outcome: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(grace)
      outcome()
      socket.destroy()
    }
    const accept = (acceptedBy: MtlsAnswer['acceptedBy']): void =>
      settle(() => resolve({ server, acceptedBy }))
    const fail = (failure: ProbeFailure): void => settle(() => reject(failure))
    let grace: ReturnType<typeof setTimeout> | undefined
    const timer = setTimeout(
      () => {
        const limit = `${Math.round(deadline.totalMs / 100) / 10} s`
        fail(
          new ProbeFailure(
            'timeout',
            secure
              ? `The TLS handshake completed, but the server neither accepted nor refused the certificate within ${limit}.`
              : `No TLS handshake within ${limit}: the host did not answer (a firewall may be dropping the connection, or the address or port is wrong).`,
          ),
        )
      },
      Math.max(0, deadline.at - performance.now()),
    )
    try {
      socket = connect({
        host: hostOf(spec.url),
        port: portOf(spec.url),
        ...(spec.certificatePem === null ? {} : { cert: spec.certificatePem }),
        ...(spec.privateKeyPem === null ? {} : { key: spec.privateKeyPem }),
        rejectUnauthorized: true,
        ...(sni === undefined ? {} : { servername: sni }),
        ...(spec.ca === null ? {} : { ca: spec.ca }),
      })
    } catch {
      settled = true
      clearTimeout(timer)
      reject(
        new SafeholdError(
          'KEY_INVALID',
          'The certificate and its private key could not be loaded for TLS; register them again.',
        ),
      )
      return
    }
    socket.on('secureConnect', () => {
      secure = true
      server = serverFacts(socket)
      // TLS 1.2 and earlier: the server verified the client certificate inside the handshake.
      if (socket.getProtocol() !== 'TLSv1.3') return accept('handshake')
      grace = setTimeout(() => accept('silence'), spec.graceMs)
    })
    socket.on('session', () => {
      if (secure) accept('session-ticket')
    })
    // Whatever the server sends is read (so alerts and tickets are seen) and dropped.
    socket.on('data', () => {})
    socket.on('error', (error) => fail(explainNetworkError(error, 'mtls')))
    socket.on('close', () =>
      fail(
        secure
          ? new ProbeFailure(
              'refused',
              'The server closed the connection right after the TLS handshake: it did not accept the certificate.',
            )
          : explainNetworkError({ code: 'ECONNRESET' }, 'mtls'),
      ),
    )
  })
}
