import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'
import {
  choose,
  showScope,
  dropFiles,
  expectNoValueInDocument,
  openApp,
  register,
  review,
  row,
  startRegistration,
} from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// Key/Value by File (DESIGN.md §1.1): a dropped .env or JSON file, read by main exactly as dotenv
// reads it, becomes rows the user sees (keys in clear, values masked) and may change before
// anything is saved; a broken file says where, every problem by line.

let vault: E2eVault

test.beforeAll(async () => {
  vault = await openVault()
})

test.afterAll(async () => {
  await vault?.stop()
})

const token = (label: string): string => `${label}-${randomBytes(10).toString('hex')}`

test('a dropped .env file becomes rows, and registers as a Key/Value secret', async ({
  page,
  ipc,
}, testInfo) => {
  const database = ipc.watch(token('postgres://app:pw'))
  const apiKey = ipc.watch(token('sk_live'))
  const greeting = ipc.watch(token('hello world'))
  const env = [
    '# production settings',
    `DATABASE_URL=${database}`,
    '',
    `export API_KEY="${apiKey}"`,
    `GREETING='${greeting}'`,
  ].join('\n')

  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'Key/Value')
  await wizard.getByLabel('Secret name').fill('production-env')
  await choose(wizard.getByRole('radiogroup', { name: 'Registration method' }), 'File')
  await dropFiles(page, wizard.getByRole('button', { name: 'Key/Value file', exact: true }), [
    { name: 'production.env', mimeType: 'text/plain', bytes: Buffer.from(env) },
  ])

  // Shown as rows before saving: keys readable, values masked.
  await expect(wizard.getByText('production.env')).toBeVisible()
  await expect(wizard.getByLabel('Key 1')).toHaveValue('DATABASE_URL')
  await expect(wizard.getByLabel('Key 2')).toHaveValue('API_KEY')
  await expect(wizard.getByLabel('Key 3')).toHaveValue('GREETING')
  await expect(wizard.getByLabel('Key 4')).toHaveCount(0)
  for (const n of [1, 2, 3]) {
    await expect(wizard.getByLabel(`Value ${n}`)).toHaveAttribute('type', 'password')
  }
  await expect(wizard.getByLabel('Value 2')).toHaveValue(apiKey)
  await expect(wizard.getByText('3 of 200 keys')).toBeVisible()
  await screenshot(page, testInfo, 'wizard-key-value-file')

  // A row can still go before registering.
  await wizard.getByRole('button', { name: 'Remove row 3' }).click()
  await expect(wizard.getByLabel('Key 3')).toHaveCount(0)

  await review(wizard)
  await expect(wizard.getByText('DATABASE_URL, API_KEY')).toBeVisible()
  await register(page, wizard, 'production-env')
  await showScope(page, { scope: 'personal' })
  await expect(row(page, 'production-env').getByRole('cell').nth(1)).toHaveText('Key/Value')
  await expectNoValueInDocument(page, ipc.values)

  const got = vault.cli('get', 'production-env', '--as', 'e2e-check')
  expect(got.stderr).toBe('')
  expect(got.stdout.trim().split('\n')).toEqual([`DATABASE_URL=${database}`, `API_KEY=${apiKey}`])
})

test('a dropped JSON file is read the same way', async ({ page, ipc }) => {
  const secret = ipc.watch(token('json-value'))
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'Key/Value')
  await wizard.getByLabel('Secret name').fill('json-config')
  await choose(wizard.getByRole('radiogroup', { name: 'Registration method' }), 'File')
  await dropFiles(page, wizard.getByRole('button', { name: 'Key/Value file', exact: true }), [
    {
      name: 'config.json',
      mimeType: 'application/json',
      bytes: Buffer.from(JSON.stringify({ SERVICE_TOKEN: secret })),
    },
  ])
  await expect(wizard.getByLabel('Key 1')).toHaveValue('SERVICE_TOKEN')
  await review(wizard)
  await register(page, wizard, 'json-config')
  expect(vault.cli('get', 'json-config', '--as', 'e2e-check').stdout).toBe(
    `SERVICE_TOKEN=${secret}\n`,
  )
})

test('a broken .env file says which line is wrong, and adds no rows', async ({
  page,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'Key/Value')
  await choose(wizard.getByRole('radiogroup', { name: 'Registration method' }), 'File')
  await dropFiles(page, wizard.getByRole('button', { name: 'Key/Value file', exact: true }), [
    { name: 'broken.env', mimeType: 'text/plain', bytes: Buffer.from('GOOD=1\nnot a pair\n') },
  ])
  await expect(
    wizard.getByText(
      'In "broken.env", line 2 is not a KEY=value line (dotenv would skip it without a word).',
    ),
  ).toBeVisible()
  await expect(wizard.getByLabel('Key 1')).toHaveCount(0)
  await screenshot(page, testInfo, 'wizard-key-value-file-error')
})

test('a real-world .env.production.local registers with dotenv’s values, key by key', async ({
  page,
  ipc,
}) => {
  // A BOM, CRLF, `export`, inline JSON, backticks, `\\` and `\"`, a multi-line PEM.
  const bytes = readFileSync(join(__dirname, '..', 'fixtures', 'env', '.env.production.local'))
  const dotenv = parse(bytes)
  for (const key of ['PAYMENT_API_KEY', 'SERVICE_ACCOUNT', 'JWT_PUBLIC_KEY'])
    ipc.watch(dotenv[key]!)
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'Key/Value')
  await wizard.getByLabel('Secret name').fill('payments-prod')
  await choose(wizard.getByRole('radiogroup', { name: 'Registration method' }), 'File')
  await dropFiles(page, wizard.getByRole('button', { name: 'Key/Value file', exact: true }), [
    { name: '.env.production.local', mimeType: 'text/plain', bytes },
  ])
  const keys = Object.keys(dotenv)
  for (const [index, key] of keys.entries())
    await expect(wizard.getByLabel(`Key ${index + 1}`, { exact: true })).toHaveValue(key)
  await expect(wizard.getByLabel(`Key ${keys.length + 1}`, { exact: true })).toHaveCount(0)
  const row = (key: string) => wizard.getByLabel(`Value ${keys.indexOf(key) + 1}`, { exact: true })
  await expect(row('SERVICE_ACCOUNT')).toHaveValue(dotenv['SERVICE_ACCOUNT']!)
  await expect(row('GREETING')).toHaveValue(dotenv['GREETING']!)
  await expect(row('WINDOWS_PATH')).toHaveValue(dotenv['WINDOWS_PATH']!)

  await review(wizard)
  await register(page, wizard, 'payments-prod')
  await expectNoValueInDocument(page, ipc.values)
  // What was stored is dotenv's reading, the PEM's line breaks included: `get` prints .env
  // lines that dotenv reads back to the same values.
  const got = vault.cli('get', 'payments-prod', '--as', 'e2e-check')
  expect(got.stderr).toBe('')
  expect(parse(got.stdout)).toEqual(dotenv)
})
