import type { Page } from '@playwright/test'
import { openApp, row } from './support/app-page'
import { expect, openVault, PASSPHRASE, test, type E2eVault } from './support/fixtures'
import { passphraseField, sidebar, unlock, unlockScreen } from './support/vault-page'

// Unlocking and locking in the window (DESIGN.md §4, §6.3–§6.4): a passphrase vault waits on the
// unlock screen, showing nothing of itself; a wrong passphrase is said beside the field and, after
// five, each try waits longer, counted down; Lock now (the button, Ctrl+L) and the idle timer lock
// it, closing every dialog, dropping what the window held and clearing a copied value; a form
// with typed data asks before Lock now throws it away.

const VALUE = 'sk_live_lock_spec_41b9'

function seeded(
  extra: { locked?: boolean; passphrase?: boolean; idleLockSeconds?: number } = {},
): Promise<E2eVault> {
  return openVault({
    passphrase: true,
    ...extra,
    seed(cli) {
      cli(
        'register',
        '--type',
        'api-key',
        '--name',
        'stripe-live',
        '--scope',
        'organization',
        '--field',
        'headerName=Authorization',
        '--field',
        `value=${VALUE}`,
      )
    },
  })
}

const vaults: E2eVault[] = []
test.afterAll(async () => {
  for (const vault of vaults.splice(0)) await vault.stop()
})

async function start(extra: Parameters<typeof seeded>[0] = {}): Promise<E2eVault> {
  const vault = await seeded(extra)
  vaults.push(vault)
  return vault
}

/** Nothing of the vault in the page: no secret's name, no organization. */
async function expectNothingOfTheVault(page: Page): Promise<void> {
  const html = await page.content()
  expect(html).not.toContain('stripe-live')
  expect(html).not.toContain('Acme')
  expect(html).not.toContain('Ada Admin')
}

async function copyValue(page: Page, vault: E2eVault): Promise<void> {
  await row(page, 'stripe-live').click()
  const drawer = page.getByRole('complementary', { name: 'stripe-live' })
  await drawer.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(page.getByText('Copied; the clipboard clears in 30 s')).toBeVisible()
  await vault.harness.waitForLine('clipboard: written')
}

test('unlocks right and wrong: the error beside the field, and a growing wait after five', async ({
  page,
  ipc,
}) => {
  test.setTimeout(180_000)
  ipc.watch(VALUE)
  const vault = await start({ locked: true })
  await page.goto(vault.harness.url)
  const screen = unlockScreen(page)
  const field = passphraseField(screen)
  const button = screen.getByRole('button', { name: 'Unlock', exact: true })
  await expect(screen.getByText(vault.dir, { exact: true })).toBeVisible()
  await expect(field).toBeFocused()
  await expectNothingOfTheVault(page)

  for (let tries = 1; tries <= 5; tries++) {
    await field.fill(`wrong passphrase ${tries}`)
    await button.click()
    await expect(field).toHaveValue('')
    if (tries < 5) {
      await expect(field).toHaveAccessibleDescription(
        'The passphrase is not the one that protects this vault.',
      )
    }
  }
  // The fifth wrong try starts a wait of a second: counted down, Unlock unavailable meanwhile.
  await expect(field).toHaveAccessibleDescription(
    'Too many wrong passphrases. You can try again in 1 s.',
  )
  await expect(button).toBeDisabled()
  await expect(button).toBeEnabled({ timeout: 5000 })
  await field.fill('wrong passphrase 6')
  await button.click()
  await expect(field).toHaveAccessibleDescription(/You can try again in 2 s\./)
  await expect(button).toBeDisabled()
  await expect(button).toBeEnabled({ timeout: 6000 })
  await expectNothingOfTheVault(page)

  await unlock(page, PASSPHRASE)
  await expect(row(page, 'stripe-live')).toBeVisible()
})

test('Lock now, the button and Ctrl+L: the window forgets the vault and the copied value is cleared', async ({
  page,
  ipc,
}) => {
  test.setTimeout(120_000)
  ipc.watch(VALUE)
  const vault = await start()
  await openApp(page, vault.harness.url)
  await copyValue(page, vault)

  await sidebar(page).getByRole('button', { name: 'Lock now' }).click()
  await expect(unlockScreen(page).getByText('You locked it. Unlock to go on.')).toBeVisible()
  await vault.harness.waitForLine('clipboard: cleared')
  await expectNothingOfTheVault(page)
  expect(vault.cliJson<unknown[]>('list')).toHaveLength(1)

  await unlock(page, PASSPHRASE)
  // What the window held before is gone: the selection, the drawer and the toast naming it.
  await expect(page.getByRole('complementary', { name: 'stripe-live' })).toHaveCount(0)
  await expect(page.getByText('Copied; the clipboard clears in 30 s')).toHaveCount(0)

  // Ctrl+L from a text field, where the search text is dropped too.
  const search = page.getByRole('searchbox', { name: 'Search secrets' })
  await search.fill('stripe')
  await search.press('Control+L')
  await expect(unlockScreen(page)).toBeVisible()
  await expectNothingOfTheVault(page)
  await unlock(page, PASSPHRASE)
  await expect(page.getByRole('searchbox', { name: 'Search secrets' })).toHaveValue('')
})

test('a form with typed data asks before Lock now closes it; an untouched one closes at once', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const vault = await start()
  await openApp(page, vault.harness.url)

  await sidebar(page).getByRole('button', { name: 'Add workspace' }).click()
  const untouched = page.getByRole('dialog', { name: 'Add workspace' })
  await expect(untouched).toBeVisible()
  await page.keyboard.press('Control+L')
  await expect(unlockScreen(page)).toBeVisible()
  await expect(page.getByRole('alertdialog')).toHaveCount(0)
  await unlock(page, PASSPHRASE)
  await expect(untouched).toHaveCount(0)

  await sidebar(page).getByRole('button', { name: 'Add workspace' }).click()
  const typed = page.getByRole('dialog', { name: 'Add workspace' })
  await typed.getByLabel('Workspace name').fill('Payments')
  await page.keyboard.press('Control+L')
  const question = page.getByRole('alertdialog', { name: 'Lock and discard what you typed?' })
  await expect(question).toBeVisible()
  await expect(question.getByRole('button', { name: 'Keep editing' })).toBeFocused()
  await question.getByRole('button', { name: 'Keep editing' }).click()
  await expect(question).toHaveCount(0)
  await expect(typed.getByLabel('Workspace name')).toHaveValue('Payments')
  await expect(unlockScreen(page)).toHaveCount(0)

  await page.keyboard.press('Control+L')
  await question.getByRole('button', { name: 'Lock and discard' }).click()
  await expect(unlockScreen(page)).toBeVisible()
  await unlock(page, PASSPHRASE)
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(sidebar(page).getByText('Payments')).toHaveCount(0)
})

test('locks by itself after the idle time, asking nobody, clearing a copied value, and says why', async ({
  page,
  ipc,
}) => {
  test.setTimeout(120_000)
  ipc.watch(VALUE)
  const vault = await start({ idleLockSeconds: 6 })
  await openApp(page, vault.harness.url)
  await copyValue(page, vault)
  // A form with typed data, and Lock now's question still waiting for an answer.
  await sidebar(page).getByRole('button', { name: 'Add workspace' }).click()
  await page.getByRole('dialog', { name: 'Add workspace' }).getByLabel('Workspace name').fill('Ops')
  await page.keyboard.press('Control+L')
  await expect(page.getByRole('alertdialog', { name: /^Lock and discard/ })).toBeVisible()
  // Nobody answers: main locks the vault without asking, and the window notices by itself.
  await expect(
    unlockScreen(page).getByText('It locked itself after a while without use.'),
  ).toBeVisible({ timeout: 20_000 })
  await vault.harness.waitForLine('clipboard: cleared')
  await expectNothingOfTheVault(page)
  await unlock(page, PASSPHRASE)
  await expect(row(page, 'stripe-live')).toBeVisible()
  await expect(page.getByRole('alertdialog')).toHaveCount(0)
  await expect(page.getByRole('dialog')).toHaveCount(0)
})

test('"Lock after" in Settings takes 1 to 240 minutes, says why it refuses, and is kept', async ({
  page,
}) => {
  // Nothing here unlocks: the vault may keep its key in the keychain.
  const vault = await start({ passphrase: false })
  await openApp(page, vault.harness.url)
  await sidebar(page).getByRole('button', { name: 'Settings' }).click()
  const minutes = page.getByLabel('Lock after')
  await expect(minutes).toHaveValue('10')
  await minutes.fill('0')
  await page.getByRole('button', { name: 'Save lock time' }).click()
  await expect(minutes).toHaveAccessibleDescription(/^Lock after 1 to 240 minutes\./)
  await minutes.fill('5')
  await page.getByRole('button', { name: 'Save lock time' }).click()
  await expect(page.getByText('Safehold locks after 5 minutes without use.')).toBeVisible()
  await page.reload()
  await sidebar(page).getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByLabel('Lock after')).toHaveValue('5')
})
