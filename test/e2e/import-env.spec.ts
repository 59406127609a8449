import { randomBytes } from 'node:crypto'
import {
  choose,
  dropFiles,
  expectNoValueInDocument,
  openApp,
  row,
  showScope,
} from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// "Import .env" (DESIGN §6.3, §6.4): a .env file dropped or chosen is previewed by main — its keys
// and the secrets it would become, never a value — then imported as one Key/Value secret or one
// per key; a name already taken is said beside the field before anything is saved.

let vault: E2eVault

test.beforeAll(async () => {
  vault = await openVault({
    workspaces: ['Platform'],
    seed: (cli) => {
      cli(
        ...['register', '--type', 'api-key', '--name', 'API_TOKEN', '--scope', 'personal'],
        ...['--field', 'headerName=Authorization', '--field', 'value=already-here-value-1'],
      )
    },
  })
})

test.afterAll(async () => {
  await vault?.stop()
})

const token = (label: string): string => `${label}-${randomBytes(10).toString('hex')}`

test('"Import .env" from the empty state: drop, preview, import, and the row appears', async ({
  page,
  ipc,
}, testInfo) => {
  const database = ipc.watch(token('postgres://app:pw'))
  const apiKey = ipc.watch(token('sk_live'))
  const env = ['# production', `DATABASE_URL=${database}`, `export API_KEY="${apiKey}"`].join('\n')

  await openApp(page, vault.harness.url)
  // The organization holds no secret yet: its empty state offers the import.
  await showScope(page, { scope: 'organization' })
  await page.getByRole('button', { name: 'Import .env', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Import .env' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled()

  await dropFiles(page, dialog.getByRole('button', { name: '.env file', exact: true }), [
    { name: 'production.env', mimeType: 'text/plain', bytes: Buffer.from(env) },
  ])
  // Keys from main's preview, never a value; a name to start from, taken from the file's.
  const keys = dialog.getByRole('list', { name: 'Keys in the file' })
  await expect(keys.getByRole('listitem')).toHaveText(['DATABASE_URL', 'API_KEY'])
  await expect(dialog.getByLabel('Secret name')).toHaveValue('production-env')
  await choose(dialog.getByRole('radiogroup', { name: 'Scope' }), 'Personal')
  const created = dialog.getByRole('region', { name: 'Secrets to create' })
  await expect(created).toContainText('Will create 1 Key/Value secret')
  await expect(created).toContainText('DATABASE_URL, API_KEY')
  await expectNoValueInDocument(page, ipc.values)
  await screenshot(page, testInfo, 'import-env-preview')

  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Imported 1 secret from the .env file.')).toBeVisible()
  await expect(row(page, 'production-env').getByRole('cell').nth(1)).toHaveText('Key/Value')

  const got = vault.cli('get', 'production-env', '--as', 'e2e-check')
  expect(got.stderr).toBe('')
  expect(got.stdout.trim().split('\n')).toEqual([`DATABASE_URL=${database}`, `API_KEY=${apiKey}`])
})

test('one secret per key: a taken name is shown before saving, and another scope imports them all', async ({
  page,
  ipc,
}, testInfo) => {
  const secret = ipc.watch(token('per-key'))
  const env = `API_TOKEN=${secret}\nSERVICE_URL=https://api.example.com\nLOG_LEVEL=debug\n`

  await openApp(page, vault.harness.url)
  await page.getByRole('button', { name: 'More ways to add secrets' }).click()
  await page.getByRole('menuitem', { name: 'Import .env' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import .env' })
  await dialog.getByLabel('Browse for a .env file').setInputFiles({
    name: '.env',
    mimeType: 'text/plain',
    buffer: Buffer.from(env),
  })
  await choose(dialog.getByRole('radiogroup', { name: 'Import as' }), 'One secret per key')
  await choose(dialog.getByRole('radiogroup', { name: 'Scope' }), 'Personal')

  // API_TOKEN is taken in Personal: said beside the choice, and nothing can be imported yet.
  await expect(
    dialog.getByText('A secret named "API_TOKEN" already exists in your personal secrets.'),
  ).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled()
  await screenshot(page, testInfo, 'import-env-name-taken')

  await choose(dialog.getByRole('radiogroup', { name: 'Scope' }), 'Workspace')
  await dialog.getByRole('combobox', { name: 'Workspace' }).click()
  await page.getByRole('option', { name: 'Platform', exact: true }).click()
  await expect(dialog.getByText(/already exists/)).toHaveCount(0)
  await expect(dialog.getByRole('region', { name: 'Secrets to create' })).toContainText(
    'Will create 3 Key/Value secrets',
  )
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Imported 3 secrets from the .env file.')).toBeVisible()
  for (const name of ['API_TOKEN', 'SERVICE_URL', 'LOG_LEVEL'])
    await expect(row(page, name)).toBeVisible()
  await expectNoValueInDocument(page, ipc.values)
  expect(
    vault.cli(
      'get',
      'API_TOKEN',
      '--field',
      'API_TOKEN',
      '--scope',
      'workspace:Platform',
      '--as',
      'e2e',
    ).stdout,
  ).toBe(`${secret}\n`)
})

test('a file main cannot read is said beside the drop zone, and nothing is imported', async ({
  page,
}) => {
  await openApp(page, vault.harness.url)
  await page.getByRole('button', { name: 'More ways to add secrets' }).click()
  await page.getByRole('menuitem', { name: 'Import .env' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import .env' })
  await dropFiles(page, dialog.getByRole('button', { name: '.env file', exact: true }), [
    { name: 'notes.txt', mimeType: 'text/plain', bytes: Buffer.from('just some text\n') },
  ])
  await expect(dialog.getByText(/is not a \.env or \.json file/)).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled()
})
