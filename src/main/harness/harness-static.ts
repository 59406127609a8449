/**
 * The built renderer's files, read from inside one folder only: whatever a request path says, no
 * file outside `out/renderer` is ever served.
 */
import { readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

export interface StaticFile {
  body: Buffer
  type: string
}

/** The file a URL path names inside `folder`, or null (absent, a folder, or outside it). */
export function readStatic(folder: string, pathname: string): StaticFile | null {
  const base = resolve(folder)
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const file = normalize(join(base, decoded))
  if (!file.startsWith(base + sep)) return null
  try {
    if (!statSync(file).isFile()) return null
    return { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' }
  } catch {
    return null // ENOENT, ENOTDIR, EACCES: nothing to serve
  }
}
