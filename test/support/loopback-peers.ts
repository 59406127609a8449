/**
 * Servers on 127.0.0.1 for connection tests, started by the tests themselves: a small PKI made by
 * openssl at test time (a test CA, a server certificate for localhost and 127.0.0.1, client
 * certificates RSA and EC from that CA, and one from another CA), HTTP(S) servers that record
 * every request they get, an OAuth 2.0 token endpoint, a mutual-TLS server and a silent one.
 * Free of any test runner, so vitest and Playwright tests both use it.
 */
import { once } from 'node:events'
import { readFileSync, writeFileSync } from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net'
import { join } from 'node:path'
import { createServer as createTlsServer, type TLSSocket } from 'node:tls'
import { openssl } from './certs'

export interface PemPair {
  certFile: string
  keyFile: string
  certPem: string
  keyPem: string
}

export interface TestPki {
  /** The test CA's certificate file: what `--ca` is given. */
  caFile: string
  caPem: string
  server: PemPair
  clientRsa: PemPair
  clientEc: PemPair
  /** A client certificate from another CA, which the mTLS server does not trust. */
  stranger: PemPair
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']

function makeCa(dir: string, name: string, subject: string): void {
  openssl(
    dir,
    ...['req', '-x509', ...EC, '-nodes', '-days', '30'],
    ...['-keyout', `${name}.key`, '-out', `${name}.pem`, '-subj', subject],
    ...['-addext', 'basicConstraints=critical,CA:TRUE'],
    ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
  )
}

function makeLeaf(
  dir: string,
  name: string,
  ca: string,
  key: string[],
  extensions: string,
): PemPair {
  openssl(
    dir,
    'req',
    ...key,
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`,
  )
  writeFileSync(join(dir, `${name}.ext`), extensions)
  openssl(
    dir,
    ...['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`],
    ...['-CAcreateserial', '-days', '20', '-out', `${name}.pem`, '-extfile', `${name}.ext`],
  )
  const certFile = join(dir, `${name}.pem`)
  const keyFile = join(dir, `${name}.key`)
  return {
    certFile,
    keyFile,
    certPem: readFileSync(certFile, 'utf8'),
    keyPem: readFileSync(keyFile, 'utf8'),
  }
}

export function makeTestPki(dir: string): TestPki {
  makeCa(dir, 'test-ca', '/CN=Safehold Test CA')
  makeCa(dir, 'other-ca', '/CN=Some Other CA')
  const client = 'extendedKeyUsage=clientAuth\n'
  return {
    caFile: join(dir, 'test-ca.pem'),
    caPem: readFileSync(join(dir, 'test-ca.pem'), 'utf8'),
    server: makeLeaf(
      dir,
      'localhost',
      'test-ca',
      EC,
      'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
    ),
    clientRsa: makeLeaf(dir, 'client-rsa', 'test-ca', ['-newkey', 'rsa:2048'], client),
    clientEc: makeLeaf(dir, 'client-ec', 'test-ca', EC, client),
    stranger: makeLeaf(dir, 'stranger', 'other-ca', EC, client),
  }
}

export interface SeenRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

export interface Peer {
  /** `https://127.0.0.1:PORT` (or http://, or the bare `127.0.0.1:PORT` of a TLS peer). */
  origin: string
  port: number
  requests: SeenRequest[]
  close(): Promise<void>
}

export type Handler = (request: SeenRequest, response: ServerResponse) => void

async function listen(server: Server, host = '127.0.0.1'): Promise<number> {
  server.listen(0, host)
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((done) => server.close(() => done()))
  }
}

function tracked(server: Server): Set<Socket> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('secureConnection', (socket: TLSSocket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return sockets
}

/**
 * An HTTP server (HTTPS with `pki`'s server certificate) that records each request, on `host`
 * (another loopback address than 127.0.0.1 is one the certificate does not name).
 */
export async function startHttpPeer(
  pki: TestPki | null,
  handler: Handler,
  host = '127.0.0.1',
): Promise<Peer> {
  const requests: SeenRequest[] = []
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const seen = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(seen)
      handler(seen, response)
    })
  }
  const server =
    pki === null
      ? http.createServer(listener)
      : https.createServer({ key: pki.server.keyPem, cert: pki.server.certPem }, listener)
  const sockets = tracked(server)
  const port = await listen(server, host)
  return {
    origin: `${pki === null ? 'http' : 'https'}://${host}:${port}`,
    port,
    requests,
    close: closer(server, sockets),
  }
}

/**
 * A mutual-TLS server that accepts only client certificates from the test CA; with
 * `asksForCertificate: false`, a plain TLS server that asks for none and takes anyone.
 */
export async function startMtlsPeer(
  pki: TestPki,
  { asksForCertificate = true } = {},
): Promise<Peer & { accepted: string[] }> {
  const accepted: string[] = []
  const server = createTlsServer(
    {
      key: pki.server.keyPem,
      cert: pki.server.certPem,
      ca: pki.caPem,
      requestCert: asksForCertificate,
      rejectUnauthorized: asksForCertificate,
    },
    (socket) => {
      accepted.push(String(socket.getPeerCertificate().subject?.CN ?? ''))
      socket.on('error', () => {})
    },
  )
  server.on('tlsClientError', () => {})
  const sockets = tracked(server)
  const port = await listen(server)
  return {
    origin: `127.0.0.1:${port}`,
    port,
    requests: [],
    accepted,
    close: closer(server, sockets),
  }
}

/** A server that accepts connections and never says a word: for time limits. */
export async function startSilentPeer(): Promise<Peer & { connections: () => number }> {
  let connections = 0
  const server = createTcpServer(() => connections++)
  const sockets = tracked(server)
  const port = await listen(server)
  return {
    origin: `127.0.0.1:${port}`,
    port,
    requests: [],
    connections: () => connections,
    close: closer(server, sockets),
  }
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer()
  const port = await listen(server)
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

export interface TokenEndpointOptions {
  clientId: string
  clientSecret: string
  /** The client authentication methods it takes; a request by another is refused with 401. */
  methods: ('basic' | 'post')[]
  accessToken: string
  refreshToken: string
}

/** `+` and %XX decoded, as application/x-www-form-urlencoded is (RFC 6749 §2.3.1). */
const formDecode = (text: string): string => decodeURIComponent(text.replace(/\+/g, ' '))

/** An OAuth 2.0 token endpoint for the client_credentials grant (RFC 6749 §4.4, §2.3.1). */
export function tokenEndpoint(options: TokenEndpointOptions): Handler {
  return (request, response) => {
    const json = (status: number, body: object): void => {
      response.writeHead(status, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
      })
      response.end(JSON.stringify(body))
    }
    if (request.method !== 'POST') return json(405, { error: 'invalid_request' })
    const form = new URLSearchParams(request.body)
    if (form.get('grant_type') !== 'client_credentials')
      return json(400, { error: 'unsupported_grant_type' })
    const authorization = request.headers.authorization
    let client: { id: string; secret: string; method: 'basic' | 'post' } | null = null
    if (authorization?.startsWith('Basic ')) {
      const pair = Buffer.from(authorization.slice(6), 'base64').toString('utf8')
      const colon = pair.indexOf(':')
      client = {
        id: formDecode(pair.slice(0, colon)),
        secret: formDecode(pair.slice(colon + 1)),
        method: 'basic',
      }
    } else if (form.has('client_id')) {
      client = {
        id: form.get('client_id')!,
        secret: form.get('client_secret') ?? '',
        method: 'post',
      }
    }
    if (
      client === null ||
      !options.methods.includes(client.method) ||
      client.id !== options.clientId ||
      client.secret !== options.clientSecret
    ) {
      response.setHeader('WWW-Authenticate', 'Basic realm="token"')
      return json(401, {
        error: 'invalid_client',
        error_description: 'Client authentication failed',
      })
    }
    json(200, {
      access_token: options.accessToken,
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: options.refreshToken,
      scope: 'read',
    })
  }
}
