import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expectNoValueInDocument, openApp } from './support/app-page'
import { expectAccessible } from './support/axe'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// "Scan a folder…" (DESIGN §3): a folder seeded with two vault values, picked through the folder
// picker (the harness's --pick-folder), is read by main and each place is listed as file:line with
// the secret's name; no value reaches the page. The folder is a git repository, so its history can
// be read too, finding a value only an old commit holds. The scan is recorded in History and is
// not a use: every secret's status and usages stay as they were.

const STRIPE = 'sk_live_e2e_scan_51HxYzAb'
const DB_PASS = 'e2e-scan-db-pass-Q8w7e6r5'
const OLD_TOKEN = 'ghp_e2e_scan_old_commit_42'
const VALUES = [STRIPE, DB_PASS, OLD_TOKEN]

let root = ''
let folder = ''
let vault: E2eVault

function git(...args: string[]): void {
  execFileSync('git', ['-C', folder, '-c', 'user.name=Ada', '-c', 'user.email=ada@x.org', ...args])
}

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-e2e-scan-'))
  folder = join(root, 'project')
  mkdirSync(join(folder, 'src'), { recursive: true })
  execFileSync('git', ['init', '-q', folder])
  writeFileSync(join(folder, 'deploy.sh'), `#!/bin/sh\nexport TOKEN=${OLD_TOKEN}\n./deploy\n`)
  git('add', 'deploy.sh')
  git('commit', '-q', '-m', 'deploy script')
  writeFileSync(join(folder, 'deploy.sh'), '#!/bin/sh\n./deploy\n')
  git('commit', '-q', '-am', 'token out of the script')
  // Not committed: only the files hold these.
  writeFileSync(join(folder, '.env'), `# local\nREGION=eu\nDB_PASS=${DB_PASS}\n`)
  writeFileSync(join(folder, 'src', 'pay.js'), `${'// x\n'.repeat(9)}const key = "${STRIPE}"\n`)

  vault = await openVault({
    pickFolder: folder,
    seed(cli) {
      cli(
        'register',
        ...['--type', 'api-key', '--name', 'stripe-live', '--scope', 'organization'],
        ...['--field', 'headerName=X-Api-Key', '--field', `value=${STRIPE}`],
      )
      cli(
        'register',
        ...['--type', 'api-key', '--name', 'github-token', '--scope', 'personal'],
        ...['--field', 'headerName=Authorization', '--field', `value=${OLD_TOKEN}`],
      )
      cli(
        'register',
        ...['--type', 'key-value', '--name', 'app-env', '--scope', 'personal'],
        ...['--field', `pair:DB_PASS=${DB_PASS}`],
      )
      cli('get', 'stripe-live', '--as', 'billing-cron')
    },
  })
})

test.afterAll(async () => {
  await vault?.stop()
  rmSync(root, { recursive: true, force: true })
})

test.beforeEach(({ ipc }) => {
  for (const value of VALUES) ipc.watch(value)
})

async function openLeakScan(page: Page): Promise<void> {
  const place = page
    .getByRole('navigation', { name: 'Sidebar' })
    .getByRole('button', { name: 'Leak scan', exact: true })
  await place.click()
  await expect(place).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('heading', { name: 'Leak scan', level: 1 })).toBeVisible()
}

async function places(list: Locator): Promise<string[]> {
  return (await list.getByRole('listitem').allInnerTexts())
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .sort()
}

test('scans a picked folder and lists file:line and secret names, never a value', async ({
  page,
}, testInfo) => {
  const before = vault.cliJson<unknown[]>('list')
  await openApp(page, vault.harness.url)
  await openLeakScan(page)
  await page.getByRole('button', { name: 'Scan a folder…' }).click()

  const summary = page.getByRole('status').filter({ hasText: /^Scanned|^Scanning/ })
  await expect(summary).toHaveText(/^Scanned 3 files, \d+ B for 3 values: found in 2 places\.$/)
  await expect(page.getByText(folder, { exact: true })).toBeVisible()
  const list = page.getByRole('list', { name: 'Places found' })
  expect(await places(list)).toEqual(['.env:3 app-env', 'src/pay.js:10 stripe-live'])
  await expectNoValueInDocument(page, VALUES)
  await screenshot(page, testInfo, 'leak-scan-light')
  await expectAccessible(page, testInfo, 'leak-scan-light')

  // A git repository: its history is read on request, and finds what only a commit holds.
  await expect(page.getByText(/This folder is a git repository/)).toBeVisible()
  await page.getByRole('button', { name: 'Include git history' }).click()
  await expect(summary).toHaveText(
    /^Scanned 3 files and the git history, \d+ B for 3 values: found in 3 places\.$/,
  )
  await expect(page.getByRole('button', { name: 'Include git history' })).toBeHidden()
  expect(await places(list)).toEqual([
    '.env:3 app-env',
    expect.stringMatching(/^deploy\.sh:2 in commit [0-9a-f]{12} github-token$/),
    'src/pay.js:10 stripe-live',
  ])
  await expectNoValueInDocument(page, VALUES)

  // Not a use: every status, usage and date as it was; the scans are in History.
  expect(vault.cliJson<unknown[]>('list')).toEqual(before)
  await page
    .getByRole('navigation', { name: 'Sidebar' })
    .getByRole('button', { name: 'History', exact: true })
    .click()
  await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Leak scan' })
  const history = page.getByRole('list', { name: 'History entries' })
  await expect(history.getByRole('listitem')).toHaveCount(2)
  await expect(history.getByRole('listitem').first()).toContainText(
    '3 files and git history, 3 places found',
  )
})

test('a cancelled pick changes nothing', async ({ page, ipc }) => {
  const cancelled = await openVault({ seed: (cli) => cli('workspace', 'add', 'Ops') })
  try {
    await openApp(page, cancelled.harness.url)
    await openLeakScan(page)
    await page.getByRole('button', { name: 'Scan a folder…' }).click()
    // A call counts once its answer has arrived.
    await expect.poll(() => ipc.calls.some((call) => call.channel === 'scan:start')).toBe(true)
    await expect(page.getByRole('heading', { name: 'Find values left in files' })).toBeVisible()
    await expect(page.getByRole('alert')).toHaveCount(0)
    expect(cancelled.cliJson<unknown[]>('audit', '--action', 'scan')).toEqual([])
  } finally {
    await cancelled.stop()
  }
})

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' })

  test('the scan page and its results pass axe', async ({ page }, testInfo) => {
    await openApp(page, vault.harness.url)
    await openLeakScan(page)
    await expectAccessible(page, testInfo, 'leak-scan-empty-dark')
    await page.getByRole('button', { name: 'Scan a folder…' }).click()
    await expect(
      page.getByRole('list', { name: 'Places found' }).getByRole('listitem'),
    ).toHaveCount(2)
    await screenshot(page, testInfo, 'leak-scan-dark')
    await expectAccessible(page, testInfo, 'leak-scan-dark')
  })
})
