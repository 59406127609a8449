import type { Locator, Page } from '@playwright/test'
import {
  listing,
  openApp,
  review,
  row,
  shownNames,
  showScope,
  startRegistration,
} from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// A table that fits: at 1024 px with the details open, names keep at least 24 characters in view
// and Status is never pushed off by a sideways scroll; widths, sort and filters survive a reload;
// the full name shows on hover and on keyboard focus; a new secret is shown where it landed.

const LONG_NAME = 'stripe-live-payments-webhook-signing-key-eu-west-1'
const PAYMENTS = ['pay-01', 'pay-02', 'pay-03', 'pay-04', 'pay-05', 'pay-06', 'pay-07', 'pay-08']

let vault: E2eVault

const inDays = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

test.beforeAll(async () => {
  vault = await openVault({
    workspaces: ['Payments'],
    seed(cli) {
      const apiKey = (name: string, scope: string, ...more: string[]) =>
        cli(
          'register',
          ...['--type', 'api-key', '--name', name, '--scope', scope],
          ...['--field', 'headerName=X-Api-Key', '--field', `value=fit-${name}`, ...more],
        )
      apiKey(LONG_NAME, 'organization', '--expires', inDays(20), '--availability', 'spot:Bytebards')
      apiKey('billing-key', 'organization', '--expires', inDays(200))
      apiKey('legacy-mailer', 'organization')
      cli('delete', 'legacy-mailer', '--schedule', '--confirm', 'DELETE')
      for (const name of PAYMENTS) apiKey(name, 'workspace:Payments')
    },
  })
})

test.afterAll(async () => {
  await vault?.stop()
})

interface Box {
  left: number
  right: number
  top: number
  bottom: number
}

/**
 * How many characters of a row's name a person can read: those laid out wholly inside the name's
 * clipped box, less the room the ellipsis takes when the name is cut.
 */
async function visibleNameCharacters(target: Locator): Promise<number> {
  return target
    .getByRole('cell')
    .first()
    .evaluate((cell) => {
      type Rect = { right: number }
      type El = {
        getAttribute(name: string): string | null
        ownerDocument: {
          getElementById(id: string): unknown
          createRange(): {
            setStart(node: unknown, offset: number): void
            setEnd(node: unknown, offset: number): void
            getBoundingClientRect(): Rect
          }
          createTreeWalker(root: unknown, what: number): { nextNode(): unknown }
        }
      }
      const doc = (cell as El).ownerDocument
      const name = doc.getElementById((cell as El).getAttribute('aria-labelledby') ?? '') as {
        getBoundingClientRect(): Rect
        scrollWidth: number
        clientWidth: number
      }
      const cut = name.scrollWidth > name.clientWidth
      const limit = name.getBoundingClientRect().right - (cut ? 12 : 0) + 0.5
      const walker = doc.createTreeWalker(name, 4)
      let count = 0
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node as { data: string }).data
        for (let i = 0; i < text.length; i++) {
          const range = doc.createRange()
          range.setStart(node, i)
          range.setEnd(node, i + 1)
          if (range.getBoundingClientRect().right <= limit) count++
        }
      }
      return count
    })
}

const box = (target: Locator): Promise<Box> =>
  target.evaluate((element) => {
    const rect = (element as { getBoundingClientRect(): Box }).getBoundingClientRect()
    return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom }
  })

/** The listing's scroll box: whether it scrolls sideways, and where it shows its content. */
const scroller = (page: Page) => listing(page).locator('xpath=..')

async function scrollsSideways(page: Page): Promise<boolean> {
  return scroller(page).evaluate((element) => {
    const e = element as { scrollWidth: number; clientWidth: number }
    return e.scrollWidth > e.clientWidth
  })
}

/** The name is shown whole: nothing of it is cut off. */
const nameShownWhole = (target: Locator) =>
  target
    .getByRole('cell')
    .first()
    .locator('.secret-name')
    .evaluate((element) => {
      const e = element as {
        scrollWidth: number
        getBoundingClientRect(): { width: number }
      }
      return e.scrollWidth <= Math.ceil(e.getBoundingClientRect().width)
    })

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`at 1024 px wide, ${scheme}`, () => {
    test.use({ viewport: { width: 1024, height: 720 }, colorScheme: scheme })

    test(`the listing beside the details, ${scheme}`, async ({ page }, testInfo) => {
      await openApp(page, vault.harness.url)
      await row(page, LONG_NAME).click()
      await expect(page.getByRole('complementary', { name: LONG_NAME })).toBeVisible()
      await page.mouse.move(5, 700)
      await screenshot(page, testInfo, `${scheme}-listing-1024-details-open`)
      await row(page, 'legacy-mailer').click()
      await page.keyboard.press('ArrowDown')
      await expect(row(page, LONG_NAME)).toBeFocused()
      await screenshot(page, testInfo, `${scheme}-listing-1024-full-name-on-focus`)
      await page.keyboard.press('Escape')
      await row(page, 'billing-key').hover()
      await screenshot(page, testInfo, `${scheme}-listing-1024`)
    })
  })
}

test.describe('at 1024 px wide', () => {
  test.use({ viewport: { width: 1024, height: 720 } })

  test('with the details open, a name keeps 24 characters and Status stays in view', async ({
    page,
  }) => {
    await openApp(page, vault.harness.url)
    const long = row(page, LONG_NAME)
    await long.click()
    await expect(page.getByRole('complementary', { name: LONG_NAME })).toBeVisible()
    // The pointer would show the full name; away from the table, the cut shows as it is.
    await page.mouse.move(5, 700)
    await expect.poll(() => nameShownWhole(long)).toBe(false)

    expect(await visibleNameCharacters(long)).toBeGreaterThanOrEqual(24)
    expect(await scrollsSideways(page)).toBe(false)
    const view = await box(scroller(page))
    for (const name of [LONG_NAME, 'legacy-mailer']) {
      const status = await box(row(page, name).getByRole('cell').last())
      expect(status.right).toBeLessThanOrEqual(view.right + 0.5)
      expect(status.left).toBeGreaterThanOrEqual(view.left)
    }
    await expect(row(page, 'legacy-mailer').getByRole('cell').last()).toHaveText(
      /^Scheduled for deletion/,
    )
    await expect(
      listing(page).getByRole('columnheader', { name: 'Status', exact: true }),
    ).toBeInViewport()
  })

  test('the full name shows on hover and on keyboard focus', async ({ page }) => {
    await openApp(page, vault.harness.url)
    const long = row(page, LONG_NAME)
    await long.click()
    await page.mouse.move(5, 700)
    await expect.poll(() => nameShownWhole(long)).toBe(false)

    await long.hover()
    await expect.poll(() => nameShownWhole(long)).toBe(true)
    await page.mouse.move(5, 700)
    await expect.poll(() => nameShownWhole(long)).toBe(false)

    // From the keyboard: the row above, then ArrowDown.
    await row(page, 'legacy-mailer').click()
    await page.mouse.move(5, 700)
    await page.keyboard.press('ArrowDown')
    await expect(long).toBeFocused()
    await expect.poll(() => nameShownWhole(long)).toBe(true)
  })
})

test.describe('a wide window', () => {
  // Room for every column at its width: a column made wider takes from the name, and back.
  test.use({ viewport: { width: 1600, height: 720 } })

  test('column widths change by pointer and keyboard; widths, sort and filters survive a reload', async ({
    page,
  }) => {
    await openApp(page, vault.harness.url)
    const th = (name: string) => listing(page).getByRole('columnheader', { name, exact: true })
    const width = async (name: string) =>
      Math.round((await box(th(name))).right - (await box(th(name))).left)
    const typeHandle = page.getByRole('separator', { name: 'Resize Credential type column' })
    const expiryHandle = page.getByRole('separator', { name: 'Resize Expiration date column' })

    // By pointer: the handle on the column's left edge, dragged 60 px to the left.
    const before = await width('Credential type')
    const handle = await box(typeHandle)
    const x = (handle.left + handle.right) / 2
    const y = (handle.top + handle.bottom) / 2
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x - 30, y, { steps: 3 })
    await page.mouse.move(x - 60, y, { steps: 3 })
    await page.mouse.up()
    await expect.poll(() => width('Credential type')).toBe(before + 60)
    await expect(typeHandle).toHaveAttribute('aria-valuenow', String(before + 60))

    // By keyboard: ArrowRight moves the edge right, so the column narrows.
    const expiry = await width('Expiration date')
    await expiryHandle.focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => width('Expiration date')).toBe(expiry - 32)
    await expect(expiryHandle).toHaveAttribute('aria-valuenow', String(expiry - 32))

    await th('Expiration date').getByRole('button').click()
    await th('Expiration date').getByRole('button').click()
    await expect(th('Expiration date')).toHaveAttribute('aria-sort', 'descending')
    await page.getByRole('button', { name: 'Filter by status' }).click()
    await page.getByRole('menuitemcheckbox', { name: 'Active', exact: true }).click()
    await page.keyboard.press('Escape')
    // Latest expiry first.
    const shown = ['billing-key', LONG_NAME]
    await expect.poll(() => shownNames(page)).toEqual(shown)

    await page.reload()
    await expect.poll(() => shownNames(page)).toEqual(shown)
    await expect(th('Expiration date')).toHaveAttribute('aria-sort', 'descending')
    await expect(page.getByRole('button', { name: 'Filter by status (1 selected)' })).toBeVisible()
    expect(await width('Credential type')).toBe(before + 60)
    expect(await width('Expiration date')).toBe(expiry - 32)

    // Home returns a column to its default width; a double click too.
    await expiryHandle.focus()
    await page.keyboard.press('Home')
    await expect.poll(() => width('Expiration date')).toBe(expiry)
    await typeHandle.dblclick()
    await expect.poll(() => width('Credential type')).toBe(before)
  })
})

/** Puts `text` where the listing remembers its sort, filters and widths. */
async function remember(page: Page, text: string): Promise<void> {
  await page.evaluate((stored) => {
    const storage = (
      globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
    ).localStorage
    storage.setItem('safehold.listing.v1', stored)
  }, text)
}

test('a damaged or hostile remembered listing is ignored, not obeyed', async ({ page }) => {
  await openApp(page, vault.harness.url)
  await remember(
    page,
    '{"sort":{"key":"__proto__","direction":"sideways"},"statuses":["active","active","toString",42],' +
      '"types":"api-key","tags":[{"toString":"x"}],"widths":{"type":1e9,"status":"wide",' +
      '"constructor":5,"name":-4},"__proto__":{"polluted":true}}',
  )
  await page.reload()
  // The valid part is kept (Active), the rest falls back: name order, every type, default widths.
  await expect(page.getByRole('button', { name: 'Filter by status (1 selected)' })).toBeVisible()
  await expect(
    listing(page).getByRole('columnheader', { name: 'Secret name', exact: true }),
  ).toHaveAttribute('aria-sort', 'ascending')
  await expect.poll(() => shownNames(page)).toEqual(['billing-key', LONG_NAME])
  expect(await scrollsSideways(page)).toBe(false)
  expect(await page.evaluate(() => (({}) as Record<string, unknown>)['polluted'])).toBeUndefined()

  await remember(page, '{"sort": {"key": "name", "dir')
  await page.reload()
  await expect.poll(() => shownNames(page)).toEqual(['billing-key', 'legacy-mailer', LONG_NAME])
})

test.describe('a short window', () => {
  test.use({ viewport: { width: 1280, height: 400 } })

  test('after registering, the new secret is shown: its scope, its row selected and in view', async ({
    page,
    ipc,
  }) => {
    await openApp(page, vault.harness.url)
    await expect(page.getByRole('heading', { name: 'Organization', level: 1 })).toBeVisible()
    const wizard = await startRegistration(
      page,
      { scope: 'workspace', workspace: 'Payments' },
      'API Key',
    )
    await wizard.getByLabel('Secret name').fill('pay-zz-newest')
    await wizard.getByLabel('Header name').fill('X-Api-Key')
    await wizard.getByLabel('Value', { exact: true }).fill(ipc.watch('fit-registered-value'))
    await review(wizard)
    await wizard.getByRole('button', { name: /^Register/ }).click()
    await expect(wizard).toBeHidden()

    await expect(page.getByRole('heading', { name: 'Workspace Payments', level: 1 })).toBeVisible()
    const added = row(page, 'pay-zz-newest')
    await expect(added).toHaveAttribute('aria-current', 'true')
    await expect(added).toBeInViewport({ ratio: 1 })
    await expect(page.getByRole('complementary', { name: 'pay-zz-newest' })).toBeVisible()
    // It is the last of nine: the listing scrolled down to it.
    expect(
      await scroller(page).evaluate((element) => (element as { scrollTop: number }).scrollTop),
    ).toBeGreaterThan(0)
    await showScope(page, { scope: 'organization' })
  })
})

test('the star pins a secret to the top of its scope whatever the sort, and the vault keeps it', async ({
  page,
}) => {
  await openApp(page, vault.harness.url)
  const star = (name: string) => row(page, name).getByRole('button', { name: 'Favourite' })
  const nameHeader = listing(page).getByRole('columnheader', { name: 'Secret name', exact: true })
  await expect.poll(() => shownNames(page)).toEqual(['billing-key', 'legacy-mailer', LONG_NAME])
  await expect(star('legacy-mailer')).toHaveAttribute('aria-pressed', 'false')

  await star('legacy-mailer').click()
  await expect(star('legacy-mailer')).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => shownNames(page)).toEqual(['legacy-mailer', 'billing-key', LONG_NAME])
  // The star does not open the details, as a click on the row would.
  await expect(page.getByRole('complementary')).toHaveCount(0)
  await nameHeader.getByRole('button').click()
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending')
  await expect.poll(() => shownNames(page)).toEqual(['legacy-mailer', LONG_NAME, 'billing-key'])

  // Kept by the vault, not by the window.
  await page.reload()
  await expect(star('legacy-mailer')).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => shownNames(page)).toEqual(['legacy-mailer', LONG_NAME, 'billing-key'])

  // F on a focused row stars and unstars it too.
  await row(page, 'legacy-mailer').click()
  await page.keyboard.press('f')
  await expect(star('legacy-mailer')).toHaveAttribute('aria-pressed', 'false')
  await expect.poll(() => shownNames(page)).toEqual([LONG_NAME, 'legacy-mailer', 'billing-key'])
  await page.reload()
  await expect(star('legacy-mailer')).toHaveAttribute('aria-pressed', 'false')
})
