import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { makeSelfSignedCertificate } from '../support/certs'
import { listing, openApp, row, shownNames } from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// "Search secrets" looks in every scope and every non-secret field, and says where each hit was
// found; Ctrl/Cmd+K opens a quick switcher to any secret. The vault is filled by the `safehold`
// command beforehand, one secret per scope, each findable by a field other than its name.

let vault: E2eVault
let certDir: string

test.beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'safehold-e2e-search-'))
  const cert = makeSelfSignedCertificate(certDir, 'gateway-internal')
  vault = await openVault({
    workspaces: ['Payments', 'Platform'],
    seed(cli) {
      const register = (...args: string[]) => cli('register', ...args)
      register(
        ...['--type', 'api-key', '--name', 'payments-api', '--scope', 'organization'],
        ...['--field', 'headerName=X-Payments-Key', '--field', 'value=search-v1'],
      )
      register(
        ...['--type', 'client-credentials', '--name', 'okta-sso', '--scope', 'organization'],
        ...['--field', 'clientId=acme-portal', '--field', 'url=https://login.acme.test/token'],
        ...['--field', 'clientSecret=search-v2'],
      )
      register(
        ...['--type', 'bearer-token', '--name', 'stripe-webhook', '--scope', 'workspace:Payments'],
        ...['--field', 'headerName=Authorization', '--field', 'headerValue=search-v3'],
        ...['--tag', 'pci', '--tag', 'billing'],
      )
      register(
        ...['--type', 'certificate', '--name', 'mtls-gateway', '--scope', 'personal'],
        ...['--cert', cert.certFile, '--key', cert.keyFile],
      )
      register(
        ...['--type', 'key-value', '--name', 'analytics-env', '--scope', 'workspace:Platform'],
        ...['--field', 'pair:SEGMENT_WRITE_KEY=search-v4'],
        ...['--tag', 'analytics', '--note', 'Rotated by the data team every quarter.'],
      )
      cli('get', 'stripe-webhook', '--as', 'billing-cron')
    },
  })
})

test.afterAll(async () => {
  await vault?.stop()
  rmSync(certDir, { recursive: true, force: true })
})

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search secrets' })
const header = (page: Page, name: string) => page.getByRole('columnheader', { name, exact: true })

/** The text of a row's cell under the named column header. */
async function cellUnder(page: Page, name: string, column: string): Promise<string> {
  const headers = await listing(page).getByRole('columnheader').allInnerTexts()
  const index = headers.findIndex((text) => text.trim() === column)
  expect(index, `no column "${column}" in ${headers.join(', ')}`).toBeGreaterThanOrEqual(0)
  return (await row(page, name).getByRole('cell').nth(index).innerText()).trim()
}

/** The marked text of a row: what a search hit says matched. */
const marked = (page: Page, name: string) => row(page, name).locator('mark').allInnerTexts()

test('finds secrets of every scope by header name, certificate CN and consumer, and says where', async ({
  page,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  await expect(page.getByRole('heading', { name: 'Organization', level: 1 })).toBeVisible()
  await expect.poll(() => shownNames(page)).toEqual(['okta-sso', 'payments-api'])
  // Outside a search, Scope says nothing (it is the heading) and Availability is Organization's.
  await expect(header(page, 'Scope')).toHaveCount(0)
  await expect(header(page, 'Availability')).toBeVisible()

  await searchBox(page).fill('x-payments')
  await expect(page.getByRole('heading', { name: 'Search results', level: 1 })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Search results in every scope' })).toBeVisible()
  await expect.poll(() => shownNames(page)).toEqual(['payments-api'])
  await expect(header(page, 'Scope')).toBeVisible()
  await expect(header(page, 'Availability')).toHaveCount(0)
  expect(await cellUnder(page, 'payments-api', 'Scope')).toBe('Organization')
  await expect(row(page, 'payments-api').getByText('Header name: X-Payments-Key')).toBeVisible()
  expect(await marked(page, 'payments-api')).toEqual(['X-Payments'])
  // Where it matched is the name cell's description, for screen readers too.
  await expect(row(page, 'payments-api').getByRole('cell').first()).toHaveAccessibleDescription(
    'Header name: X-Payments-Key',
  )

  await searchBox(page).fill('GATEWAY-INTERNAL')
  await expect.poll(() => shownNames(page)).toEqual(['mtls-gateway'])
  expect(await cellUnder(page, 'mtls-gateway', 'Scope')).toBe('Personal')
  await expect(
    row(page, 'mtls-gateway').getByText('Certificate subject: CN=gateway-internal.example.com'),
  ).toBeVisible()
  expect(await marked(page, 'mtls-gateway')).toEqual(['gateway-internal'])

  await searchBox(page).fill('billing-cron')
  await expect.poll(() => shownNames(page)).toEqual(['stripe-webhook'])
  expect(await cellUnder(page, 'stripe-webhook', 'Scope')).toBe('Workspace Payments')
  await expect(row(page, 'stripe-webhook').getByText('Used by: billing-cron')).toBeVisible()
  await screenshot(page, testInfo, 'search-by-consumer')

  // Key names, client IDs and URLs are searched too; a name hit marks the name itself.
  await searchBox(page).fill('segment_write')
  await expect.poll(() => shownNames(page)).toEqual(['analytics-env'])
  await expect(row(page, 'analytics-env').getByText('Key: SEGMENT_WRITE_KEY')).toBeVisible()
  await searchBox(page).fill('login.acme')
  await expect.poll(() => shownNames(page)).toEqual(['okta-sso'])
  await expect(row(page, 'okta-sso').getByText(/^URL: https:\/\/login\.acme/)).toBeVisible()
  await searchBox(page).fill('-')
  await expect
    .poll(() => shownNames(page))
    .toEqual(['analytics-env', 'mtls-gateway', 'okta-sso', 'payments-api', 'stripe-webhook'])
  expect(await marked(page, 'okta-sso')).toEqual(['-'])

  // Values are never searched: a secret value finds nothing.
  await searchBox(page).fill('search-v1')
  await expect(page.getByText('No secrets match')).toBeVisible()
  await expect(page.getByText('Nothing in any scope matches the search and filters.')).toBeVisible()

  // Emptying the search returns to the sidebar's scope.
  await searchBox(page).fill('')
  await expect(page.getByRole('heading', { name: 'Organization', level: 1 })).toBeVisible()
  await expect.poll(() => shownNames(page)).toEqual(['okta-sso', 'payments-api'])
})

test('finds secrets by tag and by their notes, and the Tags filter narrows any listing', async ({
  page,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  await searchBox(page).fill('pci')
  await expect.poll(() => shownNames(page)).toEqual(['stripe-webhook'])
  expect(await cellUnder(page, 'stripe-webhook', 'Scope')).toBe('Workspace Payments')
  await expect(row(page, 'stripe-webhook').getByText('Tag: pci')).toBeVisible()
  await searchBox(page).fill('data team')
  await expect.poll(() => shownNames(page)).toEqual(['analytics-env'])
  await expect(row(page, 'analytics-env').getByText(/^Notes: .*data team/)).toBeVisible()
  expect(await marked(page, 'analytics-env')).toEqual(['data team'])
  await screenshot(page, testInfo, 'search-by-notes')

  // Every secret with a ticked tag, in a search across scopes.
  await searchBox(page).fill('-')
  await page.getByRole('button', { name: 'Filter by tags' }).click()
  await page.getByRole('menuitemcheckbox', { name: 'billing' }).click()
  await page.keyboard.press('Escape')
  await expect.poll(() => shownNames(page)).toEqual(['stripe-webhook'])
  await page.getByRole('button', { name: 'Filter by tags (1 selected)' }).click()
  await page.getByRole('menuitemcheckbox', { name: 'analytics' }).click()
  await page.keyboard.press('Escape')
  await expect.poll(() => shownNames(page)).toEqual(['analytics-env', 'stripe-webhook'])
  await page.getByRole('button', { name: 'Filter by tags (2 selected)' }).click()
  await page.getByRole('menuitem', { name: 'Show all' }).click()
  await page.keyboard.press('Escape')
  await searchBox(page).fill('')
})

test('choosing a scope in the sidebar ends a search; filters still narrow a search', async ({
  page,
}) => {
  await openApp(page, vault.harness.url)
  const sidebar = page.getByRole('navigation', { name: 'Sidebar' })
  await searchBox(page).fill('a')
  await expect.poll(async () => (await shownNames(page)).length).toBe(5)
  // While a search spans every scope, no one scope is current.
  await expect(sidebar.locator('[aria-current="page"]')).toHaveCount(0)

  await page.getByRole('button', { name: 'Filter by credential type' }).click()
  await page.getByRole('menuitemcheckbox', { name: 'Certificate' }).click()
  await page.keyboard.press('Escape')
  await expect.poll(() => shownNames(page)).toEqual(['mtls-gateway'])
  await page.getByRole('button', { name: 'Filter by credential type (1 selected)' }).click()
  await page.getByRole('menuitem', { name: 'Show all' }).click()
  await page.keyboard.press('Escape')

  await sidebar.getByRole('button', { name: 'Platform', exact: true }).click()
  await expect(searchBox(page)).toHaveValue('')
  await expect(page.getByRole('heading', { name: 'Workspace Platform', level: 1 })).toBeVisible()
  await expect(sidebar.getByRole('button', { name: 'Platform', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await expect.poll(() => shownNames(page)).toEqual(['analytics-env'])
  // Outside Organization there is no Availability to show.
  await expect(header(page, 'Availability')).toHaveCount(0)
})

test('Ctrl+K opens a quick switcher to any secret; Enter opens it in its scope', async ({
  page,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  await expect.poll(() => shownNames(page)).toEqual(['okta-sso', 'payments-api'])
  await page.keyboard.press('ControlOrMeta+k')
  const switcher = page.getByRole('dialog', { name: 'Go to secret' })
  await expect(switcher).toBeVisible()
  const field = switcher.getByRole('combobox', { name: 'Find a secret' })
  await expect(field).toBeFocused()
  const options = switcher.getByRole('listbox', { name: 'Secrets' }).getByRole('option')
  await expect(options).toHaveCount(5)

  // Escape closes it and changes nothing.
  await page.keyboard.press('Escape')
  await expect(switcher).toBeHidden()
  await expect(page.getByRole('heading', { name: 'Organization', level: 1 })).toBeVisible()

  await page.keyboard.press('ControlOrMeta+k')
  await expect(field).toBeFocused()
  await page.keyboard.type('st')
  // A name that starts with the text comes before a hit in another field (okta-sso's URL).
  await expect(options).toHaveText([
    /^stripe-webhook\s*Workspace Payments · Bearer Token/,
    /^okta-sso\s*Organization · Client Credentials\s*URL: https:\/\/login\.acme\.test/,
  ])
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(field).toHaveAttribute('aria-activedescendant', /option-1$/)
  await screenshot(page, testInfo, 'quick-switcher')
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')

  // stripe-webhook: its scope (Workspace Payments) listed, its row selected, the drawer open.
  await expect(switcher).toBeHidden()
  await expect(page.getByRole('heading', { name: 'Workspace Payments', level: 1 })).toBeVisible()
  await expect(row(page, 'stripe-webhook')).toHaveAttribute('aria-current', 'true')
  const drawer = page.getByRole('complementary', { name: 'stripe-webhook' })
  await expect(drawer).toBeVisible()
  await expect(drawer.getByRole('heading', { name: 'stripe-webhook' })).toBeFocused()
})

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme })

    test(`search results and the quick switcher, ${scheme}`, async ({ page }, testInfo) => {
      await openApp(page, vault.harness.url)
      // A name hit (payments) and a hit in a key name (SEGMENT_WRITE_KEY).
      await searchBox(page).fill('ent')
      await expect.poll(() => shownNames(page)).toEqual(['analytics-env', 'payments-api'])
      await page.mouse.move(5, 700)
      await screenshot(page, testInfo, `${scheme}-search-results`)
      await searchBox(page).fill('')
      await page.keyboard.press('ControlOrMeta+k')
      await page.keyboard.type('st')
      await expect(page.getByRole('option')).toHaveCount(2)
      await screenshot(page, testInfo, `${scheme}-quick-switcher`)
    })
  })
}
