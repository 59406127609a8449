import { cellOf, openApp, shownNames } from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// The listing as an admin uses it: type to search, narrow by type and status, sort by each column.
// The vault is filled by the `safehold` command beforehand, as a team's vault would be.

let vault: E2eVault

const inDays = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

const SEEDED: { name: string; type: string; expires?: string; fields: string[] }[] = [
  {
    name: 'payments-api',
    type: 'api-key',
    expires: inDays(300),
    fields: ['headerName=X-Api-Key', 'value=v1-payments'],
  },
  {
    name: 'payments-webhook',
    type: 'bearer-token',
    expires: inDays(20),
    fields: ['headerName=Authorization', 'headerValue=v2-webhook'],
  },
  {
    name: 'crm-oauth',
    type: 'client-credentials',
    expires: inDays(90),
    fields: ['clientId=crm', 'url=https://auth.example.com/token', 'clientSecret=v3-crm'],
  },
  {
    name: 'analytics-env',
    type: 'key-value',
    fields: ['pair:TOKEN=v4-analytics', 'pair:REGION=v5-eu'],
  },
  {
    name: 'billing-key',
    type: 'api-key',
    expires: inDays(45),
    fields: ['headerName=X-Billing', 'value=v6-billing'],
  },
  {
    name: 'Zeta-legacy',
    type: 'bearer-token',
    fields: ['headerName=Authorization', 'headerValue=v7-legacy'],
  },
]

test.beforeAll(async () => {
  vault = await openVault({
    seed(cli) {
      for (const secret of SEEDED) {
        cli(
          'register',
          '--type',
          secret.type,
          '--name',
          secret.name,
          '--scope',
          'organization',
          ...(secret.expires ? ['--expires', secret.expires] : []),
          ...secret.fields.flatMap((field) => ['--field', field]),
        )
      }
      cli('delete', 'Zeta-legacy', '--schedule', '--confirm', 'DELETE')
    },
  })
})

test.afterAll(async () => {
  await vault?.stop()
})

const byName = (names: string[]): string[] =>
  [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }))

test('search narrows the listing as the user types, and clearing brings every row back', async ({
  page,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  const all = byName(SEEDED.map((s) => s.name))
  await expect.poll(() => shownNames(page)).toEqual(all)

  const search = page.getByRole('searchbox', { name: 'Search secrets' })
  await search.pressSequentially('pay', { delay: 30 })
  await expect.poll(() => shownNames(page)).toEqual(['payments-api', 'payments-webhook'])
  await search.pressSequentially('ments-w', { delay: 30 })
  await expect.poll(() => shownNames(page)).toEqual(['payments-webhook'])
  await screenshot(page, testInfo, 'listing-search')

  await search.fill('no-such-secret')
  await expect(page.getByText('No secrets match')).toBeVisible()
  await screenshot(page, testInfo, 'listing-no-match')
  await page.getByRole('button', { name: 'Clear search', exact: true }).click()
  await expect(search).toHaveValue('')
  await expect.poll(() => shownNames(page)).toEqual(all)

  // Case does not matter; "/" jumps to the search box from anywhere.
  await page.getByRole('table').click()
  await page.keyboard.press('/')
  await expect(search).toBeFocused()
  await page.keyboard.type('ZETA')
  await expect.poll(() => shownNames(page)).toEqual(['Zeta-legacy'])
})

test('filters by credential type and by status, and combines them', async ({ page }, testInfo) => {
  await openApp(page, vault.harness.url)
  const typeMenu = page.getByRole('button', { name: 'Filter by credential type' })
  await typeMenu.click()
  await page.getByRole('menuitemcheckbox', { name: 'Bearer Token' }).click()
  await expect(page.getByRole('menuitemcheckbox', { name: 'Bearer Token' })).toBeChecked()
  await screenshot(page, testInfo, 'listing-filter-menu')
  await page.keyboard.press('Escape')
  await expect.poll(() => shownNames(page)).toEqual(['payments-webhook', 'Zeta-legacy'])
  await expect(
    page.getByRole('button', { name: 'Filter by credential type (1 selected)' }),
  ).toBeVisible()

  await page.getByRole('button', { name: 'Filter by status' }).click()
  await page.getByRole('menuitemcheckbox', { name: 'Scheduled for deletion' }).click()
  await page.keyboard.press('Escape')
  await expect.poll(() => shownNames(page)).toEqual(['Zeta-legacy'])
  await expect(await cellOf(page, 'Zeta-legacy', 'Status')).toHaveText(
    /^Scheduled for deletion, Deletes [A-Z][a-z]{2} \d{1,2}$/,
  )

  // A second type widens the type filter; the status filter still holds.
  await page.getByRole('button', { name: 'Filter by credential type (1 selected)' }).click()
  await page.getByRole('menuitemcheckbox', { name: 'API Key' }).click()
  await page.keyboard.press('Escape')
  await expect.poll(() => shownNames(page)).toEqual(['Zeta-legacy'])

  await page.getByRole('button', { name: 'Filter by status (1 selected)' }).click()
  await page.getByRole('menuitem', { name: 'Show all' }).click()
  await page.keyboard.press('Escape')
  await expect
    .poll(() => shownNames(page))
    .toEqual(['billing-key', 'payments-api', 'payments-webhook', 'Zeta-legacy'])
  await screenshot(page, testInfo, 'listing-filtered')
})

test('sorts by every column, both ways, and says how it is sorted', async ({ page }, testInfo) => {
  await openApp(page, vault.harness.url)
  const header = (name: string) => page.getByRole('columnheader', { name, exact: true })
  const byExpiry = SEEDED.filter((s) => s.expires)
    .sort((a, b) => a.expires!.localeCompare(b.expires!))
    .map((s) => s.name)
  const noExpiry = byName(SEEDED.filter((s) => !s.expires).map((s) => s.name))

  // Secret name is the default order, ascending.
  await expect(header('Secret name')).toHaveAttribute('aria-sort', 'ascending')
  await header('Secret name').getByRole('button').click()
  await expect(header('Secret name')).toHaveAttribute('aria-sort', 'descending')
  await expect.poll(() => shownNames(page)).toEqual(byName(SEEDED.map((s) => s.name)).reverse())

  await header('Expiration date').getByRole('button').click()
  await expect(header('Expiration date')).toHaveAttribute('aria-sort', 'ascending')
  await expect(header('Secret name')).not.toHaveAttribute('aria-sort', /.+/)
  // Secrets without an expiration date come last, in either direction.
  await expect.poll(() => shownNames(page)).toEqual([...byExpiry, ...noExpiry])
  await header('Expiration date').getByRole('button').click()
  await expect.poll(() => shownNames(page)).toEqual([...byExpiry.reverse(), ...noExpiry])
  await screenshot(page, testInfo, 'listing-sorted-by-expiration')

  await header('Credential type').getByRole('button').click()
  const types = await page
    .getByRole('table')
    .locator('tbody tr:not([aria-hidden="true"]) td:nth-child(2)')
    .allTextContents()
  expect(types).toEqual([...types].sort((a, b) => a.localeCompare(b)))
  expect(new Set(types)).toEqual(
    new Set(['API Key', 'Bearer Token', 'Client Credentials', 'Key/Value']),
  )

  await header('Status').getByRole('button').click()
  await expect.poll(async () => (await shownNames(page)).at(-1)).toBe('Zeta-legacy')
  await header('Status').getByRole('button').click()
  await expect.poll(async () => (await shownNames(page))[0]).toBe('Zeta-legacy')

  for (const column of ['Availability', 'Creation date']) {
    await header(column).getByRole('button').click()
    await expect(header(column)).toHaveAttribute('aria-sort', 'ascending')
    await expect.poll(async () => (await shownNames(page)).length).toBe(SEEDED.length)
  }
})
