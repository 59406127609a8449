import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { runCli } from '../support/cli-process'
import { expectAccessible } from './support/axe'
import { expect, openVault, PASSPHRASE, screenshot, test, type E2eVault } from './support/fixtures'
import { passphraseField, sidebar, unlock, unlockScreen, welcomeScreen } from './support/vault-page'

// The first run in the window, as a new user meets it (DESIGN.md §6.4): with no vault the welcome
// screen creates one — under a passphrase, or in the OS keychain where one answers — or opens the
// folder of a vault made elsewhere, here by `safehold init`. Errors stand beside their field, a
// refused try changes nothing, and nothing of a vault shows before it is open.

const opened: E2eVault[] = []
let folders: string

test.beforeAll(() => {
  folders = mkdtempSync(join(tmpdir(), 'safehold-e2e-folders-'))
})

test.afterAll(async () => {
  for (const vault of opened.splice(0)) await vault.stop()
  rmSync(folders, { recursive: true, force: true })
})

async function firstRun(options: { pickFolder?: string } = {}): Promise<E2eVault> {
  const vault = await openVault({ firstRun: true, ...options })
  opened.push(vault)
  return vault
}

async function fillNames(page: Page): Promise<void> {
  const welcome = welcomeScreen(page)
  await welcome.getByLabel('Organization name').fill('Acme')
  await welcome.getByLabel('Your name').fill('Ada Admin')
}

/** Which way the welcome screen offers first: the keychain where it answers, else a passphrase. */
async function keychainAnswers(page: Page): Promise<boolean> {
  const first = await welcomeScreen(page).getByRole('radio').first().textContent()
  return first?.startsWith('Key in ') === true
}

test('creates a vault under a passphrase; each refusal stands beside its field and creates nothing', async ({
  page,
  ipc,
}) => {
  const vault = await firstRun()
  ipc.watch(PASSPHRASE)
  await page.goto(vault.harness.url)
  const welcome = welcomeScreen(page)
  await expect(welcome.getByLabel('Organization name')).toBeFocused()
  await expect(sidebar(page)).toHaveCount(0)

  await welcome.getByRole('radio', { name: 'Key under a passphrase' }).click()
  await welcome.getByRole('button', { name: 'Create vault' }).click()
  await expect(welcome.getByLabel('Organization name')).toHaveAccessibleDescription(
    'Organization name is required.',
  )
  await fillNames(page)
  await passphraseField(welcome).fill('short')
  await welcome.getByLabel('Repeat passphrase').fill('short')
  await welcome.getByRole('button', { name: 'Create vault' }).click()
  await expect(passphraseField(welcome)).toHaveAccessibleDescription(
    /The passphrase must be at least 8 characters long\./,
  )
  await passphraseField(welcome).fill(PASSPHRASE)
  await welcome.getByLabel('Repeat passphrase').fill(`${PASSPHRASE}!`)
  await welcome.getByRole('button', { name: 'Create vault' }).click()
  await expect(welcome.getByLabel('Repeat passphrase')).toHaveAccessibleDescription(
    'The two passphrases differ; type the same one twice.',
  )
  expect(existsSync(join(vault.dir, 'vault.json'))).toBe(false)

  await welcome.getByLabel('Repeat passphrase').fill(PASSPHRASE)
  await welcome.getByRole('button', { name: 'Create vault' }).click()
  await expect(page.getByText('Your vault is ready. You are its Account Holder.')).toBeVisible()
  await expect(sidebar(page).getByText('Passphrase', { exact: true })).toBeVisible()
  await expect(sidebar(page).getByText('Ada Admin')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Register your first secret' })).toBeVisible()

  // The vault is a real one, which the command opens with the same passphrase.
  const profile = vault.cli('profile')
  expect(profile.code).toBe(0)
  expect(profile.stdout).toMatch(/Organization\s+Acme\nUser\s+Ada Admin\nRole\s+Account Holder/)
  expect(profile.stdout).toMatch(/Key\s+Passphrase/)
})

test('where no keychain answers, offers the passphrase first and says why', async ({ page }) => {
  const vault = await firstRun()
  await page.goto(vault.harness.url)
  const welcome = welcomeScreen(page)
  await expect(welcome.getByRole('button', { name: 'Create vault' })).toBeVisible()
  if (await keychainAnswers(page)) {
    const reason = 'the OS keychain answers here, so the welcome screen rightly offers it first'
    console.log(`skipped: ${reason}`)
    test.skip(true, reason)
  }
  const radios = welcome.getByRole('radio')
  await expect(radios.first()).toHaveAccessibleName('Key under a passphrase')
  await expect(radios.first()).toBeChecked()
  await expect(
    welcome.getByText(/did not answer, so a passphrase is offered first\./),
  ).toBeVisible()
  const keychain = welcome.getByRole('radio', { name: /^Key in / })
  await expect(keychain).toHaveAccessibleDescription(/answer/)
  await expect(passphraseField(welcome)).toBeVisible()
})

test('creates a vault with its key in the OS keychain, where one answers', async ({
  page,
}, testInfo) => {
  const vault = await firstRun()
  await page.goto(vault.harness.url)
  const welcome = welcomeScreen(page)
  await expect(welcome.getByRole('button', { name: 'Create vault' })).toBeVisible()
  if (!(await keychainAnswers(page))) {
    const reason =
      'no OS keychain answers here (run through scripts/test.mjs for a private keyring)'
    console.log(`skipped: ${reason}`)
    test.skip(true, reason)
  }
  const keychain = welcome.getByRole('radio', { name: /^Key in / })
  await expect(keychain).toBeChecked()
  await expect(passphraseField(welcome)).toHaveCount(0)
  await fillNames(page)
  await welcome.getByRole('button', { name: 'Create vault' }).click()
  await expect(page.getByText('Your vault is ready. You are its Account Holder.')).toBeVisible()
  await expect(sidebar(page).getByText(/^Key in /)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Register your first secret' })).toBeVisible()

  // Locked, a keychain-only vault unlocks with Unlock alone, and says what protects it.
  await sidebar(page).getByRole('button', { name: 'Lock now' }).click()
  const screen = unlockScreen(page)
  await expect(screen.getByText(/opens for anyone signed in to this computer as you/)).toBeVisible()
  await expect(passphraseField(screen)).toHaveCount(0)
  await screen.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Register your first secret' })).toBeVisible()

  // Settings says what protects a keychain-only vault, and adds a passphrase for unlocking.
  await sidebar(page).getByRole('button', { name: 'Settings' }).click()
  const adding = page.getByRole('form', { name: 'Add a passphrase for unlocking' })
  await expect(adding.getByText(/as safe as your OS session/)).toBeVisible()
  await screenshot(page, testInfo, 'settings-add-passphrase')
  await expectAccessible(page, testInfo, 'settings-add-passphrase')
  await passphraseField(adding).fill(PASSPHRASE)
  await adding.getByLabel('Repeat passphrase').fill(PASSPHRASE)
  await adding.getByRole('button', { name: 'Add passphrase' }).click()
  await expect(page.getByText(/^Passphrase added/)).toBeVisible()
  await expect(adding).toHaveCount(0)
  await expect(sidebar(page).getByText(/^Key in .+ and Passphrase$/)).toBeVisible()

  // From now on the window asks for it.
  await sidebar(page).getByRole('button', { name: 'Lock now' }).click()
  await expect(passphraseField(unlockScreen(page))).toBeVisible()
  await unlock(page, PASSPHRASE)
})

test('opens the folder of a vault made by safehold init, locked until its passphrase unlocks it', async ({
  page,
  ipc,
}) => {
  const made = join(folders, 'made-by-cli')
  const cli = (...args: string[]) =>
    runCli(args, { vault: made, env: { SAFEHOLD_PASSPHRASE: PASSPHRASE } })
  expect(cli('init', '--org', 'Initech', '--user', 'Peter').code).toBe(0)
  const value = ipc.watch('sk_live_first_run_8d2a')
  expect(
    cli(
      'register',
      '--type',
      'api-key',
      '--name',
      'tps-reports',
      '--scope',
      'organization',
      '--field',
      'headerName=X-Api-Key',
      '--field',
      `value=${value}`,
    ).code,
  ).toBe(0)

  const vault = await firstRun({ pickFolder: made })
  await page.goto(vault.harness.url)
  await welcomeScreen(page).getByRole('button', { name: 'Open a vault folder…' }).click()
  const screen = unlockScreen(page)
  await expect(screen.getByText(made, { exact: true })).toBeVisible()
  await expect(page.getByText('tps-reports')).toHaveCount(0)
  await expect(page.getByText('Initech')).toHaveCount(0)
  await unlock(page, PASSPHRASE)
  await expect(page.getByRole('row').filter({ hasText: 'tps-reports' })).toBeVisible()
  await expect(sidebar(page).getByText('Peter')).toBeVisible()
})

test('a cancelled pick changes nothing; a folder without a vault is refused beside the button', async ({
  page,
}) => {
  const cancelled = await firstRun()
  await page.goto(cancelled.harness.url)
  const welcome = welcomeScreen(page)
  const open = welcome.getByRole('button', { name: 'Open a vault folder…' })
  await open.click()
  await expect(open).toBeEnabled()
  await expect(welcome).toBeVisible()
  // No error beside it: its description is its explanation alone.
  await expect(open).toHaveAccessibleDescription(
    /^Open the folder of a vault made by safehold init/,
  )
  expect(existsSync(cancelled.dir)).toBe(false)

  const empty = join(folders, 'no-vault-here')
  mkdirSync(empty)
  const refused = await firstRun({ pickFolder: empty })
  await page.goto(refused.harness.url)
  await welcomeScreen(page).getByRole('button', { name: 'Open a vault folder…' }).click()
  await expect(
    welcomeScreen(page).getByRole('button', { name: 'Open a vault folder…' }),
  ).toHaveAccessibleDescription(/The chosen folder holds no Safehold vault/)
  await expect(welcomeScreen(page).getByRole('button', { name: 'Create vault' })).toBeVisible()
})
