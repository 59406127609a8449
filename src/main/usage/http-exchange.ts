/**
 * One HTTP request of a connection test, under the test's deadline: no connection pooling, no
 * proxy, no redirect followed (a 3xx is handed back as it is, so a header never travels to an
 * address the user did not name), TLS verified whatever NODE_TLS_REJECT_UNAUTHORIZED says, and at
 * most `bodyLimit` bytes of the answer read: a larger or endless body is cut off, not buffered.
 */
import http, { type IncomingHttpHeaders } from 'node:http'
import https from 'node:https'
import type { Socket } from 'node:net'
import { SafeholdError } from '../../shared/errors'
import { hostOf, portOf, serverName } from './connection-target'
import { explainNetworkError, ProbeFailure } from './connection-words'
import { serverFacts, type ServerFacts } from './tls-probe'

/** The time a whole test may take, shared by its requests (client_secret_basic, then _post). */
export interface Deadline {
  /** On performance.now()'s monotonic scale: a time limit, not an instant anyone acts on. */
  at: number
  totalMs: number
}

export function deadlineIn(totalMs: number): Deadline {
  return { at: performance.now() + totalMs, totalMs }
}

export interface HttpRequestSpec {
  url: URL
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
  /** Trusted CA certificates (PEM) instead of the system's; null: the system's. */
  ca: string[] | null
  deadline: Deadline
  /** Read at most this many bytes of the body; 0: do not read it at all. */
  bodyLimit: number
  /** What the body is, for the message when it is too large ("the token endpoint's answer"). */
  bodyName?: string
}

export interface HttpAnswer {
  status: number
  headers: IncomingHttpHeaders
  /** Null when the body was not read (bodyLimit 0, or a redirect). */
  body: Buffer | null
  server: ServerFacts | null
}

/** Response headers beyond this are a malformed answer (Node's default is 16 KiB too). */
const MAX_HEADER_BYTES = 16 * 1024

type Stage = 'connecting' | 'handshake' | 'waiting' | 'reading'

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

function timedOut(stage: Stage, deadline: Deadline): ProbeFailure {
  const limit = seconds(deadline.totalMs)
  const words: Record<Stage, string> = {
    connecting: `No connection within ${limit}: the host did not answer (a firewall may be dropping the connection, or the address or port is wrong).`,
    handshake: `The server accepted the connection but did not complete a TLS handshake within ${limit}: it may not speak TLS on this port.`,
    waiting: `The server accepted the connection but did not answer within ${limit}.`,
    reading: `The server’s answer did not arrive completely within ${limit}.`,
  }
  return new ProbeFailure('timeout', words[stage])
}

/** Sends one request; resolves with the answer, rejects with a ProbeFailure. */
export function exchange(spec: HttpRequestSpec): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const { url, deadline } = spec
    const secure = url.protocol === 'https:'
    let stage: Stage = 'connecting'
    let settled = false
    let request: http.ClientRequest | null = null
    const settle = (outcome: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      outcome()
    }
    const fail = (failure: ProbeFailure): void => {
      settle(() => reject(failure))
      request?.destroy()
    }
    const timer = setTimeout(
      () => fail(timedOut(stage, deadline)),
      Math.max(0, deadline.at - performance.now()),
    )
    const sni = serverName(url)
    try {
      request = (secure ? https : http).request({
        host: hostOf(url),
        port: portOf(url),
        path: `${url.pathname}${url.search}`,
        method: spec.method,
        headers: spec.headers,
        agent: false,
        maxHeaderSize: MAX_HEADER_BYTES,
        ...(secure
          ? {
              rejectUnauthorized: true,
              ...(sni === undefined ? {} : { servername: sni }),
              ...(spec.ca === null ? {} : { ca: spec.ca }),
            }
          : {}),
      })
    } catch {
      // Node checks header names and values before anything is sent; the plan checked them too.
      clearTimeout(timer)
      settled = true
      reject(
        new SafeholdError(
          'INVALID_INPUT',
          'The request could not be made: a header holds characters HTTP does not allow.',
        ),
      )
      return
    }
    request.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        if (stage === 'connecting') stage = secure ? 'handshake' : 'waiting'
      })
      if (secure)
        socket.once('secureConnect', () => {
          if (stage === 'connecting' || stage === 'handshake') stage = 'waiting'
        })
    })
    request.on('error', (error) => fail(explainNetworkError(error, 'http')))
    request.on('response', (response) => {
      const status = response.statusCode ?? 0
      const server = secure ? serverFacts(response.socket) : null
      const answer = (body: Buffer | null): HttpAnswer => ({
        status,
        headers: response.headers,
        body,
        server,
      })
      if (spec.bodyLimit === 0 || (status >= 300 && status < 400)) {
        settle(() => resolve(answer(null)))
        response.destroy()
        request?.destroy()
        return
      }
      const tooLarge = new ProbeFailure(
        'bad-response',
        `${capital(spec.bodyName ?? 'the server’s answer')} is larger than ${spec.bodyLimit / 1024} KiB, far more than it should be; it was not read.`,
        status,
      )
      const declared = Number(response.headers['content-length'] ?? '0')
      // Failed first: destroying an unfinished answer emits 'aborted' at once.
      if (declared > spec.bodyLimit) {
        fail(tooLarge)
        return void response.destroy()
      }
      stage = 'reading'
      const chunks: Buffer[] = []
      let length = 0
      response.on('data', (chunk: Buffer) => {
        if (settled) return
        length += chunk.length
        if (length > spec.bodyLimit) {
          fail(tooLarge)
          return void response.destroy()
        }
        chunks.push(chunk)
      })
      response.on('end', () => settle(() => resolve(answer(Buffer.concat(chunks, length)))))
      response.on('error', (error) => fail(explainNetworkError(error, 'http')))
      response.on('aborted', () => fail(explainNetworkError({ code: 'ECONNRESET' }, 'http')))
    })
    request.end(spec.body)
  })
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
