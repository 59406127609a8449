import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { flaggedNodes, sourceFiles } from '../support/source-scan'

// DESIGN §5: only src/main/index.ts and src/main/platform/ may import electron, so the rest of the
// main process (and the `safehold` CLI built from it) runs in plain Node.
const ROOT = join(__dirname, '..', '..')
const MAIN_SRC = join(ROOT, 'src', 'main')
const CLI_BUNDLE = join(ROOT, 'out', 'main', 'cli.js')

// require("electron"), import("electron") or an ESM `from "electron"`, subpaths included.
const ELECTRON_IN_BUNDLE =
  /\b(?:require|import)\(\s*["'`]electron(?:\/[^"'`]*)?["'`]\s*\)|\bfrom\s*["']electron(?:\/[^"']*)?["']/

const isElectron = (specifier: string) => /^electron(\/|$)/.test(specifier)

function literalText(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined
}

/**
 * The electron imports in one source file, as `line: text`. Parsed rather than grepped, so a
 * comment or a string that mentions electron is not an import, and every import form is one.
 */
function electronImports(source: string, fileName = 'sample.ts'): string[] {
  return flaggedNodes(source, fileName, (node) => {
    let specifier: string | undefined
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      // import … from 'electron', import type …, import 'electron', export … from 'electron'
      specifier = literalText(node.moduleSpecifier)
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      // import electron = require('electron')
      specifier = literalText(node.moduleReference.expression)
    } else if (ts.isCallExpression(node)) {
      // require('electron'), import('electron'), require.resolve('electron')
      const callee = node.expression
      const isRequire =
        (ts.isIdentifier(callee) && callee.text === 'require') ||
        (ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === 'require')
      if (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) {
        specifier = literalText(node.arguments[0])
      }
    } else if (ts.isImportTypeNode(node)) {
      // typeof import('electron'), import('electron').App
      const argument = node.argument
      if (ts.isLiteralTypeNode(argument)) specifier = literalText(argument.literal)
    }
    return specifier !== undefined && isElectron(specifier)
  })
}

function mayImportElectron(file: string): boolean {
  const path = relative(MAIN_SRC, file).split(sep).join('/')
  return path === 'index.ts' || path.startsWith('platform/')
}

describe('the scanner', () => {
  it.each([
    ['a named import', `import { app } from 'electron'`],
    ['a type-only import', `import type { BrowserWindow } from 'electron'`],
    ['a namespace import', `import * as electron from "electron"`],
    ['a default import', `import electron from 'electron'`],
    ['a side-effect import', `import 'electron'`],
    ['a subpath import', `import { ipcMain } from 'electron/main'`],
    ['a re-export', `export { clipboard } from 'electron'`],
    ['a require', `const { app } = require('electron')`],
    ['a require in an expression', `const n = require("electron").Notification`],
    ['a require with a template literal', 'const e = require(`electron`)'],
    ['import = require', `import electron = require('electron')`],
    ['a dynamic import', `async function f() { return await import('electron') }`],
    ['a type import', `let app: typeof import('electron').app`],
    ['require.resolve', `const where = require.resolve('electron')`],
  ])('catches %s', (_form, source) => {
    expect(electronImports(source)).toHaveLength(1)
  })

  it('does not mistake mentions of electron for imports', () => {
    const source = [
      `// import { app } from 'electron' is only allowed in index.ts`,
      `/* require('electron') */`,
      `const name = 'electron'`,
      `const message = "import('electron') is not allowed here"`,
      `import { get } from '@electron/get'`,
      `import vite from 'electron-vite'`,
    ].join('\n')
    expect(electronImports(source)).toEqual([])
  })

  it('reports the line of each import', () => {
    const source = `const a = 1\nimport { app } from 'electron'\nconst b = require('electron')\n`
    expect(electronImports(source)).toEqual([
      `2: import { app } from 'electron'`,
      `3: require('electron')`,
    ])
  })
})

describe('src/main', () => {
  it('imports electron only in index.ts and platform/', () => {
    const files = sourceFiles(MAIN_SRC)
    expect(files.length, 'src/main has TypeScript files').toBeGreaterThan(0)
    const offenders = files
      .filter((file) => !mayImportElectron(file))
      .flatMap((file) =>
        electronImports(readFileSync(file, 'utf8'), file).map(
          (hit) => `${relative(ROOT, file)}:${hit}`,
        ),
      )
    expect(offenders, 'only src/main/index.ts and src/main/platform/ may import electron').toEqual(
      [],
    )
  })
})

describe('the built CLI', () => {
  const built = existsSync(CLI_BUNDLE)
  if (!built)
    console.warn(`skipped: ${relative(ROOT, CLI_BUNDLE)} is not built (run npm run build)`)

  it.skipIf(!built)('never loads electron, in cli.js or in any chunk it requires', () => {
    const seen = new Set<string>()
    const offenders: string[] = []
    const pending = [CLI_BUNDLE]
    for (let file = pending.pop(); file; file = pending.pop()) {
      if (seen.has(file)) continue
      seen.add(file)
      const code = readFileSync(file, 'utf8')
      if (ELECTRON_IN_BUNDLE.test(code)) {
        offenders.push(relative(ROOT, file))
      }
      // Follow the bundle's own chunks: a shared chunk may be where electron sneaks in.
      for (const match of code.matchAll(/\brequire\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
        if (match[1] === undefined) continue
        const path = join(dirname(file), match[1])
        for (const candidate of [path, `${path}.js`, `${path}.cjs`]) {
          if (existsSync(candidate) && candidate.endsWith('js')) pending.push(candidate)
        }
      }
    }
    expect(offenders, 'the safehold command must run in plain Node').toEqual([])
  })
})
