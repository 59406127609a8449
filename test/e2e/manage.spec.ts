import type { Page } from '@playwright/test'
import { cellOf, expectNoValueInDocument, openApp, row, typeSecret } from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// After registration: details with Copy, Edit (where it is used first; an empty secret field keeps
// the value), Delete now behind the typed DELETE, and a scheduled deletion cancelled again.

let vault: E2eVault

const KEPT_VALUE = 'kept-value-7c1e0d9a'
const SEEDED: Record<string, { type: string; fields: string[]; usedBy: string[] }> = {
  'edit-me': {
    type: 'api-key',
    fields: ['headerName=X-Old-Header', `value=${KEPT_VALUE}`],
    usedBy: ['deploy-script'],
  },
  'delete-me': {
    type: 'bearer-token',
    fields: ['headerName=Authorization', 'headerValue=doomed-value-3f2a'],
    usedBy: ['ci-runner', 'nightly-backup', 'spot:CodeCrafters'],
  },
  'schedule-me': {
    type: 'client-credentials',
    fields: ['clientId=crm', 'url=https://auth.example.com/token', 'clientSecret=sched-value-9b8c'],
    usedBy: [],
  },
  'env-me': {
    type: 'key-value',
    fields: ['pair:KEEP_ME=kv-kept-2b7c', 'pair:DROP_ME=kv-dropped-4e1a'],
    usedBy: [],
  },
  'copy-me': {
    type: 'api-key',
    fields: ['headerName=X-Api-Key', 'value=copied-value-5d6e'],
    usedBy: [],
  },
}

test.beforeAll(async () => {
  vault = await openVault({
    seed(cli) {
      for (const [name, secret] of Object.entries(SEEDED)) {
        cli(
          'register',
          ...['--type', secret.type, '--name', name, '--scope', 'organization'],
          ...secret.fields.flatMap((field) => ['--field', field]),
        )
        for (const consumer of secret.usedBy) cli('get', name, '--as', consumer)
      }
    },
  })
})

// Every seeded secret value is one that must never reach the page.
const SECRET_FIELDS = ['value', 'headerValue', 'clientSecret']
test.beforeEach(({ ipc }) => {
  for (const secret of Object.values(SEEDED)) {
    for (const field of secret.fields) {
      const [key = '', ...value] = field.split('=')
      if (SECRET_FIELDS.includes(key) || key.startsWith('pair:')) ipc.watch(value.join('='))
    }
  }
})

test.afterAll(async () => {
  await vault?.stop()
})

async function openDetails(page: Page, name: string) {
  await row(page, name).click()
  const drawer = page.getByRole('complementary', { name })
  await expect(drawer).toBeVisible()
  return drawer
}

const listedNames = (): string[] => vault.cliJson<{ name: string }[]>('list').map((s) => s.name)

test('details show the facts and the usages; Copy goes through main and counts as a use', async ({
  page,
  ipc,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'copy-me')
  await expect(drawer.getByText('X-Api-Key')).toBeVisible()
  await expect(drawer.getByText(/^[0-9a-f]{8}$/)).toBeVisible()
  await expect(drawer.getByText('Never used')).toBeVisible()
  await drawer.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(page.getByText('Copied; the clipboard clears in 30 s')).toBeVisible()
  const usages = drawer.getByRole('list', { name: 'Where it is used' })
  await expect(usages.getByText('Safehold app (Copy)')).toBeVisible()
  await expect(usages.getByText('1 use')).toBeVisible()
  await screenshot(page, testInfo, 'details-after-copy')
  // The page itself never held the value.
  await expectNoValueInDocument(page, ipc.values)

  // Escape closes the drawer and gives focus back to the row.
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await expect(row(page, 'copy-me')).toBeFocused()
})

test('edit shows where the secret is used first, and an empty secret field keeps its value', async ({
  page,
  ipc,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'edit-me')
  const edit = drawer.getByRole('button', { name: 'Edit' })

  // Escape cancels the dialog and focus returns to the button that opened it.
  await edit.click()
  const dialog = page.getByRole('dialog', { name: 'Edit secret' })
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(edit).toBeFocused()

  await edit.click()
  await expect(dialog).toBeVisible()
  // Where it is used comes before the fields.
  const usages = dialog.getByRole('list', { name: 'Where it is used' })
  await expect(usages.getByText('deploy-script')).toBeVisible()
  const usagesBox = await usages.boundingBox()
  const headerBox = await dialog.getByLabel('Header name').boundingBox()
  expect(usagesBox!.y).toBeLessThan(headerBox!.y)

  await expect(dialog.getByLabel('Header name')).toHaveValue('X-Old-Header')
  const value = dialog.getByLabel('Value', { exact: true })
  await expect(value).toHaveValue('')
  await expect(value).toHaveAttribute('placeholder', 'Unchanged')
  await expect(dialog.getByText('Leave empty to keep the current value')).toBeVisible()
  await screenshot(page, testInfo, 'edit-dialog')

  await dialog.getByLabel('Header name').fill('X-New-Header')
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Saved changes to "edit-me".')).toBeVisible()
  await expect(drawer.getByText('X-New-Header')).toBeVisible()

  const shown = vault.cliJson<{ fields: Record<string, string> }>('show', 'edit-me')
  expect(shown.fields).toMatchObject({ headerName: 'X-New-Header' })
  expect(vault.cli('get', 'edit-me', '--as', 'e2e-check').stdout.trim()).toBe(KEPT_VALUE)

  // A new value replaces it.
  await drawer.getByRole('button', { name: 'Edit' }).click()
  await typeSecret(ipc, dialog.getByLabel('Value', { exact: true }), 'replaced-value-11aa')
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  expect(vault.cli('get', 'edit-me', '--as', 'e2e-check').stdout.trim()).toBe('replaced-value-11aa')
  await expectNoValueInDocument(page, ipc.values)
})

test('a Key/Value edit removes one key and keeps the other value', async ({ page }) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'env-me')
  await drawer.getByRole('button', { name: 'Edit' }).click()
  const dialog = page.getByRole('dialog', { name: 'Edit secret' })
  await expect(dialog.getByLabel('Key 1')).toHaveValue('KEEP_ME')
  await expect(dialog.getByLabel('Key 2')).toHaveValue('DROP_ME')
  await expect(dialog.getByLabel('Value 1')).toHaveValue('')
  await dialog.getByRole('button', { name: 'Remove row 2' }).click()
  await expect(dialog.getByLabel('Key 2')).toHaveCount(0)
  // The last key cannot go: the secret would be empty.
  await dialog.getByRole('button', { name: 'Remove row 1' }).click()
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(
    dialog.getByText(
      'A Key/Value secret keeps at least one key. To remove them all, delete the secret.',
    ),
  ).toBeVisible()
  // Removed rows are a change: closing asks before it throws them away.
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await page
    .getByRole('alertdialog', { name: 'Discard what you typed?' })
    .getByRole('button', { name: 'Discard' })
    .click()
  await expect(dialog).toBeHidden()

  await drawer.getByRole('button', { name: 'Edit' }).click()
  await dialog.getByRole('button', { name: 'Remove row 2' }).click()
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(dialog).toBeHidden()
  expect(vault.cliJson<{ keys: string[] }>('show', 'env-me').keys).toEqual(['KEEP_ME'])
  expect(vault.cli('get', 'env-me', '--as', 'e2e-check').stdout).toBe('KEEP_ME=kv-kept-2b7c\n')
})

test('delete now asks for exactly DELETE, shows where it is used, and removes the secret', async ({
  page,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'delete-me')
  await drawer.getByRole('button', { name: 'Delete secret' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete secret' })
  await expect(dialog).toBeVisible()
  // Neither choice is made for the user.
  await expect(dialog.getByRole('radio', { name: 'Delete now' })).not.toBeChecked()
  await expect(dialog.getByRole('radio', { name: 'Schedule deletion' })).not.toBeChecked()
  await expect(dialog.getByText('This cannot be undone.')).toBeVisible()

  // Where it is used, searchable.
  const usages = dialog.getByRole('list', { name: 'Where it is used' })
  await expect(usages.getByRole('listitem')).toHaveCount(3)
  await dialog.getByRole('searchbox', { name: 'Search usages' }).fill('nightly')
  await expect(usages.getByRole('listitem')).toHaveCount(1)
  await expect(usages.getByText('nightly-backup')).toBeVisible()
  await dialog.getByRole('searchbox', { name: 'Search usages' }).fill('')
  await expect(usages.getByRole('listitem')).toHaveCount(3)
  await expect(usages.getByText('Spot CodeCrafters')).toBeVisible()

  const confirm = dialog.getByRole('textbox', { name: 'Type DELETE to confirm' })
  // Typing DELETE is not enough while no choice is made.
  await confirm.fill('DELETE')
  const unchosen = dialog.getByRole('button', { name: 'Delete secret' })
  await expect(unchosen).toBeDisabled()
  await confirm.press('Enter')
  await expect(dialog).toBeVisible()
  await confirm.fill('')
  await dialog.getByRole('radio', { name: 'Delete now' }).click()
  const button = dialog.getByRole('button', { name: 'Delete secret' })
  await expect(button).toBeDisabled()
  await confirm.fill('delete')
  await expect(button).toBeDisabled()
  await confirm.fill('DELETE ')
  await expect(button).toBeDisabled()
  // Enter does not get round the confirmation either.
  await confirm.press('Enter')
  await expect(dialog).toBeVisible()
  await confirm.fill('DELETE')
  await expect(button).toBeEnabled()
  await screenshot(page, testInfo, 'delete-dialog')
  await button.click()

  await expect(dialog).toBeHidden()
  await expect(page.getByText('Deleted "delete-me".')).toBeVisible()
  await expect(row(page, 'delete-me')).toHaveCount(0)
  // The button that opened the dialog is gone with the secret: focus lands on the listing.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { activeElement: unknown } }).document
        const active = doc.activeElement as { tagName?: string; closest?(s: string): unknown }
        return active.tagName === 'TR' && active.closest?.('table') != null
      }),
    )
    .toBe(true)
  expect(listedNames()).not.toContain('delete-me')
})

test('schedule deletion sets the status now, and Cancel deletion makes it Active again', async ({
  page,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'schedule-me')
  await drawer.getByRole('button', { name: 'Delete secret' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete secret' })
  await dialog.getByRole('radio', { name: 'Schedule deletion' }).click()
  const button = dialog.getByRole('button', { name: 'Delete secret' })
  await expect(button).toBeDisabled()
  await dialog.getByRole('textbox', { name: 'Type DELETE to confirm' }).fill('DELETE')
  await button.click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText(/^"schedule-me" is scheduled for deletion on /)).toBeVisible()
  // 30 days on: beyond the 15-day warning, so the date alone.
  await expect(await cellOf(page, 'schedule-me', 'Status')).toHaveText(
    /^Scheduled for deletion, Deletes [A-Z][a-z]{2} \d{1,2}$/,
  )
  const scheduled = vault.cliJson<{ status: string; deletesAt: string }>('show', 'schedule-me')
  expect(scheduled.status).toBe('scheduled-for-deletion')
  const days = (Date.parse(scheduled.deletesAt) - Date.now()) / 86_400_000
  expect(days).toBeGreaterThan(29.9)
  expect(days).toBeLessThanOrEqual(30)
  await screenshot(page, testInfo, 'details-scheduled')

  // Cancel deletion, with its own confirmation; "Keep scheduled" changes nothing.
  await drawer.getByRole('button', { name: 'Cancel deletion' }).click()
  const keep = page.getByRole('dialog', { name: 'Keep this secret?' })
  await expect(keep).toBeVisible()
  await screenshot(page, testInfo, 'cancel-deletion-dialog')
  await keep.getByRole('button', { name: 'Keep scheduled' }).click()
  await expect(keep).toBeHidden()
  expect(vault.cliJson<{ status: string }>('show', 'schedule-me').status).toBe(
    'scheduled-for-deletion',
  )

  await drawer.getByRole('button', { name: 'Cancel deletion' }).click()
  await keep.getByRole('button', { name: 'Cancel deletion' }).click()
  await expect(keep).toBeHidden()
  await expect(
    page.getByText('The deletion of "schedule-me" was cancelled; it is Active again.'),
  ).toBeVisible()
  await expect(await cellOf(page, 'schedule-me', 'Status')).toHaveText('Active')
  expect(vault.cliJson<{ status: string; deletesAt: null }>('show', 'schedule-me')).toMatchObject({
    status: 'active',
    deletesAt: null,
  })
  await expect(drawer.getByRole('button', { name: 'Cancel deletion' })).toHaveCount(0)
})
