import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startStaticServer, type StaticServer } from './support/static-server'

// Proves that the build and Debian's Chromium work together; the user flows run against the
// browser harness (DESIGN §6.2).
const RENDERER = join(__dirname, '..', '..', 'out', 'renderer')

let server: StaticServer

test.beforeAll(async () => {
  if (!existsSync(join(RENDERER, 'index.html'))) {
    throw new Error(`${RENDERER}/index.html is missing: run \`npm run build\` first`)
  }
  server = await startStaticServer(RENDERER)
})

test.afterAll(async () => {
  await server?.close()
})

test('the built renderer shows Safehold under a CSP that forbids inline script', async ({
  page,
}, testInfo) => {
  await page.goto(server.url)
  await expect(page.getByRole('heading', { level: 1, name: 'Safehold' })).toBeVisible()

  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content')
  expect(csp, 'index.html carries a Content-Security-Policy meta').toBeTruthy()
  const directives = new Map<string, string[]>()
  for (const part of (csp ?? '').split(';')) {
    const [name = '', ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name.toLowerCase(), sources)
  }
  // Without script-src the browser falls back to default-src.
  const scriptSources = directives.get('script-src') ?? directives.get('default-src')
  expect(scriptSources, 'the CSP restricts scripts').toBeDefined()
  expect(scriptSources).not.toContain("'unsafe-inline'")
  expect(scriptSources).not.toContain("'unsafe-eval'")

  // And the browser really enforces it: an inline script inserted into the page must not run. (A
  // string, because this project's Node typings have no DOM.)
  const inlineRan = await page.evaluate<{ ran: boolean; sawViolation: boolean }>(`(async () => {
    const blocked = new Promise((done) => {
      document.addEventListener('securitypolicyviolation', () => done(true), { once: true })
      setTimeout(() => done(false), 2000)
    })
    const script = document.createElement('script')
    script.textContent = 'window.__inlineRan = true'
    document.body.append(script)
    const sawViolation = await blocked
    return { ran: window.__inlineRan === true, sawViolation }
  })()`)
  expect(inlineRan).toEqual({ ran: false, sawViolation: true })

  const screenshot = testInfo.outputPath('welcome.png')
  await page.screenshot({ path: screenshot, fullPage: true })
  await testInfo.attach('welcome', { path: screenshot, contentType: 'image/png' })
})
