import type { Page } from '@playwright/test'
import { startHttpPeer, tokenEndpoint, type Peer } from '../support/loopback-peers'
import { expectNoValueInDocument, openApp, row } from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// "Test connection" in the details (DESIGN §6.3): an API key tested against a loopback server the
// test starts, by the address the dialog asks for; client credentials at once against their own
// token endpoint. The answer is main's plain words; no value and no token reaches the page.

const API_KEY = 'sk_e2e_conn_4Tq9Wm'
const STALE_KEY = 'sk_e2e_stale_0000'
const CLIENT_SECRET = 'e2e-client-secret-7Yh2'
const ACCESS_TOKEN = 'e2e_ACCESS_token_8Kd3'
const REFRESH_TOKEN = 'e2e_REFRESH_token_2Jf6'

let vault: E2eVault
let api: Peer
let oauth: Peer

test.beforeAll(async () => {
  api = await startHttpPeer(null, (request, response) => {
    response.statusCode = request.headers['x-api-key'] === API_KEY ? 200 : 401
    response.end()
  })
  oauth = await startHttpPeer(
    null,
    tokenEndpoint({
      clientId: 'e2e-client',
      clientSecret: CLIENT_SECRET,
      methods: ['basic'],
      accessToken: ACCESS_TOKEN,
      refreshToken: REFRESH_TOKEN,
    }),
  )
  vault = await openVault({
    seed(cli) {
      const register = (...args: string[]) => cli('register', '--scope', 'organization', ...args)
      register(
        ...['--type', 'api-key', '--name', 'svc-key', '--field', 'headerName=X-Api-Key'],
        ...['--field', `value=${API_KEY}`],
      )
      register(
        ...['--type', 'api-key', '--name', 'stale-key', '--field', 'headerName=X-Api-Key'],
        ...['--field', `value=${STALE_KEY}`],
      )
      register(
        ...['--type', 'client-credentials', '--name', 'crm-oauth'],
        ...['--field', 'clientId=e2e-client', '--field', `url=${oauth.origin}/oauth/token`],
        ...['--field', `clientSecret=${CLIENT_SECRET}`],
      )
      register('--type', 'key-value', '--name', 'app-env', '--field', 'pair:DB=e2e-kv-pass-1')
      register(
        ...['--type', 'api-key', '--name', 'spot-key', '--availability', 'spot:CodeCrafters'],
        ...['--field', 'headerName=X-Api-Key', '--field', 'value=e2e-spot-value-5'],
      )
    },
  })
})

test.beforeEach(({ ipc }) => {
  for (const value of [
    API_KEY,
    STALE_KEY,
    CLIENT_SECRET,
    ACCESS_TOKEN,
    REFRESH_TOKEN,
    'e2e-kv-pass-1',
    'e2e-spot-value-5',
  ])
    ipc.watch(value)
})

test.afterAll(async () => {
  await vault?.stop()
  await api?.close()
  await oauth?.close()
})

async function openDetails(page: Page, name: string) {
  await row(page, name).click()
  const drawer = page.getByRole('complementary', { name })
  await expect(drawer).toBeVisible()
  return drawer
}

test('an API key: the dialog asks for the address, and the result says the connection works', async ({
  page,
  ipc,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'svc-key')
  await drawer.getByRole('button', { name: 'Test connection' }).click()
  const dialog = page.getByRole('dialog', { name: 'Test connection' })
  await expect(dialog).toBeVisible()
  const url = dialog.getByRole('textbox', { name: 'URL' })
  await expect(url).toBeFocused()

  // An address Safehold will not send a credential to is refused beside the field.
  await url.fill('ftp://127.0.0.1/')
  await dialog.getByRole('button', { name: 'Test connection' }).click()
  await expect(dialog.getByText(/^URL must start with https:\/\//)).toBeVisible()
  expect(api.requests).toEqual([])

  await url.fill(`${api.origin}/v1/me`)
  await dialog.getByRole('button', { name: 'Test connection' }).click()
  const result = dialog.getByRole('status')
  await expect(result).toContainText(
    'Connection works: the server answered 200 OK to a request with the API key in the "X-Api-Key" header.',
  )
  await expect(result).toContainText(`${api.origin} · HTTP 200`)
  expect(api.requests.map((request) => request.headers['x-api-key'])).toEqual([API_KEY])
  await screenshot(page, testInfo, 'test-connection-dialog')

  // Closed, the drawer keeps the answer beside its buttons, and the test counts as a use.
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(drawer.getByRole('status')).toContainText('Connection works')
  const usages = drawer.getByRole('list', { name: 'Where it is used' })
  await expect(usages.getByText('connection-test')).toBeVisible()
  await expect(usages.getByText('1 use')).toBeVisible()
  await expectNoValueInDocument(page, ipc.values)
})

test('a refused key is explained in plain words', async ({ page }) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'stale-key')
  await drawer.getByRole('button', { name: 'Test connection' }).click()
  const dialog = page.getByRole('dialog', { name: 'Test connection' })
  await dialog.getByRole('textbox', { name: 'URL' }).fill(`${api.origin}/`)
  await dialog.getByRole('button', { name: 'Test connection' }).click()
  await expect(dialog.getByRole('status')).toContainText(
    'The server refused the credential (401 Unauthorized): the API key is wrong, expired or revoked',
  )
})

test('client credentials are tested at once against their token endpoint; the token stays out', async ({
  page,
  ipc,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'crm-oauth')
  await drawer.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(drawer.getByRole('status')).toContainText(
    'Token endpoint works: it issued a token of type Bearer with a lifetime of 3600 s (1 hour), for the client authenticated by client_secret_basic. The token itself is not shown.',
  )
  await screenshot(page, testInfo, 'test-connection-oauth')
  await expectNoValueInDocument(page, ipc.values)
})

test('a Key/Value secret offers no connection test', async ({ page }) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'app-env')
  await expect(drawer.getByRole('button', { name: 'Copy', exact: true })).toBeVisible()
  await expect(drawer.getByRole('button', { name: 'Test connection' })).toHaveCount(0)
})

test('a Spot-only secret cannot be tested here, and the drawer says why', async ({ page }) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'spot-key')
  await expect(drawer.getByRole('button', { name: 'Test connection' })).toBeDisabled()
  await expect(
    drawer.getByText(
      'Only the Spot CodeCrafters may use this secret, so it cannot be tested here.',
    ),
  ).toBeVisible()
})
