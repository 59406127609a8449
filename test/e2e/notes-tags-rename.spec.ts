import type { Locator, Page } from '@playwright/test'
import { nameTakenMessage } from '../../src/shared/name-text'
import { choose, next, openApp, register, row, startRegistration } from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// What a secret carries besides its value, as a person sets it in the window: notes and tags in
// the wizard and in Edit, a new name, a new availability, and the previous value an edit kept,
// restored from the details and checked with `safehold get`.

let vault: E2eVault

const ORIGINAL = 'sk-live-original-4f1c9a'
const ROTATED = 'sk-live-rotated-77b2e0'

test.beforeAll(async () => {
  vault = await openVault({
    seed(cli) {
      const apiKey = (name: string, value: string, ...more: string[]) =>
        cli(
          'register',
          ...['--type', 'api-key', '--name', name, '--scope', 'organization'],
          ...['--field', 'headerName=Authorization', '--field', `value=${value}`],
          ...more,
        )
      apiKey('stripe-live', ORIGINAL)
      cli('edit', 'stripe-live', '--field', `value=${ROTATED}`)
      apiKey('billing-api', 'billing-value-1d2e')
      apiKey('okta-sso', 'okta-value-3c4d')
      apiKey('legacy-mailer', 'mailer-value-5e6f')
      cli('delete', 'legacy-mailer', '--schedule', '--confirm', 'DELETE')
    },
  })
})

test.beforeEach(({ ipc }) => {
  for (const value of [
    ORIGINAL,
    ROTATED,
    'billing-value-1d2e',
    'okta-value-3c4d',
    'mailer-value-5e6f',
  ]) {
    ipc.watch(value)
  }
})

test.afterAll(async () => {
  await vault?.stop()
})

interface Shown {
  notes: string
  tags: string[]
  availability: string | null
  fingerprint: string
  previous: { fingerprint: string; replacedAt: string; purgesAt: string } | null
}
const show = (name: string): Shown => vault.cliJson<Shown>('show', name)

async function openDetails(page: Page, name: string): Promise<Locator> {
  await row(page, name).click()
  const drawer = page.getByRole('complementary', { name })
  await expect(drawer.getByRole('heading', { name: 'Details' })).toBeVisible()
  return drawer
}

/** The value of one fact of the drawer, by its term. */
function fact(scope: Locator, term: string): Locator {
  return scope
    .locator('.fact')
    .filter({ has: scope.page().locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd')
}

/** The body of every secrets:edit call the page made, as sent. */
function editRequests(ipc: { calls: { channel: string; body: string }[] }): unknown[] {
  return ipc.calls
    .filter((call) => call.channel === 'secrets:edit')
    .map((call) => JSON.parse(call.body) as unknown)
}

const NOTES =
  'Rotated by billing every quarter.\nAsk Ada first.\n<b>not bold</b> <img src=x onerror="window.__pwned=1">'
const LONG_WORD = 'x'.repeat(300)

test('notes and tags set in the wizard show on Review and in the details, as plain text', async ({
  page,
  ipc,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  const wizard = await startRegistration(page, { scope: 'personal' }, 'API Key')
  await wizard.getByRole('textbox', { name: 'Secret name' }).fill('noted-key')
  await wizard.getByRole('textbox', { name: 'Header name' }).fill('X-Api-Key')
  await wizard.getByLabel('Value', { exact: true }).fill(ipc.watch('noted-value-8a9b'))
  const notes = wizard.getByRole('textbox', { name: 'Notes' })
  await notes.fill(`${NOTES}\n${LONG_WORD}`)
  await expect(notes).toHaveAccessibleDescription(/\d+ of 4,096 bytes/)

  const tags = wizard.getByRole('textbox', { name: 'Tags' })
  await tags.pressSequentially('prod,')
  await tags.fill('billing')
  await tags.press('Enter')
  // Enter added a tag: the wizard is still on Details.
  await expect(wizard.getByRole('heading', { name: 'Details', exact: true })).toBeVisible()
  await tags.fill('bad tag!')
  await tags.press('Enter')
  await expect(tags).toHaveAccessibleDescription(/Tag #3 must be 1–32 characters/)
  await tags.fill('PROD, scratch')
  await tags.press('Enter')
  const chips = wizard.getByRole('list', { name: 'Added tags' }).getByRole('listitem')
  await expect(chips).toHaveText(['prod', 'billing', 'scratch'])
  await wizard.getByRole('button', { name: 'Remove tag scratch' }).click()
  await expect(chips).toHaveText(['prod', 'billing'])
  await expect(tags).toBeFocused()
  // Text left in the field counts as a tag when the step moves on.
  await tags.fill('eu-west')
  await screenshot(page, testInfo, 'wizard-details-notes-tags')

  await next(wizard, 'Review')
  const summary = wizard.getByRole('list', { name: 'Tags' })
  await expect(summary.getByRole('listitem')).toHaveText(['prod', 'billing', 'eu-west'])
  await expect(wizard.getByText('Ask Ada first.')).toBeVisible()
  await register(page, wizard, 'noted-key')

  expect(show('noted-key').notes).toBe(`${NOTES}\n${LONG_WORD}`)
  expect(show('noted-key').tags).toEqual(['prod', 'billing', 'eu-west'])

  // Registered: its scope's listing is shown, its row selected and its details open.
  const drawer = page.getByRole('complementary', { name: 'noted-key' })
  await expect(drawer.getByRole('heading', { name: 'Details' })).toBeVisible()
  await expect(row(page, 'noted-key')).toHaveAttribute('aria-current', 'true')
  await expect(row(page, 'noted-key')).toBeInViewport()
  const shownNotes = fact(drawer, 'Notes')
  // Line breaks kept, markup shown as the text it is, never made into elements.
  expect(await shownNotes.innerText()).toContain(
    'Rotated by billing every quarter.\nAsk Ada first.',
  )
  await expect(shownNotes).toContainText('<b>not bold</b> <img src=x onerror=')
  await expect(shownNotes.locator('b, img')).toHaveCount(0)
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined()
  // A 300-character word wraps inside the drawer instead of widening it.
  const body = drawer.locator('.drawer__body')
  const overflow = await body.evaluate((element) => {
    const box = element as unknown as { scrollWidth: number; clientWidth: number }
    return box.scrollWidth - box.clientWidth
  })
  expect(overflow).toBeLessThanOrEqual(0)
  await expect(fact(drawer, 'Tags').getByRole('listitem')).toHaveText([
    'prod',
    'billing',
    'eu-west',
  ])
  await shownNotes.scrollIntoViewIfNeeded()
  await screenshot(page, testInfo, 'details-notes-tags')
})

test('Edit renames, changes availability, notes and tags, sending only what changed', async ({
  page,
  ipc,
}, testInfo) => {
  await openApp(page, vault.harness.url)
  let drawer = await openDetails(page, 'billing-api')
  await drawer.getByRole('button', { name: 'Edit' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit secret' })
  const name = edit.getByRole('textbox', { name: 'Secret name' })
  await expect(name).toHaveValue('billing-api')

  // A taken name, in another case: the shared NAME_TAKEN text, beside the field; nothing sent.
  await name.fill('OKTA-SSO')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(name).toHaveAccessibleDescription(
    new RegExp(escape(nameTakenMessage('okta-sso', { kind: 'organization' }, false))),
  )
  // A name held by a secret scheduled for deletion is still taken, and keeping it is offered.
  await name.fill('legacy-mailer')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(name).toHaveAccessibleDescription(/still taken .* scheduled for deletion/)
  await expect(edit.getByRole('button', { name: 'Cancel deletion' })).toBeVisible()
  await screenshot(page, testInfo, 'edit-name-taken')
  expect(editRequests(ipc)).toEqual([])

  await name.fill('billing-api-eu')
  await choose(edit.getByRole('radiogroup', { name: 'Availability' }), 'Bytebards')
  const notes = edit.getByRole('textbox', { name: 'Notes' })
  // Over 4 KiB: the live count and the shared rule's message say so before anything is sent.
  await notes.fill('é'.repeat(2049))
  await expect(notes).toHaveAccessibleDescription(/4,098 of 4,096 bytes/)
  await expect(notes).toHaveAccessibleDescription(/Notes hold at most 4 KiB/)
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeVisible()
  expect(editRequests(ipc)).toEqual([])
  await notes.fill('Owned by the billing team.')
  await edit.getByRole('textbox', { name: 'Tags' }).fill('prod')
  await edit.getByRole('textbox', { name: 'Tags' }).press('Enter')
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(edit).toBeHidden()
  await expect(
    page.getByText('Saved changes; "billing-api" is now "billing-api-eu".'),
  ).toBeVisible()

  const [request] = editRequests(ipc)
  expect(Object.keys(request as object).sort()).toEqual([
    'availability',
    'id',
    'name',
    'notes',
    'tags',
  ])
  expect(request).toMatchObject({
    name: 'billing-api-eu',
    availability: { kind: 'spot', spot: 'Bytebards' },
    notes: 'Owned by the billing team.',
    tags: ['prod'],
  })

  await expect(row(page, 'billing-api-eu')).toBeVisible()
  await expect(row(page, 'billing-api')).toHaveCount(0)
  drawer = page.getByRole('complementary', { name: 'billing-api-eu' })
  await expect(fact(drawer, 'Availability')).toHaveText('Spot: Bytebards')
  await expect(fact(drawer, 'Notes')).toHaveText('Owned by the billing team.')
  // Newest first, in the UI's words.
  const history = drawer.getByRole('list', { name: 'History' }).getByRole('listitem')
  await expect(history.locator('.history-entry__action')).toHaveText([
    'Edited',
    'Availability changed',
    'Renamed',
    'Registered',
  ])
  await expect(history.nth(0)).toContainText('changed Notes, Tags')
  await expect(history.nth(1)).toContainText('Entire organization → Spot Bytebards')
  await expect(history.nth(2)).toContainText('from "billing-api" to "billing-api-eu"')
  const shown = show('billing-api-eu')
  expect(shown).toMatchObject({
    availability: 'spot:Bytebards',
    notes: 'Owned by the billing team.',
    tags: ['prod'],
  })

  // Opening Edit again and saving untouched sends nothing.
  await drawer.getByRole('button', { name: 'Edit' }).click()
  await edit.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText('Nothing changed, so nothing was saved.')).toBeVisible()
  expect(editRequests(ipc)).toHaveLength(1)
})

test('the previous value is restored from the details; `safehold get` gives the old value back', async ({
  page,
}, testInfo) => {
  const before = show('stripe-live')
  expect(before.previous).not.toBeNull()
  await openApp(page, vault.harness.url)
  const drawer = await openDetails(page, 'stripe-live')
  const previous = drawer.getByRole('region', { name: 'Previous value' })
  await expect(fact(previous, 'Value fingerprint')).toHaveText(before.previous!.fingerprint)
  const ZONE = /\b(UTC|GMT[+-]?\d*|[A-Z]{3,4})$/
  for (const term of ['Replaced on', 'Purged on']) {
    expect(await fact(previous, term).locator('time').textContent()).toMatch(ZONE)
  }
  await expect(fact(previous, 'Purged on')).toContainText(/in (29|30) days/)
  await previous.scrollIntoViewIfNeeded()
  await screenshot(page, testInfo, 'details-previous-value')

  await previous.getByRole('button', { name: 'Restore previous value' }).click()
  const confirm = page.getByRole('dialog', { name: 'Restore the previous value?' })
  await expect(confirm).toContainText(before.previous!.fingerprint)
  await expect(confirm).toContainText(before.fingerprint)
  await expect(confirm).toContainText('The current value becomes the previous value')
  await expect(confirm).toContainText('gets the restored value from now on')
  await screenshot(page, testInfo, 'restore-previous-confirmation')
  // Cancel changes nothing.
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(confirm).toBeHidden()
  expect(vault.cli('get', 'stripe-live', '--as', 'e2e-check').stdout.trim()).toBe(ROTATED)

  await previous.getByRole('button', { name: 'Restore previous value' }).click()
  await confirm.getByRole('button', { name: 'Restore previous value' }).click()
  await expect(confirm).toBeHidden()
  await expect(page.getByText(/^Restored the previous value of "stripe-live"/)).toBeVisible()
  expect(vault.cli('get', 'stripe-live', '--as', 'e2e-check').stdout.trim()).toBe(ORIGINAL)

  // The two swapped: the restore can itself be undone.
  await expect(fact(drawer, 'Value fingerprint').first()).toContainText(
    before.previous!.fingerprint,
  )
  await expect(fact(previous, 'Value fingerprint')).toHaveText(before.fingerprint)
  await expect(
    drawer.getByRole('list', { name: 'History' }).getByRole('listitem').filter({
      hasText: 'Previous value restored',
    }),
  ).toHaveCount(1)
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
