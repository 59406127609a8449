/**
 * §8 "the renderer bundle minified": the JavaScript the window loads, as `npm run build` left it
 * in out/renderer (its bytes, gzip bytes, and whether it is minified), and its biggest parts by
 * name. Baseline, from the same run: the least any React 19 window ships, react and
 * react-dom/client rendering one element, bundled by the same Vite, minified.
 *
 * The parts come from a second build of the renderer, as electron.vite.config.ts builds it
 * (root, React plugin, minified) but in memory with a source map: every byte of the minified
 * output is counted to the source file its mapping names, and files are grouped by package
 * (node_modules) or by folder of our own (src/renderer/src/listing, src/shared).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { table, type Outcome, type Skipped } from './bench-report'
import { round1, summarize } from './measure'

const TOP_PARTS = 10
/** Minified code is a few very long lines; a readable bundle averages well under this. */
const MINIFIED_LINE = 500

interface Built {
  code: string
  map: { sources: string[]; mappings: string } | null
}

const kb = (bytes: number): number => bytes / 1024

/** The JavaScript of a built renderer folder: every .js under assets/. */
function shipped(dir: string): { bytes: number; gzip: number; minified: boolean } {
  const assets = join(dir, 'assets')
  let bytes = 0
  let gzip = 0
  let lines = 0
  for (const name of readdirSync(assets).filter((file) => file.endsWith('.js'))) {
    const code = readFileSync(join(assets, name))
    bytes += code.length
    gzip += gzipSync(code, { level: 9 }).length
    lines += code.toString('utf8').split('\n').length
  }
  return { bytes, gzip, minified: bytes / Math.max(1, lines) > MINIFIED_LINE }
}

/** A Vite build in memory (minified, with a source map); its JavaScript chunks. */
async function buildInMemory(root: string, withReact: boolean): Promise<Built[]> {
  const { build } = await import('vite')
  const plugins = withReact ? [(await import('@vitejs/plugin-react')).default()] : []
  const result = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins,
    build: {
      write: false,
      minify: true,
      sourcemap: true,
      modulePreload: { polyfill: false },
      rolldownOptions: { input: join(root, 'index.html') },
    },
  })
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) =>
    'output' in r ? r.output : [],
  )
  return outputs.flatMap((chunk) =>
    chunk.type === 'chunk' ? [{ code: chunk.code, map: chunk.map }] : [],
  )
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Source map VLQ: the numbers of one segment. */
function decodeSegment(segment: string): number[] {
  const values: number[] = []
  let value = 0
  let shift = 0
  for (const char of segment) {
    const digit = BASE64.indexOf(char)
    value += (digit & 31) << shift
    if (digit & 32) shift += 5
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1)
      value = 0
      shift = 0
    }
  }
  return values
}

/** Characters of `code` per source file, from the source map's mappings. */
function charactersBySource(built: Built): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (source: string, n: number): void =>
    void counts.set(source, (counts.get(source) ?? 0) + n)
  const lines = built.code.split('\n')
  if (built.map === null) {
    add('(no source map)', built.code.length)
    return counts
  }
  const { sources, mappings } = built.map
  let sourceIndex = 0
  mappings.split(';').forEach((line, lineNumber) => {
    const length = lines[lineNumber]?.length ?? 0
    let column = 0
    let previous: { column: number; source: string } | null = null
    for (const segment of line.split(',').filter(Boolean)) {
      const fields = decodeSegment(segment)
      column += fields[0] ?? 0
      if (previous) add(previous.source, column - previous.column)
      else if (column > 0) add('(unmapped)', column)
      if (fields.length >= 4) sourceIndex += fields[1] ?? 0
      previous = {
        column,
        source: fields.length >= 4 ? (sources[sourceIndex] ?? '(unmapped)') : '(unmapped)',
      }
    }
    if (previous) add(previous.source, length - previous.column)
    else add('(unmapped)', length)
  })
  return counts
}

/**
 * A source file's part: its package, or the folder of ours it is in. Sources are named relative to
 * the output file (dist/assets under src/renderer): `../../src/listing/x.ts`, `../../../shared/y.ts`.
 */
function partOf(source: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)
  if (inPackage) {
    const name = inPackage[1]!
    return name.startsWith('@radix-ui/') ? '@radix-ui/* (every primitive)' : name
  }
  if (source.startsWith('(')) return source
  const renderer = /(?:^|\/)src\/([^/]+)\//.exec(source)
  if (renderer) return `src/renderer/src/${renderer[1]!}`
  if (/(?:^|\/)shared\//.test(source)) return 'src/shared'
  if (/(?:^|\/)src\/[^/]+$/.test(source)) return 'src/renderer/src (top level)'
  return `other (${source.replace(/^(\.\.\/)+/, '')})`
}

function parts(chunks: Built[]): [string, number][] {
  const totals = new Map<string, number>()
  for (const chunk of chunks) {
    for (const [source, n] of charactersBySource(chunk)) {
      const part = partOf(source)
      totals.set(part, (totals.get(part) ?? 0) + n)
    }
  }
  return [...totals].sort(([, a], [, b]) => b - a)
}

const REACT_FLOOR_HTML = `<!doctype html><html><body><div id="root"></div>
<script type="module" src="./main.js"></script></body></html>`
const REACT_FLOOR_MAIN = `import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
createRoot(document.getElementById('root')).render(createElement('p', null, 'Safehold'))`

/** The smallest React 19 window, built like the renderer; inside the project so React resolves. */
async function reactFloor(root: string): Promise<number> {
  const dir = join(root, 'bench', 'results', '.react-floor')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'index.html'), REACT_FLOOR_HTML)
  writeFileSync(join(dir, 'main.js'), REACT_FLOOR_MAIN)
  try {
    const chunks = await buildInMemory(dir, false)
    return chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.code), 0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function benchBundle(root: string): Promise<Outcome | Skipped> {
  const out = join(root, 'out', 'renderer')
  let built: ReturnType<typeof shipped>
  try {
    built = shipped(out)
  } catch {
    return { skipped: `${out} holds no built renderer (npm run build)` }
  }
  const chunks = await buildInMemory(join(root, 'src', 'renderer'), true)
  const all = parts(chunks)
  const total = all.reduce((sum, [, n]) => sum + n, 0)
  const floor = await reactFloor(root)
  const rows = all
    .slice(0, TOP_PARTS)
    .map(([part, n]) => [part, `${round1(kb(n))} KB`, `${((n / total) * 100).toFixed(0)}%`])
  return {
    row: {
      id: 'renderer-bundle',
      label: 'renderer JavaScript as built (out/renderer)',
      unit: 'KB',
      value: summarize([kb(built.bytes)]),
      baseline: summarize([kb(floor)]),
      baselineLabel: 'react + react-dom alone, minified',
      target: { requires: { text: 'minified', met: built.minified } },
    },
    details: [
      `renderer bundle: ${round1(kb(built.bytes))} KB, ${round1(kb(built.gzip))} KB gzipped, ${built.minified ? 'minified' : 'NOT minified'}; react + react-dom alone: ${round1(kb(floor))} KB`,
      `its biggest parts (minified bytes counted by source map, a build like npm run build's):\n${table(['part', 'size', 'share'], rows)}`,
    ],
    extra: {
      bytes: built.bytes,
      gzipBytes: built.gzip,
      minified: built.minified,
      reactFloorBytes: floor,
      parts: Object.fromEntries(all.map(([part, n]) => [part, n])),
    },
  }
}
