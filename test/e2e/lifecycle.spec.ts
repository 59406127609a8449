import type { Locator, Page } from '@playwright/test'
import { cellOf, openApp, row } from './support/app-page'
import { expect, openVault, screenshot, test, type E2eVault } from './support/fixtures'

// The lifecycle as the window shows it, 45 days after the secrets were registered: the harness
// runs under faketime at +45d over a vault whose secrets the CLI made "earlier" (or later), and
// the page's clock is moved the same way. Statuses with their deletion dates, Upcoming's groups
// and actions, the banner's Review, a cancel from Upcoming, and the bell.

const DAY = 86_400_000
const LATER = 45
let vault: E2eVault
/** The real instant the vault was seeded at; the harness's "now" is LATER days after it. */
let seededAt = 0

/** YYYY-MM-DD, `days` after the seeding. */
const dayAfterSeed = (days: number): string =>
  new Date(seededAt + days * DAY).toISOString().slice(0, 10)

const VALUES = new Map<string, string>()

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  seededAt = Date.now()
  vault = await openVault({
    faketime: `+${LATER}d`,
    seed(_cli, at) {
      const register = (offsetDays: number, name: string, ...extra: string[]): void => {
        const value = `${name}-value-${Math.random().toString(36).slice(2, 10)}`
        VALUES.set(name, value)
        at(`${offsetDays >= 0 ? '+' : ''}${offsetDays}d`)(
          'register',
          ...['--type', 'api-key', '--name', name, '--scope', 'organization'],
          ...['--field', 'headerName=Authorization', '--field', `value=${value}`],
          ...extra,
        )
      }
      const schedule = (offsetDays: number, name: string): void =>
        void at(`+${offsetDays}d`)('delete', name, '--schedule', '--confirm', 'DELETE')
      // Never used: inactive at day 30 of its life, deleted at day 60.
      register(-14, 'never-used') // deleted the day after "now"
      register(-6, 'quiet-nine') // 9 days left
      register(-2, 'quiet-thirteen') // 13 days left
      register(20, 'scheduled-soon') // scheduled by hand, 30 days: 5 days left
      schedule(20, 'scheduled-soon')
      register(40, 'scheduled-later') // 25 days left
      schedule(40, 'scheduled-later')
      register(40, 'expired-key', '--expires', dayAfterSeed(42))
      register(44, 'expiring-soon', '--expires', dayAfterSeed(48))
      register(44, 'far-expiry', '--expires', dayAfterSeed(LATER + 200))
    },
  })
})

test.afterAll(async () => {
  await vault?.stop()
})

test.beforeEach(async ({ page, ipc }) => {
  for (const value of VALUES.values()) ipc.watch(value)
  // The page reads the clock of the machine it runs on: the same 45 days on.
  await page.clock.setFixedTime(new Date(Date.now() + LATER * DAY))
})

function statusCell(page: Page, name: string): Promise<Locator> {
  return cellOf(page, name, 'Status')
}

function monthDay(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric' })
}

async function upcoming(page: Page): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Sidebar' })
    .getByRole('button', { name: /^Upcoming/ })
    .click()
  const region = page.getByRole('region', { name: 'Upcoming' })
  await expect(region).toBeVisible()
  return region
}

function group(region: Locator, title: string): Locator {
  return region.getByRole('region', { name: title, exact: true })
}

function entry(scope: Locator, name: string): Locator {
  return scope.getByRole('listitem', { name, exact: true })
}

async function entryNames(scope: Locator): Promise<string[]> {
  return scope.locator('.timeline-entry__name').allTextContents()
}

test('statuses say when each pending deletion happens, and how soon', async ({ page }, info) => {
  await openApp(page, vault.harness.url)
  await expect(await statusCell(page, 'never-used')).toHaveText('Inactive, Deletes tomorrow')
  await expect(await statusCell(page, 'quiet-nine')).toHaveText(
    /^Inactive, Deletes [A-Z][a-z]{2} \d{1,2} · 9 days left$/,
  )
  await expect(await statusCell(page, 'quiet-thirteen')).toHaveText(
    /^Inactive, Deletes [A-Z][a-z]{2} \d{1,2} · in 13 days$/,
  )
  await expect(await statusCell(page, 'scheduled-soon')).toHaveText(
    /^Scheduled for deletion, Deletes [A-Z][a-z]{2} \d{1,2} · 5 days left$/,
  )
  // Beyond 15 days: the date alone, without a year when it is within one.
  const later = new Date(seededAt + 70 * DAY).toISOString()
  await expect(await statusCell(page, 'scheduled-later')).toHaveText(
    `Scheduled for deletion, Deletes ${monthDay(later)}`,
  )
  await expect(await statusCell(page, 'expired-key')).toHaveText('Expired')
  await expect(await cellOf(page, 'expired-key', 'Expiration date')).toContainText('· Expired')
  await expect(await statusCell(page, 'expiring-soon')).toHaveText('Active')

  // Each urgency has its own colour, besides its own words.
  const colour = async (name: string): Promise<string> =>
    (await statusCell(page, name))
      .locator('.deletion-words')
      .evaluate(
        (element) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }
          ).getComputedStyle(element).color,
      )
  const colours = await Promise.all(
    ['never-used', 'quiet-nine', 'quiet-thirteen', 'scheduled-later'].map(colour),
  )
  expect(new Set(colours).size).toBe(4)

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await screenshot(page, info, `${scheme}-lifecycle-listing`)
  }
})

test('Upcoming holds every deletion and expiry in groups, each with its actions', async ({
  page,
}, info) => {
  await openApp(page, vault.harness.url)
  const sidebar = page.getByRole('navigation', { name: 'Sidebar' })
  // Events within 30 days, overdue included: 1 overdue + 3 in 7 days + 3 in 30 days.
  await expect(sidebar.getByRole('button', { name: /^Upcoming/ })).toHaveAccessibleName(
    'Upcoming 7 events within 30 days',
  )
  const region = await upcoming(page)
  await expect(region.getByRole('heading', { level: 2 })).toHaveText([
    'Overdue1',
    'Next 7 days3',
    'Next 30 days3',
    'Later1',
  ])
  expect(await entryNames(group(region, 'Overdue'))).toEqual(['expired-key'])
  expect(await entryNames(group(region, 'Next 7 days'))).toEqual([
    'never-used',
    'expiring-soon',
    'scheduled-soon',
  ])
  expect(await entryNames(group(region, 'Next 30 days'))).toEqual([
    'quiet-nine',
    'quiet-thirteen',
    'scheduled-later',
  ])
  expect(await entryNames(group(region, 'Later'))).toEqual(['far-expiry'])

  const expired = entry(group(region, 'Overdue'), 'expired-key')
  await expect(expired).toContainText('Expired')
  await expect(expired).toContainText('Organization')
  const soon = entry(group(region, 'Next 7 days'), 'never-used')
  await expect(soon).toContainText('Deletes tomorrow')

  // Cancel deletion only for a deletion scheduled by hand; Schedule deletion only for an expiry
  // with no deletion pending; Delete secret and Edit everywhere.
  const actions = (item: Locator): Promise<string[]> =>
    item.getByRole('group').getByRole('button').allTextContents()
  expect(await actions(entry(group(region, 'Next 7 days'), 'scheduled-soon'))).toEqual([
    'Cancel deletion',
    'Delete secret',
    'Edit',
  ])
  expect(await actions(soon)).toEqual(['Delete secret', 'Edit'])
  expect(await actions(entry(group(region, 'Next 7 days'), 'expiring-soon'))).toEqual([
    'Schedule deletion',
    'Delete secret',
    'Edit',
  ])

  // The actions open the dialogs the drawer opens.
  await entry(group(region, 'Next 7 days'), 'expiring-soon')
    .getByRole('button', { name: 'Schedule deletion' })
    .click()
  const remove = page.getByRole('dialog', { name: 'Delete secret' })
  await expect(remove.getByRole('radio', { name: 'Schedule deletion' })).toBeChecked()
  await expect(remove.getByRole('radio', { name: 'Delete now' })).not.toBeChecked()
  await page.keyboard.press('Escape')
  await expect(remove).toBeHidden()

  await soon.getByRole('button', { name: 'Delete secret' }).click()
  await expect(remove.getByRole('radio', { name: 'Delete now' })).not.toBeChecked()
  await expect(remove.getByRole('radio', { name: 'Schedule deletion' })).not.toBeChecked()
  await remove.getByRole('textbox', { name: 'Type DELETE to confirm' }).fill('DELETE')
  await expect(remove.getByRole('button', { name: 'Delete secret' })).toBeDisabled()
  await screenshot(page, info, 'light-lifecycle-delete-unchosen')
  await page.keyboard.press('Escape')

  await expired.getByRole('button', { name: 'Edit' }).click()
  await expect(page.getByRole('dialog', { name: 'Edit secret' })).toBeVisible()
  await page.keyboard.press('Escape')

  // The name opens the details drawer beside the timeline.
  await expired.getByRole('button', { name: 'expired-key' }).click()
  await expect(page.getByRole('complementary', { name: 'expired-key' })).toBeVisible()
  await screenshot(page, info, 'light-lifecycle-upcoming-drawer')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('complementary', { name: 'expired-key' })).toBeHidden()
  await expect(expired.getByRole('button', { name: 'expired-key' })).toBeFocused()

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await screenshot(page, info, `${scheme}-lifecycle-upcoming`)
  }
})

test("the banner's Review opens exactly the deletions it counts", async ({ page }, info) => {
  await openApp(page, vault.harness.url)
  const banner = page.getByRole('region', { name: 'Deletions within 15 days' })
  await expect(banner).toContainText('4 secrets will be deleted within 15 days')
  await banner.getByRole('button', { name: 'Review' }).click()
  const region = page.getByRole('region', { name: 'Upcoming' })
  await expect(region.getByRole('status')).toHaveText(
    'Showing the 4 deletions within 15 days·Show all',
  )
  expect(await entryNames(region)).toEqual([
    'never-used',
    'scheduled-soon',
    'quiet-nine',
    'quiet-thirteen',
  ])
  await expect(region.getByText(/^Expire/)).toHaveCount(0)
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await screenshot(page, info, `${scheme}-lifecycle-review`)
  }
  await region.getByRole('button', { name: 'Show all' }).click()
  await expect(region.getByRole('status')).toHaveCount(0)
  expect(await entryNames(region)).toHaveLength(8)
})

test('a deletion cancelled from Upcoming leaves the timeline and the secret is Active', async ({
  page,
}) => {
  await openApp(page, vault.harness.url)
  const region = await upcoming(page)
  await entry(group(region, 'Next 7 days'), 'scheduled-soon')
    .getByRole('button', { name: 'Cancel deletion' })
    .click()
  const keep = page.getByRole('dialog', { name: 'Keep this secret?' })
  await keep.getByRole('button', { name: 'Cancel deletion' }).click()
  await expect(keep).toBeHidden()
  await expect(
    page.getByText('The deletion of "scheduled-soon" was cancelled; it is Active again.'),
  ).toBeVisible()
  await expect(entry(region, 'scheduled-soon')).toHaveCount(0)
  expect(await entryNames(group(region, 'Next 7 days'))).toEqual(['never-used', 'expiring-soon'])
  await page
    .getByRole('navigation', { name: 'Sidebar' })
    .getByRole('button', { name: /^Organization/ })
    .click()
  await expect(await statusCell(page, 'scheduled-soon')).toHaveText('Active')
  await expect(page.getByRole('region', { name: 'Deletions within 15 days' })).toContainText(
    '3 secrets will be deleted within 15 days',
  )
})

// The reminders come from the lifecycle engine in main; without it the harness records none.

test('the bell lists the reminders sent, newest first, and opens their secret', async ({
  page,
}, info) => {
  await openApp(page, vault.harness.url)
  const bell = page.getByRole('button', { name: 'Notifications', exact: true })
  await expect(bell).toHaveAccessibleDescription(/^[1-9]\d* unread$/)
  await bell.click()
  const menu = page.getByRole('menu', { name: 'Notifications' })
  const items = menu.getByRole('menuitem').filter({ hasNotText: 'Mark all as read' })
  await expect(items.first()).toBeVisible()
  const times: number[] = []
  for (const time of await items.locator('time.notification__sent').all()) {
    times.push(Date.parse((await time.getAttribute('datetime')) ?? ''))
  }
  expect(times).toEqual([...times].sort((a, b) => b - a))
  await expect(items.filter({ hasText: 'never-used' }).first()).toContainText('Unread')
  // Each names its secret and the date of its event, in local date and time, and when it was sent.
  for (const item of await items.all()) {
    await expect(item).toContainText(/"[a-z-]+"/)
    await expect(item).toContainText(
      /(deletes|deleted|expires|expired|was to be deleted) [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M [A-Z][\w+:-]* · sent [A-Z][a-z]{2} \d{1,2}, \d{4}/,
    )
  }
  await expect(items.filter({ hasText: 'never-used' }).first()).toContainText('deletes')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await screenshot(page, info, `${scheme}-lifecycle-bell`)
  }

  await items.filter({ hasText: 'never-used' }).first().click()
  await expect(page.getByRole('complementary', { name: 'never-used' })).toBeVisible()
  await expect(row(page, 'never-used')).toHaveAttribute('aria-current', 'true')

  await bell.click()
  await menu.getByRole('menuitem', { name: 'Mark all as read' }).click()
  await expect(bell).toHaveAccessibleDescription('No unread')
  await expect(items.filter({ hasText: 'Unread' })).toHaveCount(0)
})

test('Settings edit the expiry reminder offsets, with the error beside the field', async ({
  page,
}, info) => {
  await openApp(page, vault.harness.url)
  await page
    .getByRole('navigation', { name: 'Sidebar' })
    .getByRole('button', { name: 'Settings' })
    .click()
  const field = page.getByRole('textbox', { name: 'Expiry reminders' })
  await expect(field).toHaveValue('30, 7, 1')
  await field.fill('30, 7, 7')
  await page.getByRole('button', { name: 'Save reminders' }).click()
  await expect(field).toHaveAccessibleDescription(/^7 is listed twice\./)
  await field.fill('14 3 1')
  await page.getByRole('button', { name: 'Save reminders' }).click()
  await expect(
    page.getByText('Expiry reminders: 14, 3 and 1 days before a secret expires.'),
  ).toBeVisible()
  await expect(field).toHaveValue('14, 3, 1')
  // The harness offers no login item, so the switch is not shown.
  await expect(page.getByRole('switch', { name: 'Launch at login' })).toHaveCount(0)
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await screenshot(page, info, `${scheme}-lifecycle-settings`)
  }
})
