/**
 * The page side of the renderer benchmarks: Chromium launched as the e2e tests launch it, the
 * instrumentation every measured page runs before its own scripts, waiting in the page without
 * eval (the renderer's CSP forbids it), loading the window, and measuring one keystroke by the
 * renderer's own performance marks (src/renderer/src/listing/paint-marks.ts).
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Browser, BrowserType, Page } from '@playwright/test'
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/chromium'
import { summarize } from './measure'

export const VIEWPORT = { width: 1280, height: 800 }
/** Between keystrokes once the last one is painted, about a typist's pace. */
export const KEY_GAP_MS = 100
export const WAIT_TIMEOUT_MS = 60_000

/**
 * Runs in every page before its own scripts (plain ES2020, no bundler; this file's types have no
 * DOM). It wraps performance.mark to note, as each "painted" mark is taken, the rows in the DOM,
 * the table's row count, the search text and whether every rendered row shows it (in its name, or
 * in the line that says where it matched); notes when each input event has been handled (a window
 * listener runs after React's root listener and the microtasks in which React renders); keeps long-animation-frame entries for the breakdown; and
 * keeps Event Timing's keydown entries (keydown → the next frame presented, in 8 ms steps; only
 * those of 16 ms or more are reported), which see past the paint mark to the screen.
 */
export const INSTRUMENT = `(() => {
  if (window.__safeholdBench) return
  const records = []
  const handled = []
  const frames = []
  const painted = ['secrets:table-painted', 'search:painted', 'plain:painted']
  const mark = performance.mark.bind(performance)
  const dom = () => {
    const table = document.querySelector('table[aria-rowcount]')
    const rows = Array.from(document.querySelectorAll('tr[data-row-index]'))
    const box = document.querySelector('input[type="search"]')
    const query = box ? box.value : ''
    const needle = query.trim().toLowerCase()
    return {
      table: table ? table.getAttribute('aria-label') : null,
      rowsInDom: rows.length,
      rowCount: table ? Number(table.getAttribute('aria-rowcount')) - 1 : null,
      query,
      // A hit may be found in any field: the row says where (the match line), so its text holds it.
      allMatch: rows.every((row) => (row.textContent || '').toLowerCase().includes(needle)),
    }
  }
  performance.mark = function (name, options) {
    const entry = mark(name, options)
    if (painted.includes(name)) records.push({ name, at: entry.startTime, dom: dom() })
    return entry
  }
  window.addEventListener('input', () => handled.push(performance.now()))
  const observe = (options, into, keep) => {
    try {
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (keep(entry)) into.push(entry.toJSON())
      })
      observer.observe(options)
      // Observer callbacks come late; takeRecords hands over what is queued but not delivered.
      return () => {
        for (const entry of observer.takeRecords()) if (keep(entry)) into.push(entry.toJSON())
        return into
      }
    } catch {
      return () => into
    }
  }
  const longFrames = observe({ type: 'long-animation-frame', buffered: true }, frames, () => true)
  const keydowns = observe({ type: 'event', durationThreshold: 16 }, [], (e) => e.name === 'keydown')
  window.__safeholdBench = { records, handled, longFrames, keydowns }
})()`

/** The keystroke baseline: a plain input, marked as paint-marks.ts marks the search box. */
export const PLAIN_PAGE = `<!doctype html><meta charset="utf-8"><title>plain input</title>
<input type="search" aria-label="Plain input" autocomplete="off" spellcheck="false">
<script>
  document.querySelector('input').addEventListener('input', () => {
    performance.mark('plain:input')
    requestAnimationFrame(() => setTimeout(() => performance.mark('plain:painted'), 0))
  })
</script>`

export interface DomState {
  /** The table's accessible name, e.g. "Secrets in Organization". */
  table: string | null
  rowsInDom: number
  rowCount: number | null
  query: string
  allMatch: boolean
}

export interface LongFrame {
  startTime: number
  duration: number
  styleAndLayoutStart: number
  scripts: { startTime: number; duration: number }[]
}

export interface LoadReading {
  dataAt: number
  paintedAt: number
  dom: DomState | null
  frames: LongFrame[]
  /** Navigation start → the page's scripts run (DOMContentLoaded ended). */
  scriptsRunAt: number | null
  /** The secrets:list request sent, and its answer in (Resource Timing). */
  listAsked: number | null
  listAnswered: number | null
}

export interface KeyReading {
  inputAt: number
  paintedAt: number
  /** When the input event's listeners, and React's render in their microtasks, were done. */
  handledAt: number | null
  inputMarks: number
  dom: DomState | null
  /** Event Timing's keydown duration; null when under its 16 ms reporting threshold. */
  keydownMs: number | null
}

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim()

/** Playwright's Chromium launcher, or why there is none to use. */
export async function launchChromium(harnessPath: string): Promise<Browser | string> {
  if (!existsSync(harnessPath)) return `${harnessPath} is missing (npm run build)`
  const index = join(dirname(harnessPath), '..', 'renderer', 'index.html')
  if (!existsSync(index)) return `${index} is missing (npm run build)`
  if (!existsSync(CHROMIUM)) {
    return `${CHROMIUM} not found (apt install chromium, or set SAFEHOLD_CHROMIUM)`
  }
  let chromium: BrowserType
  try {
    ;({ chromium } = await import('@playwright/test'))
  } catch (error) {
    return `@playwright/test could not be loaded (${firstLine(error)})`
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  } catch (error) {
    return `${CHROMIUM} would not start (${firstLine(error)})`
  }
}

export const LOADED = `document.querySelector('.empty-state[role="alert"]') !== null || (() => {
  const data = performance.getEntriesByName('secrets:data')[0]
  return data !== undefined && performance.getEntriesByName('secrets:table-painted')
    .some((entry) => entry.startTime >= data.startTime)
})()`

export const FRAME_SEEN = `window.__safeholdBench.longFrames().some((frame) => {
  const data = performance.getEntriesByName('secrets:data')[0]
  return frame.startTime <= data.startTime && frame.startTime + frame.duration > data.startTime
})`

/**
 * Waits in the page until `condition` (an expression) holds. Not page.waitForFunction: that evals
 * a string predicate inside the page, which the renderer's CSP (no 'unsafe-eval') forbids, and
 * bypassing the CSP would change the page measured. This whole text is evaluated over CDP instead.
 */
export async function waitInPage(
  page: Page,
  condition: string,
  timeoutMs: number,
): Promise<boolean> {
  return page.evaluate<boolean>(`new Promise((resolve) => {
    const started = performance.now()
    const check = () => {
      if (${condition}) resolve(true)
      else if (performance.now() - started > ${timeoutMs}) resolve(false)
      else setTimeout(check, 20)
    }
    check()
  })`)
}

export const READ_LOAD = `(() => {
  const failed = document.querySelector('.empty-state[role="alert"]')
  if (failed) return { failed: failed.textContent }
  const data = performance.getEntriesByName('secrets:data')[0]
  const painted = performance.getEntriesByName('secrets:table-painted')
    .find((entry) => entry.startTime >= data.startTime)
  const bench = window.__safeholdBench
  const record = bench.records.find(
    (r) => r.name === 'secrets:table-painted' && r.at === painted.startTime)
  const list = performance.getEntriesByType('resource')
    .find((entry) => decodeURIComponent(entry.name).includes('/ipc/secrets:list'))
  const navigation = performance.getEntriesByType('navigation')[0]
  return { dataAt: data.startTime, paintedAt: painted.startTime, dom: record ? record.dom : null,
    frames: bench.longFrames(),
    scriptsRunAt: navigation ? navigation.domContentLoadedEventEnd : null,
    listAsked: list ? list.requestStart : null, listAnswered: list ? list.responseEnd : null }
})()`

export async function loadApp(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: WAIT_TIMEOUT_MS })
  if (!(await waitInPage(page, LOADED, WAIT_TIMEOUT_MS)))
    throw new Error(`the page showed no painted table within ${WAIT_TIMEOUT_MS} ms`)
  const reading = await page.evaluate<{ failed?: string }>(READ_LOAD)
  if (reading.failed !== undefined) throw new Error(`the page could not load: ${reading.failed}`)
}

export function checkListed(reading: LoadReading): void {
  const dom = reading.dom
  if (dom === null || dom.rowsInDom === 0 || dom.rowCount === null || dom.rowCount === 0) {
    throw new Error(
      `secrets:table-painted fired with no rows in the table (${JSON.stringify(dom)}): the mark is wrong`,
    )
  }
}

/**
 * Presses `key` and measures it: `${prefix}:input` → `${prefix}:painted`. `text` is what the box
 * holds after it; a search mark taken before the table shows that text fails the run.
 */
export async function measureKey(
  page: Page,
  prefix: 'search' | 'plain',
  key: string,
  text: string,
): Promise<KeyReading> {
  const input = `${prefix}:input`
  const painted = `${prefix}:painted`
  await page.evaluate(`(() => {
    performance.clearMarks('${input}')
    performance.clearMarks('${painted}')
    window.__safeholdBench.records.length = 0
    window.__safeholdBench.handled.length = 0
    window.__safeholdBench.keydowns().length = 0
  })()`)
  await page.keyboard.press(key)
  if (!(await waitInPage(page, `performance.getEntriesByName('${painted}').length > 0`, 10_000)))
    throw new Error(`no ${painted} mark within 10 s of pressing ${key}`)
  // The pause between keys comes before reading, so Event Timing can report this keydown.
  await page.waitForTimeout(KEY_GAP_MS)
  const reading = await page.evaluate<KeyReading>(`(() => {
    const bench = window.__safeholdBench
    const input = performance.getEntriesByName('${input}')
    const painted = performance.getEntriesByName('${painted}')[0]
    return { inputAt: input[0].startTime, paintedAt: painted.startTime,
      handledAt: bench.handled.length > 0 ? bench.handled[0] : null, inputMarks: input.length,
      dom: bench.records.length > 0 ? bench.records[0].dom : null,
      keydownMs: bench.keydowns().length > 0 ? bench.keydowns()[0].duration : null }
  })()`)
  if (reading.inputMarks !== 1) {
    throw new Error(`one keystroke left ${reading.inputMarks} ${input} marks`)
  }
  if (prefix === 'search') {
    const dom = reading.dom
    if (dom === null || dom.query !== text || !dom.allMatch) {
      throw new Error(
        `search:painted fired before the table showed "${text}" (${JSON.stringify(dom)}): the mark is wrong`,
      )
    }
  }
  return reading
}

/** Types `query` one key at a time, then erases it with Backspace, measuring every keystroke. */
export async function typeAndErase(
  page: Page,
  prefix: 'search' | 'plain',
  query: string,
): Promise<KeyReading[]> {
  const keys = [...query, ...Array.from({ length: query.length }, () => 'Backspace')]
  const readings: KeyReading[] = []
  let text = ''
  for (const key of keys) {
    text = key === 'Backspace' ? text.slice(0, -1) : text + key
    readings.push(await measureKey(page, prefix, key, text))
  }
  return readings
}

export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

export const median = (values: number[]): number => summarize(values).median

export const fmt = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`
