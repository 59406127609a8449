import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { APP_START_URL, isAppUrl, ownPageMatcher } from '../../src/main/platform/app-origin'
import {
  appProtocolHandler,
  CONTENT_SECURITY_POLICY,
  mimeTypeOf,
  registerAppScheme,
  resolveAppPath,
  serveAppProtocol,
} from '../../src/main/platform/app-protocol'

// DESIGN §4: the renderer comes from app://safehold/ with a strict CSP, never from file://.

/** The policy as directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name as string, sources]),
  )
}

describe('the Content Security Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY)

  it('is exactly the policy of the design', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'none'",
    )
  })

  it("forbids inline scripts and eval (inline styles only, for the dialogs' scroll lock)", () => {
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
    const withoutStyles = [...policy].filter(([name]) => name !== 'style-src')
    expect(JSON.stringify(withoutStyles)).not.toMatch(
      /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|'wasm-unsafe-eval'|'strict-dynamic'|'nonce-|'sha(256|384|512)-/,
    )
  })

  it('allows no remote origin anywhere', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        const allowed =
          source === "'self'" ||
          source === "'none'" ||
          (name === 'style-src' && source === "'unsafe-inline'")
        const dataImages = name === 'img-src' && source === 'data:'
        expect(allowed || dataImages, `${name} ${source}`).toBe(true)
      }
    }
  })

  it('shuts plugins, <base>, framing and form posts', () => {
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'none'"])
    expect(policy.get('frame-ancestors')).toEqual(["'none'"])
    expect(policy.get('form-action')).toEqual(["'none'"])
  })
})

describe('resolving app:// URLs to files', () => {
  const root = join(tmpdir(), 'renderer')

  it('serves index.html for the start URL and files under the root', () => {
    expect(resolveAppPath(root, APP_START_URL)).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://safehold/assets/index-abc.js')).toBe(
      join(root, 'assets', 'index-abc.js'),
    )
    expect(resolveAppPath(root, 'app://safehold/assets/index.js?v=1#x')).toBe(
      join(root, 'assets', 'index.js'),
    )
  })

  it.each([
    ['app://safehold/../secret.txt', 'secret.txt'],
    ['app://safehold/assets/../../secret.txt', 'secret.txt'],
    ['app://safehold/%2e%2e/secret.txt', 'secret.txt'],
    ['app://safehold//etc/passwd/..', 'etc'],
  ])('keeps %s, whose dot segments the URL itself resolves, inside the root', (url, file) => {
    expect(resolveAppPath(root, url)).toBe(join(root, file))
  })

  it.each([
    'app://safehold/%2E%2E%2Fsecret.txt',
    'app://safehold/assets%2F..%2F..%2Fsecret.txt',
    'app://safehold/..%5C..%5Csecret.txt',
    'app://safehold/assets%5Cindex.js',
    'app://safehold/index.html%00.js',
    'app://safehold/%E0%A4%A',
  ])('refuses the traversal %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull()
  })

  it.each([
    'file:///etc/passwd',
    'https://safehold/index.html',
    'app://other/index.html',
    'app://safehold.evil/index.html',
    'app://safehold@evil/index.html',
    'app://user:pw@safehold/index.html',
    'app://safehold:8080/index.html',
    'not a url',
  ])('refuses %s, which is not our page', (url) => {
    expect(resolveAppPath(root, url)).toBeNull()
  })

  it('gives each file its MIME type, and unknown files an inert one', () => {
    expect(mimeTypeOf('index.html')).toBe('text/html; charset=utf-8')
    expect(mimeTypeOf('a/index-x.js')).toBe('text/javascript; charset=utf-8')
    expect(mimeTypeOf('a/index-x.CSS')).toBe('text/css; charset=utf-8')
    expect(mimeTypeOf('logo.svg')).toBe('image/svg+xml')
    expect(mimeTypeOf('font.woff2')).toBe('font/woff2')
    expect(mimeTypeOf('icon.png')).toBe('image/png')
    expect(mimeTypeOf('notes')).toBe('application/octet-stream')
    expect(mimeTypeOf('run.exe')).toBe('application/octet-stream')
  })
})

describe('the app:// handler', () => {
  let base: string
  let root: string
  let handle: (request: Request) => Promise<Response>

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'safehold-protocol-'))
    root = join(base, 'renderer')
    const files: Record<string, string> = {
      'index.html': '<!doctype html><title>Safehold</title>',
      'assets/index-abc.js': 'export {}',
      'assets/index-abc.css': 'body{}',
    }
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true })
      writeFileSync(join(root, name), text)
    }
    // Beside the root, where a traversal would land.
    writeFileSync(join(base, 'secret.txt'), 'the vault key')
    handle = appProtocolHandler(root)
  })

  afterAll(() => rmSync(base, { recursive: true, force: true }))

  const get = (url: string, method = 'GET') => handle(new Request(url, { method }))

  it('serves the page with its type and the strict CSP header', async () => {
    const response = await get(APP_START_URL)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('<title>Safehold</title>')
  })

  it('serves module scripts as JavaScript and styles as CSS', async () => {
    const script = await get('app://safehold/assets/index-abc.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('export {}')
    const style = await get('app://safehold/assets/index-abc.css')
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('answers 404, with the CSP, for a missing file, a folder or a traversal', async () => {
    for (const url of [
      'app://safehold/missing.js',
      'app://safehold/assets/',
      'app://safehold/%2e%2e/secret.txt',
      'app://safehold/assets%2F..%2F..%2Fsecret.txt',
    ]) {
      const response = await get(url)
      expect(response.status, url).toBe(404)
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(await response.text()).not.toContain('the vault key')
    }
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(APP_START_URL, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect((await get(APP_START_URL, 'POST')).status).toBe(405)
    expect((await get(APP_START_URL, 'DELETE')).status).toBe(405)
  })
})

describe('registering the scheme', () => {
  it('is privileged as standard, secure and fetchable, and not readable cross-origin', () => {
    const registry = { registerSchemesAsPrivileged: vi.fn() }
    registerAppScheme(registry)
    expect(registry.registerSchemesAsPrivileged.mock.calls).toEqual([
      [[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]],
    ])
  })

  it('hands protocol.handle a handler for app', async () => {
    const protocol = { handle: vi.fn() }
    serveAppProtocol(protocol, join(tmpdir(), 'no-renderer-here'))
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    const handler = protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>
    expect((await handler(new Request(APP_START_URL))).status).toBe(404)
  })
})

describe('our own page', () => {
  it('is app://safehold/ and nothing that looks like it', () => {
    expect(isAppUrl('app://safehold/')).toBe(true)
    expect(isAppUrl('app://safehold/index.html')).toBe(true)
    for (const url of ['app://safehold.evil/', 'app://safehold@evil/', 'app://x/', 'file:///']) {
      expect(isAppUrl(url), url).toBe(false)
    }
  })

  it('includes the development server only when one is given', () => {
    const production = ownPageMatcher(null)
    const development = ownPageMatcher('http://localhost:5173/')
    expect(production('http://localhost:5173/')).toBe(false)
    expect(development('http://localhost:5173/src/main.tsx')).toBe(true)
    expect(development('http://localhost:5173.evil.example/')).toBe(false)
    expect(development('http://localhost:5174/')).toBe(false)
    expect(development(APP_START_URL)).toBe(true)
    expect(ownPageMatcher('not a url')('null')).toBe(false)
  })
})
