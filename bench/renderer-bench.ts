/**
 * §8 "renderer: 10,000 rows listed ≤ 300 ms after data arrives; a keystroke in search repainted
 * ≤ 50 ms (Chromium, performance marks)". The built renderer runs in Debian's Chromium against
 * the real main-process services through the browser harness (DESIGN.md §6.2), and the figures
 * are the renderer's own marks: `secrets:data` → `secrets:table-painted` and `search:input` →
 * `search:painted` (src/renderer/src/listing/paint-marks.ts).
 *
 * Baselines, from the same browser in the same run:
 * - listing: the same page and marks on a vault of 100 secrets, loads interleaved with the
 *   10,000-secret ones. Both fill the viewport with the same virtualised rows, so the ratio is
 *   what 10,000 secrets cost beyond mounting the window at all;
 * - keystroke: a plain <input> on a blank page, from its input event to the next paint, marked the
 *   way paint-marks.ts marks it (a requestAnimationFrame, then a task after that frame), with the
 *   same keys typed in alternating blocks: the floor of any keystroke repaint in this browser.
 *
 * An init script records, as each "painted" mark is taken, what the DOM held at that moment, so a
 * mark that fires before its rows are in the table fails the run instead of flattering it.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Browser, BrowserType, Page } from '@playwright/test'
import { formatBreakdown, round2All, type Outcome, type Skipped } from './bench-report'
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/chromium'
import { startHarness, type RunningHarness } from '../test/support/harness'
import { paired, round2, summarize } from './measure'

const VIEWPORT = { width: 1280, height: 800 }
const LOADS = 5
const WARMUP_LOADS = 1
/** Each typed one key at a time, then erased with Backspace: 34 measured keystrokes a side. */
const QUERIES = ['token', 'cert', 'key-0042']
const WARMUP_QUERY = 'ab'
/** Between keystrokes once the last one is painted, about a typist's pace. */
const KEY_GAP_MS = 100
const WAIT_TIMEOUT_MS = 60_000

const LISTING_LABEL = 'JS: React renders the window and the rows (scope filter, sort, commit)'
const PAINT_LABEL = 'style, layout and paint of that frame (main thread)'
const REST_LABEL = 'the rest: frame scheduling, timer, other tasks'
const SHORT: Record<string, string> = {
  [LISTING_LABEL]: 'JS',
  [PAINT_LABEL]: 'style, layout and paint',
  [REST_LABEL]: 'the rest',
}
const HANDLER_LABEL = 'JS: the input event (filter, React render, commit)'
// Chromium's editing code lays the page out as the key event ends, before the frame is drawn.
const FRAME_LABEL = 'after it, to the paint mark: style and layout, paint, the frame'

/**
 * Runs in every page before its own scripts (plain ES2020, no bundler; this file's types have no
 * DOM). It wraps performance.mark to note, as each "painted" mark is taken, the rows in the DOM,
 * the table's row count, the search text and whether every rendered name contains it; notes when
 * each input event has been handled (a window listener runs after React's root listener and the
 * microtasks in which React renders); keeps long-animation-frame entries for the breakdown; and
 * keeps Event Timing's keydown entries (keydown → the next frame presented, in 8 ms steps; only
 * those of 16 ms or more are reported), which see past the paint mark to the screen.
 */
const INSTRUMENT = `(() => {
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
      allMatch: rows.every((row) => {
        const name = row.querySelector('.secret-name')
        return name !== null && (name.textContent || '').toLowerCase().includes(needle)
      }),
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
const PLAIN_PAGE = `<!doctype html><meta charset="utf-8"><title>plain input</title>
<input type="search" aria-label="Plain input" autocomplete="off" spellcheck="false">
<script>
  document.querySelector('input').addEventListener('input', () => {
    performance.mark('plain:input')
    requestAnimationFrame(() => setTimeout(() => performance.mark('plain:painted'), 0))
  })
</script>`

interface DomState {
  /** The table's accessible name, e.g. "Secrets in Organization". */
  table: string | null
  rowsInDom: number
  rowCount: number | null
  query: string
  allMatch: boolean
}

interface LongFrame {
  startTime: number
  duration: number
  styleAndLayoutStart: number
  scripts: { startTime: number; duration: number }[]
}

interface LoadReading {
  dataAt: number
  paintedAt: number
  dom: DomState | null
  frames: LongFrame[]
}

interface KeyReading {
  inputAt: number
  paintedAt: number
  /** When the input event's listeners, and React's render in their microtasks, were done. */
  handledAt: number | null
  inputMarks: number
  dom: DomState | null
  /** Event Timing's keydown duration; null when under its 16 ms reporting threshold. */
  keydownMs: number | null
}

export interface RendererSetup {
  /** out/main/harness.js; out/renderer beside it must hold the built renderer. */
  harnessPath: string
  /** The 10,000-secret vault, and how many secrets it holds now. */
  vaultDir: string
  count: number
  /** SAFEHOLD_PASSPHRASE for the harness; null: the OS keychain holds the key. */
  passphrase: string | null
  /** Makes the small vault of the listing baseline (only once nothing says to skip). */
  baselineVault: () => Promise<{ dir: string; count: number }>
}

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim()

/** Playwright's Chromium launcher, or why there is none to use. */
async function launchChromium(harnessPath: string): Promise<Browser | string> {
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

const LOADED = `document.querySelector('.empty-state[role="alert"]') !== null || (() => {
  const data = performance.getEntriesByName('secrets:data')[0]
  return data !== undefined && performance.getEntriesByName('secrets:table-painted')
    .some((entry) => entry.startTime >= data.startTime)
})()`

const FRAME_SEEN = `window.__safeholdBench.longFrames().some((frame) => {
  const data = performance.getEntriesByName('secrets:data')[0]
  return frame.startTime <= data.startTime && frame.startTime + frame.duration > data.startTime
})`

/**
 * Waits in the page until `condition` (an expression) holds. Not page.waitForFunction: that evals
 * a string predicate inside the page, which the renderer's CSP (no 'unsafe-eval') forbids, and
 * bypassing the CSP would change the page measured. This whole text is evaluated over CDP instead.
 */
async function waitInPage(page: Page, condition: string, timeoutMs: number): Promise<boolean> {
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

const READ_LOAD = `(() => {
  const failed = document.querySelector('.empty-state[role="alert"]')
  if (failed) return { failed: failed.textContent }
  const data = performance.getEntriesByName('secrets:data')[0]
  const painted = performance.getEntriesByName('secrets:table-painted')
    .find((entry) => entry.startTime >= data.startTime)
  const bench = window.__safeholdBench
  const record = bench.records.find(
    (r) => r.name === 'secrets:table-painted' && r.at === painted.startTime)
  return { dataAt: data.startTime, paintedAt: painted.startTime, dom: record ? record.dom : null,
    frames: bench.longFrames() }
})()`

/** One page load in a fresh context (a cold window): data arriving → table painted. */
async function loadOnce(browser: Browser, url: string): Promise<LoadReading> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    await page.addInitScript({ content: INSTRUMENT })
    await loadApp(page, url)
    // Measured already; this only lets the frame the data arrived in be reported, when it is long.
    await waitInPage(page, FRAME_SEEN, 1000)
    return await page.evaluate<LoadReading>(READ_LOAD)
  } finally {
    await context.close()
  }
}

async function loadApp(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: WAIT_TIMEOUT_MS })
  if (!(await waitInPage(page, LOADED, WAIT_TIMEOUT_MS)))
    throw new Error(`the page showed no painted table within ${WAIT_TIMEOUT_MS} ms`)
  const reading = await page.evaluate<{ failed?: string }>(READ_LOAD)
  if (reading.failed !== undefined) throw new Error(`the page could not load: ${reading.failed}`)
}

function checkListed(reading: LoadReading): void {
  const dom = reading.dom
  if (dom === null || dom.rowsInDom === 0 || dom.rowCount === null || dom.rowCount === 0) {
    throw new Error(
      `secrets:table-painted fired with no rows in the table (${JSON.stringify(dom)}): the mark is wrong`,
    )
  }
}

/** Types `query` one key at a time, then erases it with Backspace, measuring every keystroke. */
async function typeAndErase(page: Page, prefix: 'search' | 'plain', query: string) {
  const keys = [...query, ...Array.from({ length: query.length }, () => 'Backspace')]
  const input = `${prefix}:input`
  const painted = `${prefix}:painted`
  const readings: KeyReading[] = []
  let text = ''
  for (const key of keys) {
    await page.evaluate(`(() => {
      performance.clearMarks('${input}')
      performance.clearMarks('${painted}')
      window.__safeholdBench.records.length = 0
      window.__safeholdBench.handled.length = 0
      window.__safeholdBench.keydowns().length = 0
    })()`)
    await page.keyboard.press(key)
    text = key === 'Backspace' ? text.slice(0, -1) : text + key
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
    readings.push(reading)
  }
  return readings
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

const median = (values: number[]): number => summarize(values).median

/** Where data → painted goes, from the long-animation-frame entries between the two marks. */
function listingParts(reading: LoadReading): Record<string, number> | null {
  const { dataAt, paintedAt, frames } = reading
  let script = 0
  let paint = 0
  let seen = false
  for (const frame of frames) {
    const end = frame.startTime + frame.duration
    if (end <= dataAt || frame.startTime >= paintedAt) continue
    seen = true
    for (const s of frame.scripts) {
      script += Math.max(
        0,
        Math.min(s.startTime + s.duration, paintedAt) - Math.max(s.startTime, dataAt),
      )
    }
    paint += Math.max(0, Math.min(end, paintedAt) - Math.max(frame.styleAndLayoutStart, dataAt))
  }
  if (!seen) return null
  const total = paintedAt - dataAt
  return {
    [LISTING_LABEL]: script,
    [PAINT_LABEL]: paint,
    [REST_LABEL]: Math.max(0, total - script - paint),
  }
}

/** The median of each part over the loads whose data arrived in a long frame, and how many did. */
function medianParts(readings: LoadReading[]): { parts: Record<string, number>; loads: number } {
  const known = readings.map(listingParts).filter((p) => p !== null)
  const parts = Object.fromEntries(
    known.length === 0
      ? []
      : [LISTING_LABEL, PAINT_LABEL, REST_LABEL].map((k) => [k, median(known.map((p) => p[k]!))]),
  )
  return { parts, loads: known.length }
}

const fmt = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`

/** Cold page loads of both vaults, interleaved: data arriving → table painted. */
async function measureListing(browser: Browser, big: RunningHarness, base: RunningHarness) {
  const bigLoads: LoadReading[] = []
  const baseLoads: LoadReading[] = []
  const loadOf = async (url: string, into: LoadReading[]): Promise<number> => {
    const reading = await loadOnce(browser, url)
    checkListed(reading)
    into.push(reading)
    return reading.paintedAt - reading.dataAt
  }
  const { subject, baseline } = await paired(
    LOADS,
    WARMUP_LOADS,
    () => loadOf(big.url, bigLoads),
    () => loadOf(base.url, baseLoads),
  )
  return {
    subject,
    baseline,
    loads: bigLoads.slice(WARMUP_LOADS),
    baselineLoads: baseLoads.slice(WARMUP_LOADS),
  }
}

/** The app on the big vault and a plain input in the same browser, typed in alternating blocks. */
async function measureKeystrokes(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const app = await context.newPage()
    await app.addInitScript({ content: INSTRUMENT })
    await loadApp(app, url)
    const plain = await context.newPage()
    await plain.setContent(PLAIN_PAGE)
    await plain.evaluate(INSTRUMENT)
    const sides = [
      { page: app, box: 'Search secrets', prefix: 'search' as const, keys: [] as KeyReading[] },
      { page: plain, box: 'Plain input', prefix: 'plain' as const, keys: [] as KeyReading[] },
    ]
    const block = async (query: string, keep: boolean, appFirst: boolean): Promise<void> => {
      for (const side of appFirst ? sides : [...sides].reverse()) {
        await side.page.bringToFront()
        await side.page.getByRole('searchbox', { name: side.box }).focus()
        const readings = await typeAndErase(side.page, side.prefix, query)
        if (keep) side.keys.push(...readings)
      }
    }
    await block(WARMUP_QUERY, false, true)
    for (const [i, query] of QUERIES.entries()) await block(query, true, i % 2 === 1)
    return { app: sides[0]!.keys, plain: sides[1]!.keys }
  } finally {
    await context.close()
  }
}

/** Event Timing's keydown figures: a null (under 16 ms) sorts below every reported one. */
function keydownFigure(readings: KeyReading[], q: number): string {
  const sorted = readings.map((r) => r.keydownMs ?? -1).sort((a, b) => a - b)
  const value = sorted[Math.round((sorted.length - 1) * q)]
  return value === undefined ? 'n/a' : value < 0 ? '< 16 ms' : `${value} ms`
}

function listingOutcome(
  setup: RendererSetup,
  smallCount: number,
  listing: Awaited<ReturnType<typeof measureListing>>,
  chromium: string,
): Outcome {
  const listed = listing.loads[0]!.dom!
  const mine = medianParts(listing.loads)
  const theirs = medianParts(listing.baselineLoads)
  const rowsNote = `the table "${listed.table}" (the tab a window opens on) lists ${listed.rowCount!.toLocaleString('en')} of the vault's ${setup.count.toLocaleString('en')} secrets, ${listed.rowsInDom} of them in the DOM when the mark was taken (virtualised)`
  return {
    row: {
      id: 'renderer-listing',
      label: `${setup.count.toLocaleString('en')} secrets listed: data → table painted (Chromium)`,
      unit: 'ms',
      value: listing.subject,
      baseline: listing.baseline,
      baselineLabel: `same page, ${smallCount}-secret vault`,
      target: { maxValue: 300 },
    },
    details: [
      `listing: ${rowsNote}; ${LOADS} cold page loads of each vault, interleaved, in a ${VIEWPORT.width}×${VIEWPORT.height} window`,
      mine.loads > 0
        ? formatBreakdown(
            `where the listing's time goes: medians over the ${mine.loads} loads whose data arrived in a long animation frame (≥ 50 ms), from its entry`,
            mine.parts,
          )
        : 'no long-animation-frame entry covered the data arriving, so no breakdown',
      ...(theirs.loads > 0
        ? [
            `the same on the ${smallCount}-secret vault (${theirs.loads} loads): ${Object.entries(
              theirs.parts,
            )
              .map(([part, ms]) => `${SHORT[part]} ${fmt(ms)}`)
              .join(', ')}`,
          ]
        : []),
    ],
    extra: {
      loads: LOADS,
      table: listed.table,
      rowsListed: listed.rowCount,
      rowsInDom: listed.rowsInDom,
      baselineRowsListed: listing.baselineLoads[0]?.dom?.rowCount ?? null,
      viewport: VIEWPORT,
      chromium,
      ms: round2All(mine.parts),
      baselineMs: round2All(theirs.parts),
    },
  }
}

function keystrokeOutcome(keys: Awaited<ReturnType<typeof measureKeystrokes>>): Outcome {
  const keyMs = (r: KeyReading): number => r.paintedAt - r.inputAt
  const appMs = keys.app.map(keyMs)
  const plainMs = keys.plain.map(keyMs)
  const value = summarize(appMs)
  const baseline = summarize(plainMs)
  const p95 = { app: percentile(appMs, 0.95), plain: percentile(plainMs, 0.95) }
  const handled = keys.app.filter((r) => r.handledAt !== null)
  const parts = {
    [HANDLER_LABEL]: median(handled.map((r) => r.handledAt! - r.inputAt)),
    [FRAME_LABEL]: median(handled.map((r) => r.paintedAt - r.handledAt!)),
  }
  const perQuery = QUERIES.map((query, q) => {
    const start = QUERIES.slice(0, q).reduce((n, s) => n + 2 * s.length, 0)
    const mine = keys.app.slice(start, start + 2 * query.length)
    return {
      query,
      ms: mine.map((r) => round2(keyMs(r))),
      rowsListed: mine.map((r) => r.dom?.rowCount ?? null),
    }
  })
  const queries = QUERIES.map((q) => `"${q}"`).join(', ')
  return {
    row: {
      id: 'renderer-keystroke',
      label: `search keystroke repainted, ${appMs.length} keys (Chromium)`,
      unit: 'ms',
      value,
      baseline,
      baselineLabel: 'plain <input>, blank page',
      target: { maxValue: 50 },
    },
    details: [
      `search keystrokes: median ${fmt(value.median)}, p95 ${fmt(p95.app)}, max ${fmt(value.max)} over ${appMs.length} keystrokes (${queries}, each typed then erased, ${KEY_GAP_MS} ms apart); plain <input>: median ${fmt(baseline.median)}, p95 ${fmt(p95.plain)}`,
      `keydown → next frame presented (Event Timing, 8 ms steps, < 16 ms not reported): search median ${keydownFigure(keys.app, 0.5)}, p95 ${keydownFigure(keys.app, 0.95)}; plain <input> median ${keydownFigure(keys.plain, 0.5)}, p95 ${keydownFigure(keys.plain, 0.95)}`,
      formatBreakdown(
        `where a search keystroke's time goes: medians over ${handled.length} keystrokes, search:input → input event handled → search:painted`,
        parts,
      ),
    ],
    extra: {
      p95: round2(p95.app),
      baselineP95: round2(p95.plain),
      keydownPresentedMs: keys.app.map((r) => r.keydownMs),
      baselineKeydownPresentedMs: keys.plain.map((r) => r.keydownMs),
      ms: round2All(parts),
      perQuery,
      keyGapMs: KEY_GAP_MS,
    },
  }
}

export async function benchRenderer(setup: RendererSetup): Promise<Outcome[] | Skipped> {
  const browser = await launchChromium(setup.harnessPath)
  if (typeof browser === 'string') return { skipped: browser }
  const harnesses: RunningHarness[] = []
  const serve = (vaultDir: string) =>
    startHarness({
      vaultDir,
      bundle: setup.harnessPath,
      ...(setup.passphrase === null ? {} : { passphrase: setup.passphrase }),
    })
  try {
    const small = await setup.baselineVault()
    const big = await serve(setup.vaultDir)
    harnesses.push(big)
    const base = await serve(small.dir)
    harnesses.push(base)
    const listing = await measureListing(browser, big, base)
    const keys = await measureKeystrokes(browser, big.url)
    return [listingOutcome(setup, small.count, listing, browser.version()), keystrokeOutcome(keys)]
  } finally {
    for (const harness of harnesses) await harness.stop()
    await browser.close()
  }
}
