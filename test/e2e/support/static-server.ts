import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
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
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false // ENOENT, ENOTDIR, EACCES: not something to serve
  }
}

export interface StaticServer {
  url: string
  close(): Promise<void>
}

/**
 * Serves a built folder over http on 127.0.0.1 and a random port: Chromium refuses module
 * scripts from file://, and loopback keeps it off the network.
 */
export async function startStaticServer(folder: string): Promise<StaticServer> {
  const base = resolve(folder)
  const server = createServer((request, response) => {
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    } catch {
      response.writeHead(400).end()
      return
    }
    const file = normalize(join(base, pathname === '/' ? 'index.html' : pathname))
    // Never serve anything outside the folder, whatever the request path says.
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end()
      return
    }
    if (!isFile(file)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    })
    createReadStream(file).pipe(response)
  })
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', done)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
