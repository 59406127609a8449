import type { Page } from '@playwright/test'
import { showScope, row } from './support/app-page'
import { expect, openVault, test, type E2eVault } from './support/fixtures'

// Keyboard only (issue 3, item 9): Tab reaches "Register secret", the wizard is driven with arrows,
// typing and Enter, focus stays inside the dialog, and comes back where it was when it closes.

let vault: E2eVault

test.beforeAll(async () => {
  vault = await openVault()
})

test.afterAll(async () => {
  await vault?.stop()
})

// Page functions; this project's Node typings have no DOM, hence the narrow shapes.
interface FocusNode {
  ownerDocument: { activeElement: unknown }
  contains(other: unknown): boolean
}
const hasFocus = (element: unknown): boolean =>
  element === (element as FocusNode).ownerDocument.activeElement
const holdsFocus = (element: unknown): boolean =>
  (element as FocusNode).contains((element as FocusNode).ownerDocument.activeElement)

/** Presses Tab until the named button has focus; fails if it takes more than `limit` presses. */
async function tabTo(page: Page, name: string, limit = 25): Promise<number> {
  const target = page.getByRole('button', { name, exact: true })
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate(hasFocus)) {
      return presses
    }
  }
  throw new Error(`"${name}" was not reached within ${limit} presses of Tab`)
}

test('registers a secret with the keyboard alone, and focus comes back to the button', async ({
  page,
  ipc,
}) => {
  await page.goto(vault.harness.url)
  await expect(page.getByRole('button', { name: 'Register secret', exact: true })).toBeVisible()
  await tabTo(page, 'Register secret')
  await page.keyboard.press('Enter')
  const wizard = page.getByRole('dialog', { name: 'Register secret' })
  await expect(wizard).toBeVisible()

  // Step 1 starts on the checked scope; an arrow moves to the next card that can be chosen
  // (Workspace is off: this vault has none yet).
  const scope = wizard.getByRole('radiogroup', { name: 'Scope' })
  await expect(scope.getByRole('radio', { name: 'Organization' })).toBeFocused()
  await expect(scope.getByRole('radio', { name: 'Workspace' })).toBeDisabled()
  await page.keyboard.press('ArrowRight')
  await expect(scope.getByRole('radio', { name: 'Personal' })).toBeChecked()
  await page.keyboard.press('Enter')

  // Step 2: the first type has focus; an arrow chooses the next one, Enter goes on.
  await expect(wizard.getByRole('heading', { name: 'Type', exact: true })).toBeVisible()
  await expect(wizard.getByRole('radio', { name: 'API Key' })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(wizard.getByRole('radio', { name: 'Bearer Token' })).toBeChecked()
  await page.keyboard.press('Enter')

  // Step 3: typing starts in Secret name; Tab walks the fields; Enter goes on.
  await expect(wizard.getByLabel('Secret name')).toBeFocused()
  await page.keyboard.type('keyboard-token')
  await page.keyboard.press('Tab')
  await expect(wizard.getByLabel('Header name')).toBeFocused()
  await page.keyboard.type('Authorization')
  await page.keyboard.press('Tab')
  await expect(wizard.getByLabel('Header value')).toBeFocused()
  await page.keyboard.type(ipc.watch('typed-by-keyboard-only-e5f6'))
  await page.keyboard.press('Enter')

  // Step 4: the Register button has focus; Enter registers.
  await expect(wizard.getByRole('heading', { name: 'Review', exact: true })).toBeVisible()
  await expect(wizard.getByRole('button', { name: 'Register secret', exact: true })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(wizard).toBeHidden()
  await expect(page.getByRole('button', { name: 'Register secret', exact: true })).toBeFocused()

  await showScope(page, { scope: 'personal' })
  await expect(row(page, 'keyboard-token')).toBeVisible()
  expect(vault.cli('get', 'keyboard-token', '--as', 'e2e-check').stdout.trim()).toBe(
    'typed-by-keyboard-only-e5f6',
  )
})

test('focus stays inside an open dialog, and Escape returns it to where it was', async ({
  page,
}) => {
  await page.goto(vault.harness.url)
  const open = page.getByRole('button', { name: 'Register secret', exact: true })
  await open.focus()
  await page.keyboard.press('Enter')
  const wizard = page.getByRole('dialog', { name: 'Register secret' })
  await expect(wizard).toBeVisible()
  for (let presses = 0; presses < 15; presses++) {
    await page.keyboard.press('Tab')
    const inside = await wizard.evaluate(holdsFocus)
    expect(inside, `focus left the dialog after ${presses + 1} presses of Tab`).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(wizard).toBeHidden()
  await expect(open).toBeFocused()
})

test('a row opens its details with Enter, and Escape closes them back to the row', async ({
  page,
}) => {
  vault.cli(
    'register',
    ...['--type', 'api-key', '--name', 'row-by-keyboard', '--scope', 'organization'],
    ...['--field', 'headerName=X-Key', '--field', 'value=row-keyboard-value'],
  )
  await page.goto(vault.harness.url)
  const target = row(page, 'row-by-keyboard')
  await expect(target).toBeVisible()
  await target.focus()
  await page.keyboard.press('Enter')
  const drawer = page.getByRole('complementary', { name: 'row-by-keyboard' })
  await expect(drawer).toBeVisible()
  await expect(drawer.getByRole('heading', { name: 'row-by-keyboard' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await expect(target).toBeFocused()
})
