import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startHarness, type RunningHarness } from '../support/harness'

// The built renderer in Debian's Chromium, through the browser harness (DESIGN §6.2), on a new
// vault: the first screen a user sees, under a CSP the browser really enforces.
let harness: RunningHarness
let vaultRoot: string

test.beforeAll(async () => {
  vaultRoot = mkdtempSync(join(tmpdir(), 'safehold-e2e-'))
  harness = await startHarness({
    vaultDir: join(vaultRoot, 'vault'),
    passphrase: 'e2e passphrase 1',
  })
})

test.afterAll(async () => {
  await harness?.stop()
  rmSync(vaultRoot, { recursive: true, force: true })
})

test('a new vault shows the empty listing under a CSP that forbids inline script', async ({
  page,
}, testInfo) => {
  await page.goto(harness.url)
  await expect(page.getByRole('button', { name: 'Register your first secret' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Register secret', exact: true })).toBeVisible()
  await expect(page.getByRole('searchbox', { name: 'Search secrets' })).toBeVisible()

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

  const screenshot = testInfo.outputPath('empty-listing.png')
  await page.screenshot({ path: screenshot, fullPage: true })
  await testInfo.attach('empty-listing', { path: screenshot, contentType: 'image/png' })
})
