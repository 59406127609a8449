/**
 * The Safehold window as a person uses it, by the names a screen reader hears (DESIGN.md §6.3):
 * open the wizard, choose, type, drop files, read the listing.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, type IpcRecorder } from './fixtures'

export type ScopeChoice =
  | { scope: 'organization'; availability?: string }
  | { scope: 'workspace'; workspace: string }
  | { scope: 'personal' }

export const SCOPE_LABELS = {
  organization: 'Organization',
  workspace: 'Workspace',
  personal: 'Personal',
} as const

export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect(page.getByRole('button', { name: 'Register secret', exact: true })).toBeVisible()
  // The vault's profile and secrets arrive together after the first paint; until then the
  // sidebar has no workspaces, and a click aimed at Settings lands where a workspace then appears.
  await expect(
    page
      .getByRole('navigation', { name: 'Sidebar' })
      .getByText(/^(Account Holder|Account Manager|Member)$/),
  ).toBeVisible()
}

/** "Register secret" in the top bar; returns the wizard dialog. */
export async function openWizard(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Register secret', exact: true }).click()
  const wizard = page.getByRole('dialog', { name: 'Register secret' })
  await expect(wizard).toBeVisible()
  return wizard
}

export async function choose(group: Locator, name: string): Promise<void> {
  const radio = group.getByRole('radio', { name, exact: true })
  await radio.click()
  await expect(radio).toBeChecked()
}

export async function next(wizard: Locator, title: string): Promise<void> {
  await wizard.getByRole('button', { name: 'Next' }).click()
  await expect(wizard.getByRole('heading', { name: title, exact: true })).toBeVisible()
}

/** Step 1: scope, then workspace or availability. */
export async function chooseScope(page: Page, wizard: Locator, choice: ScopeChoice): Promise<void> {
  await choose(wizard.getByRole('radiogroup', { name: 'Scope' }), SCOPE_LABELS[choice.scope])
  if (choice.scope === 'workspace') {
    await wizard.getByRole('combobox', { name: 'Workspace' }).click()
    await page.getByRole('option', { name: choice.workspace, exact: true }).click()
    await expect(wizard.getByRole('combobox', { name: 'Workspace' })).toHaveText(choice.workspace)
  }
  if (choice.scope === 'organization') {
    await choose(
      wizard.getByRole('radiogroup', { name: 'Availability' }),
      choice.availability ?? 'Entire organization',
    )
  }
}

/** Steps 1 and 2, ending on the Details step. */
export async function startRegistration(
  page: Page,
  choice: ScopeChoice,
  typeLabel: string,
): Promise<Locator> {
  const wizard = await openWizard(page)
  await chooseScope(page, wizard, choice)
  await next(wizard, 'Type')
  await choose(wizard.getByRole('radiogroup', { name: 'Credential type' }), typeLabel)
  await next(wizard, 'Details')
  return wizard
}

/** Types into a secret field and records the value as one that must never come back. */
export async function typeSecret(ipc: IpcRecorder, field: Locator, value: string): Promise<void> {
  await field.fill(ipc.watch(value))
}

/** On Review: checks the "copy it now" warning, registers, and waits for the dialog to go. */
export async function review(wizard: Locator): Promise<void> {
  await next(wizard, 'Review')
  await expect(wizard.getByText('Copy it now: it will not be shown again.')).toBeVisible()
}

export async function register(page: Page, wizard: Locator, name: string): Promise<void> {
  await wizard.getByRole('button', { name: 'Register secret', exact: true }).click()
  await expect(wizard).toBeHidden()
  await expect(page.getByText(`Registered "${name}".`)).toBeVisible()
}

export interface DroppedFile {
  name: string
  mimeType?: string
  bytes: Buffer
}

export function fileFrom(path: string, mimeType = 'application/octet-stream'): DroppedFile {
  return { name: basename(path), mimeType, bytes: readFileSync(path) }
}

/**
 * Drags files onto `target` the way the OS does: dragenter, dragover, then a real `drop` event
 * carrying a DataTransfer made in the page.
 */
export async function dropFiles(page: Page, target: Locator, files: DroppedFile[]): Promise<void> {
  const payload = files.map((file) => ({
    name: file.name,
    type: file.mimeType ?? 'application/octet-stream',
    base64: file.bytes.toString('base64'),
  }))
  // The page function runs in the browser; this project's Node typings have no DOM, hence the casts.
  const dataTransfer = await page.evaluateHandle((items) => {
    const browser = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } }
      File: new (parts: unknown[], name: string, options: { type: string }) => unknown
      atob(data: string): string
    }
    const transfer = new browser.DataTransfer()
    for (const item of items) {
      const bytes = Uint8Array.from(browser.atob(item.base64), (c) => c.charCodeAt(0))
      transfer.items.add(new browser.File([bytes], item.name, { type: item.type }))
    }
    return transfer
  }, payload)
  await target.dispatchEvent('dragenter', { dataTransfer })
  await target.dispatchEvent('dragover', { dataTransfer })
  await target.dispatchEvent('drop', { dataTransfer })
  await dataTransfer.dispose()
}

/** The listing table, and one row of it by secret name. */
export function listing(page: Page): Locator {
  return page.getByRole('table')
}

export function row(page: Page, name: string): Locator {
  return listing(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) })
}

/**
 * A row's cell under the column headed `column` ("Status"). Columns are found by their header,
 * never by position: which columns show depends on the scope and on the width the table has, so
 * call this once the table stands as the assertion expects it.
 */
export async function cellOf(page: Page, name: string, column: string): Promise<Locator> {
  const headers = listing(page).getByRole('columnheader')
  await expect(headers.filter({ hasText: column }).first()).toBeVisible()
  const labels = (await headers.allInnerTexts()).map((text) => text.trim())
  const index = labels.indexOf(column)
  expect(index, `no column "${column}" in ${labels.join(', ')}`).toBeGreaterThanOrEqual(0)
  return row(page, name).getByRole('cell').nth(index)
}

/**
 * The listing's secret names, top to bottom, as shown: each row's name cell by the name it is
 * given (a search hit's cell also says where the hit was found, which is not its name).
 */
export async function shownNames(page: Page): Promise<string[]> {
  const rows = listing(page).locator('tbody tr:not([aria-hidden="true"])')
  return rows.evaluateAll((elements) =>
    elements.map((element) => {
      const row = element as unknown as {
        cells: ArrayLike<{ getAttribute(name: string): string | null }>
        ownerDocument: { getElementById(id: string): { textContent: string | null } | null }
      }
      const named = row.cells[0]?.getAttribute('aria-labelledby') ?? ''
      return (row.ownerDocument.getElementById(named)?.textContent ?? '').trim()
    }),
  )
}

/** Lists a scope the one way there is: its place in the sidebar, which then says it is current. */
export async function showScope(page: Page, scope: ScopeChoice): Promise<void> {
  const name = scope.scope === 'workspace' ? scope.workspace : SCOPE_LABELS[scope.scope]
  const place = page
    .getByRole('navigation', { name: 'Sidebar' })
    .getByRole('button', { name, exact: true })
  await place.click()
  await expect(place).toHaveAttribute('aria-current', 'page')
}

/**
 * Everything the renderer's document holds as text: the markup, and every form control's current
 * value (a property the markup does not show).
 */
export async function documentText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          documentElement: { outerHTML: string }
          querySelectorAll(selector: string): ArrayLike<{ value: string }>
        }
      }
    ).document
    const values = Array.from(doc.querySelectorAll('input, textarea, select'), (e) => e.value)
    return [doc.documentElement.outerHTML, ...values].join('\n')
  })
}

/** Fails when any of these values is anywhere in the renderer's document. */
export async function expectNoValueInDocument(page: Page, values: Iterable<string>): Promise<void> {
  const text = await documentText(page)
  for (const value of values) {
    expect(text.includes(value), `a typed value is still in the DOM`).toBe(false)
  }
}
