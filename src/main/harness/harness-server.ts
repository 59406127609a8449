/**
 * The harness's HTTP side: the built renderer on 127.0.0.1 and the IPC bridge beside it. An IPC
 * call is dispatched only when it names our Host and Origin and carries the random token from the
 * printed URL; anything else is refused with 403 before the router sees it. Every answer to an IPC
 * call is an IpcResult, so the page's bridge always resolves to one.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import type { ErrorCode } from '../../shared/errors'
import type { IpcRouter } from '../ipc/ipc-router'
import { BRIDGE_PATH, bridgeScript, injectBridge, IPC_PREFIX, TOKEN_HEADER } from './harness-bridge'
import { CONTENT_SECURITY_POLICY } from '../platform/app-protocol'
import { readStatic } from './harness-static'

// Two certificate files of 2 MiB base64 each, plus the rest of a registration.
const MAX_BODY_BYTES = 8 * 1024 * 1024

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  // The page URL carries the token: it must never travel on as a Referer.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // The same policy app:// sends, so the browser tests see what the app enforces.
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-resource-policy': 'same-origin',
}

export interface HarnessServer {
  /** `http://127.0.0.1:PORT/?token=…`: the one line the harness prints. */
  url: string
  origin: string
  close(): Promise<void>
}

export interface HarnessServerOptions {
  rendererDir: string
  port: number
  /** Builds the router once the origin (and so the port) is known. */
  routerFor(pageOrigin: string): IpcRouter
  /** Sees every IPC answer exactly as it is sent, before it is sent (for tests). */
  onIpcAnswer?: (answer: { channel: string; status: number; body: string }) => void
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'content-type': type }).end(body)
}

const failure = (code: ErrorCode, message: string) => ({ ok: false, error: { code, message } })

function refuse(response: ServerResponse, status: number, code: ErrorCode, message: string): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(failure(code, message)))
}

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    request.on('end', () => done(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)))
    request.on('error', fail)
  })
}

export async function startHarnessServer(options: HarnessServerOptions): Promise<HarnessServer> {
  const token = randomBytes(32).toString('base64url')
  const tokenBytes = Buffer.from(token)
  const indexHtml = injectBridge(readFileSync(join(options.rendererDir, 'index.html'), 'utf8'))
  const bridge = bridgeScript()
  let origin = ''
  let host = ''
  let router: IpcRouter | null = null

  const hasToken = (request: IncomingMessage): boolean => {
    const given = Buffer.from(String(request.headers[TOKEN_HEADER] ?? ''))
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes)
  }

  const serveIpc = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    let channel = ''
    try {
      channel = decodeURIComponent(path.slice(IPC_PREFIX.length))
    } catch {
      channel = ''
    }
    const answer = (status: number, result: unknown): void => {
      const body = JSON.stringify(result)
      options.onIpcAnswer?.({ channel, status, body })
      send(response, status, 'application/json; charset=utf-8', body)
    }
    const fetchSite = request.headers['sec-fetch-site']
    if (
      request.method !== 'POST' ||
      request.headers.origin !== origin ||
      (fetchSite !== undefined && fetchSite !== 'same-origin') ||
      !hasToken(request)
    ) {
      return answer(403, failure('FORBIDDEN_SENDER', 'Only the Safehold page may ask for this.'))
    }
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      return answer(415, failure('INVALID_INPUT', 'The request must be JSON.'))
    }
    const body = await readBody(request)
    if (body === null) return answer(413, failure('INVALID_INPUT', 'The request is too large.'))
    let payload: unknown
    try {
      payload = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'))
    } catch {
      return answer(400, failure('INVALID_INPUT', 'The request is not valid JSON.'))
    }
    if (router === null) return answer(503, failure('IO_ERROR', 'The harness is starting.'))
    const result = await router.dispatch(channel, payload, { url: `${origin}/` })
    answer(200, result)
  }

  const server = createServer((request, response) => {
    // A page on another name that resolves to 127.0.0.1 (DNS rebinding) is not us.
    if (request.headers.host !== host) return send(response, 403, 'text/plain', 'forbidden')
    let path: string
    try {
      path = new URL(request.url ?? '/', origin).pathname
    } catch {
      return send(response, 400, 'text/plain', 'bad request')
    }
    if (path.startsWith(IPC_PREFIX)) {
      serveIpc(request, response, path).catch(() => {
        if (!response.headersSent) refuse(response, 500, 'IO_ERROR', 'The harness failed.')
      })
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'text/plain', 'method not allowed')
    }
    if (path === '/' || path === '/index.html') {
      return send(response, 200, 'text/html; charset=utf-8', indexHtml)
    }
    if (path === BRIDGE_PATH) return send(response, 200, 'text/javascript; charset=utf-8', bridge)
    const file = readStatic(options.rendererDir, path)
    // Chromium asks for a favicon the renderer may not have: no console error for that.
    if (file === null && path === '/favicon.ico') return send(response, 204, 'text/plain', '')
    if (file === null) return send(response, 404, 'text/plain', 'not found')
    send(response, 200, file.type, file.body)
  })

  // Node closes an idle keep-alive connection after 5 s; a client that reuses it at that moment
  // sees its POST reset. Calls from one page come seconds apart (a user typing), so idle
  // connections are kept for a minute instead.
  server.keepAliveTimeout = 60_000
  server.headersTimeout = 65_000

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', fail)
      done()
    })
  })
  const { port } = server.address() as AddressInfo
  host = `127.0.0.1:${port}`
  origin = `http://${host}`
  router = options.routerFor(origin)
  return {
    url: `${origin}/?token=${token}`,
    origin,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
