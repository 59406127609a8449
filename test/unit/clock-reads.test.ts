import { readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { flaggedNodes, sourceFiles } from '../support/source-scan'

// DESIGN §5: time enters the main process only through the Clock adapter, so a test (or the
// lifecycle engine under an injected clock) sees every instant the services act on. Only
// src/main/lifecycle/clock.ts may read the wall clock.
const ROOT = join(__dirname, '..', '..')
const MAIN_SRC = join(ROOT, 'src', 'main')
const CLOCK_ADAPTER = 'lifecycle/clock.ts'

/** `Date` itself or `globalThis.Date` / `window.Date`: the global constructor, however reached. */
function isGlobalDate(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isGlobalDate(node.expression)
  if (ts.isIdentifier(node)) return node.text === 'Date'
  return ts.isPropertyAccessExpression(node) && node.name.text === 'Date'
}

/**
 * The wall-clock reads in one source file, as `line: text`: `new Date()` and `new Date` with no
 * argument, `Date()` (the current time as text) and `Date.now`, called or handed on. Parsed
 * rather than grepped, so a comment or a string that mentions them is not a read, and
 * `new Date(iso)` (a conversion, not a read) is allowed.
 */
function clockReads(source: string, fileName = 'sample.ts'): string[] {
  return flaggedNodes(source, fileName, (node) => {
    if (ts.isNewExpression(node) && isGlobalDate(node.expression))
      return node.arguments === undefined || node.arguments.length === 0
    if (ts.isCallExpression(node) && isGlobalDate(node.expression)) return true
    const readsNow =
      (ts.isPropertyAccessExpression(node) && node.name.text === 'now') ||
      (ts.isElementAccessExpression(node) &&
        ts.isStringLiteralLike(node.argumentExpression) &&
        node.argumentExpression.text === 'now')
    return readsNow && isGlobalDate(node.expression)
  })
}

describe('the scanner', () => {
  it.each([
    ['new Date()', 'const at = new Date()'],
    ['new Date without parentheses', 'const at = new Date'],
    ['Date.now()', 'const ms = Date.now()'],
    ['Date.now handed on', 'const now = Date.now'],
    ["Date['now']()", "const ms = Date['now']()"],
    ['globalThis.Date.now()', 'const ms = globalThis.Date.now()'],
    ['new globalThis.Date()', 'const at = new globalThis.Date()'],
    ['Date() as text', 'const text = Date()'],
    ['a read inside an expression', 'const stamp = new Date().toISOString().slice(0, 10)'],
  ])('catches %s', (_form, source) => {
    expect(clockReads(source)).toHaveLength(1)
  })

  it('lets conversions, comments and strings through', () => {
    const source = [
      `// new Date() is read only in clock.ts`,
      `/* Date.now() */`,
      `const message = 'Date.now() is not allowed here'`,
      `const at = new Date('2026-12-01T00:00:00Z')`,
      `const later = new Date(at.getTime() + 1000)`,
      `const utc = new Date(Date.UTC(2026, 11, 1))`,
      `const parsed = Date.parse('2026-12-01')`,
      `const now = clock.now()`,
      `const start = performance.now()`,
    ].join('\n')
    expect(clockReads(source)).toEqual([])
  })

  it('reports the line of each read', () => {
    const source = `const a = 1\nconst b = new Date()\nconst c = Date.now()\n`
    expect(clockReads(source)).toEqual(['2: new Date()', '3: Date.now'])
  })
})

describe('src/main', () => {
  it('reads the wall clock only in the clock adapter', () => {
    const files = sourceFiles(MAIN_SRC)
    expect(files.length, 'src/main has TypeScript files').toBeGreaterThan(0)
    const adapter = join(MAIN_SRC, ...CLOCK_ADAPTER.split('/'))
    expect(clockReads(readFileSync(adapter, 'utf8')), 'the adapter itself reads it').not.toEqual([])
    const offenders = files
      .filter((file) => relative(MAIN_SRC, file).split(sep).join('/') !== CLOCK_ADAPTER)
      .flatMap((file) =>
        clockReads(readFileSync(file, 'utf8'), file).map((hit) => `${relative(ROOT, file)}:${hit}`),
      )
    expect(offenders, `take the time from a Clock (src/main/${CLOCK_ADAPTER})`).toEqual([])
  })
})
