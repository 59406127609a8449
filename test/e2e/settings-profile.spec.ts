import type { Page } from '@playwright/test'
import { openApp, row } from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// Settings as the Account Holder uses it: a workspace renamed in its row (its secrets move with
// it; a taken name is refused beside the field), and the role given up only after a confirmation
// that says there is no way back. Each test has its own vault: the role change is for good.

const VALUE = 'payments-value-2c8d41'

let vault: E2eVault

// A fresh passphrase vault per test: its CLI seeding derives the key each time, which is slow.
test.describe.configure({ timeout: 150_000 })

test.beforeEach(async ({ ipc }) => {
  ipc.watch(VALUE)
  vault = await openVault({
    workspaces: ['Payments', 'Platform'],
    seed(cli) {
      cli(
        'register',
        ...['--type', 'api-key', '--name', 'payments-key', '--scope', 'workspace:Payments'],
        ...['--field', 'headerName=X-Api-Key', '--field', `value=${VALUE}`],
      )
      cli(
        'register',
        ...['--type', 'api-key', '--name', 'org-key', '--scope', 'organization'],
        ...['--field', 'headerName=X-Api-Key', '--field', `value=${VALUE}`],
      )
      cli('edit', 'org-key', '--field', `value=${VALUE}-rotated`)
    },
  })
})

test.afterEach(async () => {
  await vault?.stop()
})

async function openSettings(page: Page): Promise<void> {
  await openApp(page, vault.harness.url)
  await page
    .getByRole('navigation', { name: 'Sidebar' })
    .getByRole('button', { name: 'Settings' })
    .click()
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
}

test('a workspace is renamed in Settings and its secrets follow; a taken name is refused beside the field', async ({
  page,
}, testInfo) => {
  await openSettings(page)
  const workspaces = page.getByRole('list', { name: 'Workspaces' })
  await workspaces.getByRole('button', { name: 'Rename Payments' }).click()
  const field = workspaces.getByRole('textbox', { name: 'New name for Payments' })
  await expect(field).toBeFocused()

  // Escape puts the row back as it was.
  await field.fill('Something else')
  await page.keyboard.press('Escape')
  await expect(field).toBeHidden()
  await expect(workspaces.getByRole('button', { name: 'Rename Payments' })).toBeFocused()

  await workspaces.getByRole('button', { name: 'Rename Payments' }).click()
  await field.fill('platform')
  await workspaces.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(field).toHaveAccessibleDescription(/already exists/)
  await expect(field).toHaveValue('platform')
  await screenshot(page, testInfo, 'settings-workspace-rename-taken')
  expect(vault.cliJson<string[]>('workspace', 'list')).toEqual(['Payments', 'Platform'])

  await field.fill('Billing')
  await field.press('Enter')
  await expect(page.getByText('Renamed the workspace "Payments" to "Billing"')).toBeVisible()
  await expect(workspaces.getByRole('listitem')).toHaveText([/Billing/, /Platform/])
  await expect(workspaces.getByRole('button', { name: 'Rename Billing' })).toBeFocused()
  expect(vault.cliJson<string[]>('workspace', 'list').sort()).toEqual(['Billing', 'Platform'])
  expect(vault.cliJson<{ scope: string }>('show', 'payments-key').scope).toBe('workspace:Billing')

  // The sidebar names it anew, and its listing still holds its secret.
  const sidebar = page.getByRole('navigation', { name: 'Sidebar' })
  await expect(sidebar.getByRole('button', { name: /^Payments/ })).toHaveCount(0)
  await sidebar.getByRole('button', { name: /^Billing/ }).click()
  await expect(row(page, 'payments-key')).toBeVisible()
})

test('the Account Holder gives the role up only after a confirmation that it cannot be taken back', async ({
  page,
}, testInfo) => {
  await openSettings(page)
  const role = page.getByRole('combobox', { name: 'Role' })
  await expect(role).toHaveValue('account-holder')
  const change = page.getByRole('button', { name: 'Change role' })
  await expect(change).toBeDisabled()
  await role.selectOption({ label: 'Member' })

  // Cancel keeps everything as it was.
  await change.click()
  const confirm = page.getByRole('dialog', { name: 'Give up the Account Holder role?' })
  await expect(confirm).toContainText('You cannot promote yourself back.')
  await expect(confirm).toContainText('As a Member you can no longer change roles')
  // Going on is the risky answer: Cancel has the focus.
  await expect(confirm.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused()
  await screenshot(page, testInfo, 'settings-change-role-confirmation')
  await page.keyboard.press('Escape')
  await expect(confirm).toBeHidden()
  expect(vault.cliJson<{ role: string }>('profile').role).toBe('account-holder')

  await change.click()
  await confirm.getByRole('button', { name: 'Change role' }).click()
  await expect(confirm).toBeHidden()
  await expect(page.getByText('You are now a Member.')).toBeVisible()
  expect(vault.cliJson<{ role: string }>('profile').role).toBe('member')

  // A Member sees the role, without a control to change it.
  await expect(page.getByRole('combobox', { name: 'Role' })).toHaveCount(0)
  const profile = page.getByRole('region', { name: 'Profile' })
  await expect(profile).toContainText('Member')
  await expect(profile).toContainText('Only an Account Holder changes roles.')
  await expect(
    page.getByRole('navigation', { name: 'Sidebar' }).getByText('Member', { exact: true }),
  ).toBeVisible()

  // ...and cannot restore an organization secret's previous value: the window says why.
  await page
    .getByRole('navigation', { name: 'Sidebar' })
    .getByRole('button', { name: /^Organization/ })
    .click()
  await row(page, 'org-key').click()
  const previous = page
    .getByRole('complementary', { name: 'org-key' })
    .getByRole('region', { name: 'Previous value' })
  await expect(previous.getByRole('button', { name: 'Restore previous value' })).toBeDisabled()
  await expect(
    previous.getByRole('button', { name: 'Restore previous value' }),
  ).toHaveAccessibleDescription(/Only an Account Holder or Account Manager can restore/)
})

test('the audit log keeps 400 days unless Settings says otherwise, 30 to 3650', async ({
  page,
}) => {
  await openSettings(page)
  const days = page.getByLabel('Keep the audit log for')
  await expect(days).toHaveValue('400')
  await days.fill('20')
  const save = page.getByRole('button', { name: 'Save audit log' })
  await save.click()
  await expect(days).toHaveAccessibleDescription(/^Keep the audit log 30 to 3650 days\./)
  await days.fill('90')
  await save.click()
  await expect(page.getByText('The audit log keeps entries for 90 days.')).toBeVisible()
  // A fresh load of the window reads it back from the vault.
  await openSettings(page)
  await expect(page.getByLabel('Keep the audit log for')).toHaveValue('90')
  const changes = vault.cliJson<{ detail: string }[]>('audit', '--action', 'settings-changed')
  expect(changes.map((entry) => entry.detail)).toContain('audit log kept 90 days')
})
