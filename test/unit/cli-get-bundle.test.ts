import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// DESIGN §8: `safehold get NAME` and `run` start in about the time of `node -e 0`, so what they
// load must stay small: no zod, no node-forge. They open the vault through the same composition
// root as every other command, which imports those only past the point where they have what they
// need.
// node-forge is loaded from node_modules (a require of the package); zod is bundled into a chunk
// (electron.vite.config.ts), so a file that defines zod's base type holds it.
const ROOT = join(__dirname, '..', '..')
const CLI_BUNDLE = join(ROOT, 'out', 'main', 'cli.js')
const HEAVY = ['zod', 'node-forge']
const BUNDLED_ZOD = '$constructor("$ZodType"'

/** require("./x") at load time; a lazy `() => require("./x")` runs only when a command asks. */
const EAGER_LOCAL = /(?<!=>\s*)\brequire\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g
const LAZY_LOCAL = /=>\s*require\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g
const EAGER_PACKAGE = /(?<!=>\s*)\brequire\(\s*"([^"./][^"]*)"\s*\)/g

/**
 * Every package the given bundle files load at once, following their eager local requires; zod
 * counts as loaded when one of those files holds its bundled code.
 */
function packagesLoaded(entries: string[]): { files: string[]; packages: string[] } {
  const seen = new Set<string>()
  const packages = new Set<string>()
  const pending = [...entries]
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (seen.has(file)) continue
    seen.add(file)
    const code = readFileSync(file, 'utf8')
    for (const [, name] of code.matchAll(EAGER_PACKAGE)) packages.add(name!)
    if (code.includes(BUNDLED_ZOD)) packages.add('zod')
    for (const [, path] of code.matchAll(EAGER_LOCAL)) pending.push(join(dirname(file), path!))
  }
  return { files: [...seen].map((file) => relative(ROOT, file)), packages: [...packages] }
}

describe('the scanner', () => {
  it('tells eager requires from lazy ones', () => {
    const code = [
      'const a = require("./chunks/a.js");',
      'let zod = require("zod");',
      'x(async () => (await Promise.resolve().then(() => require("./chunks/b.js"))).run)',
    ].join('\n')
    expect([...code.matchAll(EAGER_LOCAL)].map((m) => m[1])).toEqual(['./chunks/a.js'])
    expect([...code.matchAll(EAGER_PACKAGE)].map((m) => m[1])).toEqual(['zod'])
    expect([...code.matchAll(LAZY_LOCAL)].map((m) => m[1])).toEqual(['./chunks/b.js'])
  })
})

describe('the built CLI', () => {
  const built = existsSync(CLI_BUNDLE)
  if (!built)
    console.warn(`skipped: ${relative(ROOT, CLI_BUNDLE)} is not built (run npm run build)`)

  // `run` and `inject` share a chunk; `get` has its own.
  it.skipIf(!built).each([
    ['get', 'command-get'],
    ['run', 'command-run'],
  ])('loads neither zod nor node-forge for `%s`', (command, prefix) => {
    const chunks = readdirSync(join(ROOT, 'out', 'main', 'chunks'))
    const chunk = chunks.find((name) => name.startsWith(prefix))
    expect(chunk, `${command} is built as its own chunk`).toBeDefined()
    const cli = readFileSync(CLI_BUNDLE, 'utf8')
    const lazy = [...cli.matchAll(LAZY_LOCAL)].map((m) => m[1])
    expect(lazy, `cli.js loads ${command} only when it runs`).toContain(`./chunks/${chunk}`)
    const { files, packages } = packagesLoaded([
      CLI_BUNDLE,
      join(ROOT, 'out', 'main', 'chunks', chunk!),
    ])
    expect(
      packages.filter((name) => HEAVY.includes(name)),
      `loaded by ${files.join(', ')}`,
    ).toEqual([])
  })

  it.skipIf(!built)('does load them for `register`, so the check above can fail', () => {
    const chunk = readdirSync(join(ROOT, 'out', 'main', 'chunks')).find((name) =>
      name.startsWith('commands-secrets'),
    )
    expect(chunk).toBeDefined()
    const { packages } = packagesLoaded([join(ROOT, 'out', 'main', 'chunks', chunk!)])
    expect(packages).toContain('zod')
  })
})
