import type { Locator, Page } from '@playwright/test'
import {
  expectNoValueInDocument,
  openApp,
  register,
  review,
  row,
  startRegistration,
  typeSecret,
} from './support/app-page'
import { expectAccessible } from './support/axe'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// History (DESIGN §3, §6.4): after secrets are registered, used and edited, the vault's audit log
// is listed newest first and filtered as `safehold audit` is — by secret name, action, first day
// and scope — in the UI's words: field labels, never field ids, actions in words, never a value.

const LEGACY_VALUE = 'legacy-value-5b2c9e1d'
const OKTA_SECRET = 'okta-secret-8d7c6b5a'
const STRIPE_VALUE = 'stripe-value-3e4f5a6b'
const FIELD_IDS = /\b(headerName|headerValue|clientId|clientSecret)\b/

let vault: E2eVault

test.beforeAll(async () => {
  vault = await openVault({
    workspaces: ['Platform'],
    seed(cli, at) {
      // Ten days ago: registered and used, so "Since" a later day leaves it out.
      at('-10d')(
        'register',
        ...['--type', 'api-key', '--name', 'legacy-mailer', '--scope', 'organization'],
        ...['--field', 'headerName=X-Mailer-Key', '--field', `value=${LEGACY_VALUE}`],
      )
      at('-10d')('get', 'legacy-mailer', '--as', 'old-cron')
      cli(
        'register',
        ...['--type', 'client-credentials', '--name', 'okta-sso'],
        ...['--scope', 'workspace:Platform'],
        ...['--field', 'clientId=safehold', '--field', 'url=https://acme.okta.com/oauth2/token'],
        ...['--field', `clientSecret=${OKTA_SECRET}`],
      )
      cli('get', 'okta-sso', '--field', 'clientSecret', '--as', 'deploy-script')
    },
  })
})

test.afterAll(async () => {
  await vault?.stop()
})

test.beforeEach(({ ipc }) => {
  for (const value of [LEGACY_VALUE, OKTA_SECRET, STRIPE_VALUE]) ipc.watch(value)
})

/** Today in the browser's (and this machine's) time zone, as a date input takes it. */
function today(): string {
  const now = new Date()
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

async function openHistory(page: Page): Promise<Locator> {
  const place = page
    .getByRole('navigation', { name: 'Sidebar' })
    .getByRole('button', { name: 'History', exact: true })
  await place.click()
  await expect(place).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible()
  return page.getByRole('list', { name: 'History entries' })
}

/** Each listed entry's text, top to bottom. */
async function entries(list: Locator): Promise<string[]> {
  return (await list.getByRole('listitem').allInnerTexts()).map((text) =>
    text.replace(/\s+/g, ' ').trim(),
  )
}

test('lists what was done, and filters it by name, action and day', async ({
  page,
  ipc,
}, testInfo) => {
  await openApp(page, vault.harness.url)

  // Registered in the window, used by Copy, then its header name edited.
  const wizard = await startRegistration(page, { scope: 'organization' }, 'API Key')
  await wizard.getByLabel('Secret name').fill('stripe-live')
  await wizard.getByLabel('Header name').fill('X-Api-Key')
  await typeSecret(ipc, wizard.getByLabel('Value', { exact: true }), STRIPE_VALUE)
  await review(wizard)
  await register(page, wizard, 'stripe-live')
  await row(page, 'stripe-live').click()
  const drawer = page.getByRole('complementary', { name: 'stripe-live' })
  await drawer.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(drawer.getByText('Safehold app (Copy)', { exact: true })).toBeVisible()
  await drawer.getByRole('button', { name: 'Edit' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit secret' })
  await edit.getByLabel('Header name').fill('Authorization')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeHidden()

  const list = await openHistory(page)
  const status = page.getByRole('status').filter({ hasText: /entr(y|ies)/ })
  await expect(list.getByRole('listitem').first()).toContainText('Edited')
  const all = await entries(list)
  expect(all[0]).toMatch(/Edited stripe-live by Ada Admin changed Header name$/)
  expect(all.some((text) => /Used okta-sso by deploy-script Client secret$/.test(text))).toBe(true)
  expect(all.some((text) => /Used legacy-mailer by old-cron/.test(text))).toBe(true)
  expect(all.some((text) => /Workspace added Vault by Ada Admin Platform$/.test(text))).toBe(true)
  expect(all.join('\n')).not.toMatch(FIELD_IDS)

  // By name: every entry of stripe-live, and nothing else.
  const filters = page.getByRole('search', { name: 'Filter history' })
  await filters.getByRole('searchbox', { name: 'Secret name' }).fill('STRIPE')
  await expect(status).toHaveText('3 entries match these filters.')
  await expect
    .poll(() => entries(list))
    .toEqual([
      expect.stringMatching(/^.+ Edited stripe-live by Ada Admin changed Header name$/),
      expect.stringMatching(/^.+ Used stripe-live by Safehold app \(Copy\)/),
      expect.stringMatching(/^.+ Registered stripe-live by Ada Admin$/),
    ])

  // By action, in words.
  await filters.getByRole('searchbox', { name: 'Secret name' }).fill('')
  const action = filters.getByRole('combobox', { name: 'Action' })
  await expect(action.getByRole('option', { name: 'Workspace added' })).toBeAttached()
  await action.selectOption({ label: 'Used' })
  await expect(status).toHaveText('3 entries match these filters.')
  // The count is said as soon as main answers; the rows follow in the next frame.
  await expect
    .poll(async () => (await entries(list)).every((text) => / Used /.test(text)))
    .toBe(true)
  const used = await entries(list)
  expect(used.join('\n')).toContain('Client secret')
  expect(used.join('\n')).not.toMatch(FIELD_IDS)

  // Since today: last week's use of legacy-mailer is left out; a day before it, it is back.
  const since = filters.getByLabel('Since')
  await since.fill(today())
  await expect(status).toHaveText('2 entries match these filters.')
  await expect.poll(async () => (await entries(list)).join('\n')).not.toContain('legacy-mailer')
  const lastMonth = new Date(Date.now() - 30 * 86_400_000)
  await since.fill(lastMonth.toLocaleDateString('sv-SE'))
  await expect(status).toHaveText('3 entries match these filters.')
  await expect.poll(async () => (await entries(list)).join('\n')).toContain('legacy-mailer')

  // By scope: the Platform workspace's secret only.
  await filters
    .getByRole('combobox', { name: 'Scope' })
    .selectOption({ label: 'Workspace Platform' })
  await expect(status).toContainText('1 entry matches these filters.')
  await expect
    .poll(() => entries(list))
    .toEqual([expect.stringMatching(/Used okta-sso by deploy-script/)])

  await screenshot(page, testInfo, 'history-filtered-light')
  await expectAccessible(page, testInfo, 'history-filtered-light')

  // Nothing matching says so; clearing the filters lists everything again.
  await filters.getByRole('searchbox', { name: 'Secret name' }).fill('no-such-secret')
  await expect(status).toHaveText(/^No entries match these filters\./)
  await expect(page.getByRole('heading', { name: 'Nothing matches' })).toBeVisible()
  await filters.getByRole('button', { name: 'Clear filters' }).click()
  await expect(filters.getByRole('button', { name: 'Clear filters' })).toBeHidden()
  await expect(status).toHaveText(/^\d+ entries\.$/)
  await expectNoValueInDocument(page, [LEGACY_VALUE, OKTA_SECRET, STRIPE_VALUE])
})

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' })

  test('History with its filters set passes axe', async ({ page }, testInfo) => {
    await openApp(page, vault.harness.url)
    const list = await openHistory(page)
    await expect(list.getByRole('listitem').first()).toBeVisible()
    const filters = page.getByRole('search', { name: 'Filter history' })
    await filters.getByRole('searchbox', { name: 'Secret name' }).fill('okta')
    await filters.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Registered' })
    await expect(list.getByRole('listitem')).toHaveCount(1)
    await screenshot(page, testInfo, 'history-filtered-dark')
    await expectAccessible(page, testInfo, 'history-filtered-dark')
  })
})
