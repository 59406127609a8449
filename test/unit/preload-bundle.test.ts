import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// A sandboxed preload may require only electron (and a few Node built-ins Electron polyfills);
// anything else fails at load and leaves window.safehold undefined. It must also stay free of
// zod and the rest of main: the page's world gets a short list of named methods, no more.
const ROOT = join(__dirname, '..', '..')
const PRELOAD = join(ROOT, 'out', 'preload', 'index.js')

describe('the built preload', () => {
  const built = existsSync(PRELOAD)
  if (!built) console.warn(`skipped: ${relative(ROOT, PRELOAD)} is not built (run npm run build)`)

  it.skipIf(!built)('requires electron and nothing else', () => {
    const code = readFileSync(PRELOAD, 'utf8')
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map(
      (match) => match[1],
    )
    expect(required).toEqual(['electron'])
    expect(code).not.toMatch(/\bimport\s*\(/)
  })

  it.skipIf(!built)('carries no validation library and stays small', () => {
    const code = readFileSync(PRELOAD, 'utf8')
    // zod's own identifiers, not the word: comments may mention it.
    expect(code).not.toMatch(/\$?Zod[A-Z]\w*|\b_zod\b|\bsafeParse\b/)
    expect(code.length).toBeLessThan(8 * 1024)
  })
})
