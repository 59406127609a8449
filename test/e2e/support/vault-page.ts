/**
 * The screens before the vault is open, as a person uses them (DESIGN.md §6.3–§6.4): the welcome
 * screen's form, the unlock screen's "Passphrase" and "Unlock", and Lock now.
 */
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

export function welcomeScreen(page: Page): Locator {
  return page.getByRole('main').filter({
    has: page.getByRole('heading', { name: 'Welcome to Safehold', level: 1 }),
  })
}

export function unlockScreen(page: Page): Locator {
  return page.getByRole('main').filter({
    has: page.getByRole('heading', { name: 'Safehold is locked', level: 1 }),
  })
}

/** The "Passphrase" field of the unlock screen or of the welcome form (a password input). */
export function passphraseField(scope: Page | Locator): Locator {
  return scope.getByLabel('Passphrase', { exact: true })
}

export function sidebar(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Sidebar' })
}

/** Types the passphrase on the unlock screen, presses Unlock and waits for the app. */
export async function unlock(page: Page, passphrase: string): Promise<void> {
  const screen = unlockScreen(page)
  await expect(screen).toBeVisible()
  await passphraseField(screen).fill(passphrase)
  await screen.getByRole('button', { name: 'Unlock', exact: true }).click()
  await expect(screen).toBeHidden({ timeout: 15_000 })
  await expect(page.getByRole('button', { name: 'Register secret', exact: true })).toBeVisible()
}
