/**
 * The renderer is served from app://safehold/ (DESIGN §4), never from file://: only files inside
 * the built renderer folder can be read, each with its MIME type and a strict Content Security
 * Policy that allows no inline script, no eval and no remote origin. Plain Node (the Electron
 * protocol objects come in as parameters), so tests and the browser harness can use it too.
 */
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { APP_HOST, APP_SCHEME } from './app-origin'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Radix's scroll lock adds a <style> element at run time (react-remove-scroll); inline styles
  // cannot run code, inline scripts stay forbidden.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
} as const

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

/** Module scripts are refused with any other type, so an unknown file gets a harmless one. */
export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file an app:// URL names inside `root`, or null when it names anything else: another
 * scheme or host, a `..` segment (also when percent-encoded), a backslash, a NUL byte, or a path
 * that resolves outside `root`. `/` is index.html.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL
  let pathname: string
  try {
    url = new URL(requestUrl)
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  if (url.username !== '' || url.password !== '') return null
  if (/[\\\0]/.test(pathname)) return null
  const segments = pathname.split('/').filter((segment) => segment !== '')
  if (segments.some((segment) => segment === '..' || segment === '.')) return null
  const base = resolve(root)
  const file = resolve(base, segments.length === 0 ? 'index.html' : segments.join(sep))
  const inside = relative(base, file)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return null
  }
  return file
}

function refusal(status: 404 | 405): Response {
  return new Response(status === 404 ? 'Not found' : 'Method not allowed', {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  })
}

/** The handler for protocol.handle: GET and HEAD of files under `root`, nothing else. */
export function appProtocolHandler(
  root: string,
  read: (path: string) => Promise<Uint8Array> = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405)
    const path = resolveAppPath(root, request.url)
    if (path === null) return refusal(404)
    let body: Uint8Array
    try {
      body = await read(path)
    } catch {
      return refusal(404)
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeOf(path) },
    })
  }
}

interface SchemeRegistry {
  registerSchemesAsPrivileged(
    schemes: { scheme: string; privileges: Record<string, boolean> }[],
  ): void
}

/**
 * Before app ready. `standard` gives the page a real origin (relative URLs, storage), `secure`
 * makes it a secure context, `supportFetchAPI` lets it fetch its own assets. `corsEnabled` stays
 * off: it would let other origins read app:// responses, and our module scripts are same-origin.
 * Electron keeps only the last call's list (electron/electron#6802), so this is the only call.
 */
export function registerAppScheme(protocol: SchemeRegistry): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

interface ProtocolHandlers {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void
}

/** After app ready, on the session the window uses. */
export function serveAppProtocol(protocol: ProtocolHandlers, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererRoot))
}
