/**
 * An outside accessibility engine's verdict on what is on screen: axe-core with the WCAG 2.1 A
 * and AA rules, its best practices, and the experimental rule that checks a control's accessible
 * name contains its visible text (WCAG 2.5.3, Label in Name). A critical or serious violation
 * fails the test, naming each rule and the elements it found; lesser ones are left to review in
 * the saved report.
 *
 * axe-core runs in the page (the window has no frames): its source is put there once per page and
 * `axe.run` called for each screen. (@axe-core/playwright puts the 550 KB source in again for every
 * check and finishes each run in a second, blank page: ten times the time, a third of the e2e
 * tier's CPU for the screens spec.)
 */
import axe from 'axe-core'
import type { AxeResults, RunOptions } from 'axe-core'
import type { Page, TestInfo } from '@playwright/test'
import { expect } from './fixtures'

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
const BLOCKING = new Set(['critical', 'serious'])

export async function expectAccessible(
  page: Page,
  testInfo: TestInfo,
  screen: string,
): Promise<void> {
  // Only violations are reported in full: the passes are not read, and listing them costs axe
  // most of its time.
  const options: RunOptions = {
    runOnly: { type: 'tag', values: TAGS },
    resultTypes: ['violations'],
    rules: { 'label-content-name-mismatch': { enabled: true } },
  }
  const present = await page.evaluate(() => 'axe' in globalThis)
  if (!present) await page.evaluate(axe.source)
  const results = await page.evaluate(
    (runOptions) =>
      (
        globalThis as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<AxeResults> }
          document: unknown
        }
      ).axe.run((globalThis as unknown as { document: unknown }).document, runOptions),
    options,
  )
  await testInfo.attach(`axe-${screen}`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  })
  const blocking = results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .map((node) => `${node.target.join(' ')}: ${node.html.slice(0, 300)}`)
          .join('; ')}`,
    )
  expect(blocking, `axe on ${screen}`).toEqual([])
}
