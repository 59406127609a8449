import { expectAccessible } from './support/axe'
import { expect, openVault, PASSPHRASE, screenshot, test, type E2eVault } from './support/fixtures'
import { passphraseField, unlock, unlockScreen, welcomeScreen } from './support/vault-page'

// The screens before the vault is open — welcome (with its errors) and unlock (with a wrong
// passphrase, and waiting after too many) — and Settings' locking section, in the light and the
// dark theme, photographed for people to look at and checked by axe-core.

let firstRun: E2eVault
let locked: E2eVault

test.beforeAll(async () => {
  firstRun = await openVault({ firstRun: true })
  locked = await openVault({ locked: true })
})

test.afterAll(async () => {
  await firstRun?.stop()
  await locked?.stop()
})

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    // The app's window size (window-factory.ts).
    test.use({ colorScheme: scheme, viewport: { width: 1200, height: 800 } })

    test(`welcome and unlock, ${scheme}`, async ({ page }, testInfo) => {
      test.setTimeout(120_000)
      const shot = async (name: string): Promise<void> => {
        await screenshot(page, testInfo, `${scheme}-${name}`)
        await expectAccessible(page, testInfo, `${scheme}-${name}`)
      }

      await page.goto(firstRun.harness.url)
      const welcome = welcomeScreen(page)
      await expect(welcome.getByRole('button', { name: 'Create vault' })).toBeVisible()
      await shot('welcome')

      await welcome.getByRole('radio', { name: 'Key under a passphrase' }).click()
      await passphraseField(welcome).fill('short')
      await welcome.getByLabel('Repeat passphrase').fill('shorter')
      await welcome.getByRole('button', { name: 'Create vault' }).click()
      await expect(welcome.getByText('The two passphrases differ')).toBeVisible()
      await welcome.getByLabel('Repeat passphrase').fill('short')
      await welcome.getByRole('button', { name: 'Create vault' }).click()
      await expect(welcome.getByText('Organization name is required.')).toBeVisible()
      await expect(welcome.getByLabel('Organization name')).toHaveAccessibleDescription(
        'Organization name is required.',
      )
      await shot('welcome-errors')

      await page.goto(locked.harness.url)
      const screen = unlockScreen(page)
      await expect(passphraseField(screen)).toBeFocused()
      await shot('unlock')
      await passphraseField(screen).fill('not the passphrase')
      await screen.getByRole('button', { name: 'Unlock' }).click()
      await expect(screen.getByText('The passphrase is not the one')).toBeVisible()
      await expect(passphraseField(screen)).toHaveAccessibleDescription(
        'The passphrase is not the one that protects this vault.',
      )
      await shot('unlock-wrong')

      await unlock(page, PASSPHRASE)
      const sidebar = page.getByRole('navigation', { name: 'Sidebar' })
      await sidebar.getByRole('button', { name: 'Settings' }).click()
      await expect(page.getByLabel('Lock after')).toHaveValue('10')
      await shot('settings-locking')
      await sidebar.getByRole('button', { name: 'Lock now' }).click()
      await expect(unlockScreen(page)).toBeVisible()
      await expect(unlockScreen(page).getByText('You locked it. Unlock to go on.')).toBeVisible()
      await shot('unlock-after-lock')
    })
  })
}
