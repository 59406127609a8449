import type { Page } from '@playwright/test'
import { choose, next, openApp, openWizard, row } from './support/app-page'
import { expectAccessible } from './support/axe'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// Every screen of the window, in the light and the dark theme the OS asks for (DESIGN.md §6.4),
// saved as artifacts (test-results/screens/) for people to look at. The themes must really differ.

let vault: E2eVault

test.beforeAll(async () => {
  vault = await openVault({
    workspaces: ['Payments', 'Platform'],
    seed(cli) {
      const register = (...args: string[]) => cli('register', ...args)
      register(
        '--type',
        'api-key',
        '--name',
        'stripe-live',
        '--scope',
        'organization',
        '--expires',
        soon(12),
        '--field',
        'headerName=Authorization',
        '--field',
        'value=sk-live-screens',
        '--note',
        'Live Stripe key of the payments service.\nRotated every quarter by the billing team.',
        '--tag',
        'prod',
        '--tag',
        'billing',
      )
      cli('edit', 'stripe-live', '--field', 'value=sk-live-screens-rotated')
      register(
        '--type',
        'bearer-token',
        '--name',
        'github-actions',
        '--scope',
        'organization',
        '--availability',
        'spot:CodeCrafters',
        '--field',
        'headerName=Authorization',
        '--field',
        'headerValue=ghp-screens',
      )
      register(
        '--type',
        'client-credentials',
        '--name',
        'okta-sso',
        '--scope',
        'organization',
        '--expires',
        soon(200),
        '--field',
        'clientId=safehold',
        '--field',
        'url=https://acme.okta.com/oauth2/v1/token',
        '--field',
        'clientSecret=okta-screens',
      )
      register(
        '--type',
        'key-value',
        '--name',
        'analytics-env',
        '--scope',
        'organization',
        '--field',
        'pair:SEGMENT_KEY=seg-screens',
        '--field',
        'pair:REGION=eu-west-1',
      )
      register(
        '--type',
        'api-key',
        '--name',
        'legacy-mailer',
        '--scope',
        'organization',
        '--field',
        'headerName=X-Api-Key',
        '--field',
        'value=mailer-screens',
      )
      cli('delete', 'legacy-mailer', '--schedule', '--confirm', 'DELETE')
      for (const consumer of ['deploy-script', 'spot:CodeCrafters', 'billing-cron']) {
        cli(
          'get',
          consumer === 'spot:CodeCrafters' ? 'github-actions' : 'stripe-live',
          '--as',
          consumer,
        )
      }
    },
  })
})

test.afterAll(async () => {
  await vault?.stop()
})

function soon(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

/** The page background's relative luminance, 0 (black) to 1 (white). */
async function backgroundLuminance(page: Page): Promise<number> {
  const color = await page.evaluate(
    () =>
      (
        globalThis as unknown as {
          getComputedStyle(e: unknown): { backgroundColor: string }
          document: { body: unknown }
        }
      ).getComputedStyle((globalThis as unknown as { document: { body: unknown } }).document.body)
        .backgroundColor,
  )
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number)
  const linear = (c: number): number => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme })

    test(`every screen, ${scheme}`, async ({ page }, testInfo) => {
      test.setTimeout(300_000)
      // Every screen is photographed for people to look at, and checked by axe-core.
      const shot = async (name: string): Promise<void> => {
        await screenshot(page, testInfo, `${scheme}-${name}`)
        await expectAccessible(page, testInfo, `${scheme}-${name}`)
      }
      await openApp(page, vault.harness.url)
      const luminance = await backgroundLuminance(page)
      if (scheme === 'dark') expect(luminance).toBeLessThan(0.1)
      else expect(luminance).toBeGreaterThan(0.8)
      await expect(row(page, 'stripe-live')).toBeVisible()
      await shot('listing')

      await row(page, 'stripe-live').click()
      await expect(page.getByRole('complementary', { name: 'stripe-live' })).toBeVisible()
      await expect(page.getByText('deploy-script', { exact: true })).toBeVisible()
      await shot('details')

      const drawer = page.getByRole('complementary', { name: 'stripe-live' })
      const previous = drawer.getByRole('region', { name: 'Previous value' })
      await previous.scrollIntoViewIfNeeded()
      await expect(drawer.getByRole('list', { name: 'Tags' })).toBeVisible()
      await shot('details-notes-tags-previous')
      await previous.getByRole('button', { name: 'Restore previous value' }).click()
      await expect(page.getByRole('dialog', { name: 'Restore the previous value?' })).toBeVisible()
      await shot('restore-previous')
      await page.keyboard.press('Escape')

      await drawer.getByRole('button', { name: 'Edit' }).click()
      const edit = page.getByRole('dialog', { name: 'Edit secret' })
      await expect(edit).toBeVisible()
      await shot('edit')
      await edit.getByRole('textbox', { name: 'Tags' }).fill('not a tag!')
      await edit.getByRole('textbox', { name: 'Tags' }).press('Enter')
      await edit.getByRole('textbox', { name: 'Secret name' }).fill('okta-sso')
      await edit.getByRole('button', { name: 'Save changes' }).click()
      await expect(edit.getByText(/already exists in the organization/)).toBeVisible()
      await edit.getByRole('textbox', { name: 'Tags' }).scrollIntoViewIfNeeded()
      await shot('edit-errors')
      await page.keyboard.press('Escape')
      await page
        .getByRole('alertdialog', { name: 'Discard what you typed?' })
        .getByRole('button', { name: 'Discard' })
        .click()
      await expect(edit).toBeHidden()

      await drawer.getByRole('button', { name: 'Delete secret' }).click()
      const remove = page.getByRole('dialog', { name: 'Delete secret' })
      await remove.getByRole('radio', { name: 'Schedule deletion' }).click()
      await remove.getByRole('textbox', { name: 'Type DELETE to confirm' }).fill('DELETE')
      await shot('delete')
      await page.keyboard.press('Escape')

      await row(page, 'legacy-mailer').click()
      await page
        .getByRole('complementary', { name: 'legacy-mailer' })
        .getByRole('button', { name: 'Cancel deletion' })
        .click()
      await expect(page.getByRole('dialog', { name: 'Keep this secret?' })).toBeVisible()
      await shot('cancel-deletion')
      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')

      const wizard = await openWizard(page)
      await choose(wizard.getByRole('radiogroup', { name: 'Availability' }), 'NeuralNinjas')
      await shot('wizard-1-scope')
      await next(wizard, 'Type')
      await choose(
        wizard.getByRole('radiogroup', { name: 'Credential type' }),
        'Client Credentials',
      )
      await shot('wizard-2-type')
      await next(wizard, 'Details')
      await wizard.getByLabel('Secret name').fill('x')
      await wizard.getByLabel('URL').fill('http://auth.example.com/token')
      await wizard.getByRole('button', { name: 'Next' }).click()
      await expect(wizard.getByText(/^Secret name must be/)).toBeVisible()
      await shot('wizard-3-details-errors')
      await wizard.getByLabel('Secret name').fill('neural-oauth')
      await wizard.getByLabel('Client ID').fill('neural')
      await wizard.getByLabel('URL').fill('https://auth.example.com/token')
      await wizard.getByLabel('Client secret').fill('typed-only-for-the-screenshot')
      await wizard.getByRole('textbox', { name: 'Notes' }).fill('Single sign-on for the Spot.')
      await wizard.getByRole('textbox', { name: 'Tags' }).fill('sso, neural')
      await wizard.getByRole('textbox', { name: 'Tags' }).press('Enter')
      await shot('wizard-3-details-notes-tags')
      await next(wizard, 'Review')
      await shot('wizard-4-review')
      await page.keyboard.press('Escape')
      const discard = page.getByRole('alertdialog', { name: 'Discard what you typed?' })
      await shot('wizard-discard-question')
      await discard.getByRole('button', { name: 'Discard' }).click()
      await expect(wizard).toBeHidden()

      const sidebar = page.getByRole('navigation', { name: 'Sidebar' })
      await sidebar.getByRole('button', { name: 'Add workspace' }).click()
      await expect(page.getByRole('dialog', { name: 'Add workspace' })).toBeVisible()
      await shot('add-workspace')
      await page.keyboard.press('Escape')

      await sidebar.getByRole('button', { name: /^Upcoming/ }).click()
      await expect(page.getByText('stripe-live').first()).toBeVisible()
      await shot('upcoming')
      await sidebar.getByRole('button', { name: 'Settings' }).click()
      await expect(page.getByLabel('Your name')).toBeVisible()
      await shot('settings')
      const workspaces = page.getByRole('list', { name: 'Workspaces' })
      await workspaces.getByRole('button', { name: 'Rename Payments' }).click()
      await workspaces.getByRole('textbox', { name: 'New name for Payments' }).fill('Platform')
      await workspaces.getByRole('button', { name: 'Save', exact: true }).click()
      await expect(workspaces.getByText(/already exists/)).toBeVisible()
      await shot('settings-rename-workspace')
      await workspaces.getByRole('button', { name: 'Cancel', exact: true }).click()
      await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Account Manager' })
      await page.getByRole('button', { name: 'Change role' }).click()
      await expect(
        page.getByRole('dialog', { name: 'Give up the Account Holder role?' }),
      ).toBeVisible()
      await shot('change-role')
      await page.keyboard.press('Escape')
      await sidebar.getByRole('button', { name: /^Payments/ }).click()
      await expect(page.getByRole('button', { name: 'Register your first secret' })).toBeVisible()
      await shot('empty-workspace')
    })
  })
}
