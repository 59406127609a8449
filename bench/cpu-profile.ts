/**
 * Where a benchmark's time goes, by sampling it with V8's profiler in this process: self time per
 * function, named by the src file it was bundled from (the bundle keeps `// src/…` markers). On a
 * noisy machine this is steadier than timing parts one by one, because every share comes from the
 * same runs. V8 builtins (JSON.parse, Date.parse) have no frame of their own: their time is the
 * self time of the JS function that calls them.
 */
import { readFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

/** Bundle line (0-based) → the src file it came from. */
function regionsOf(bundlePath: string): (line: number) => string | undefined {
  const starts: { line: number; file: string }[] = []
  readFileSync(bundlePath, 'utf8')
    .split('\n')
    .forEach((text, line) => {
      const match = /^\/\/ ((?:src|bench)\/\S+\.ts)$/.exec(text)
      if (match) starts.push({ line, file: match[1]!.replace(/^.*\//, '') })
    })
  return (line) => {
    let found: string | undefined
    for (const start of starts) {
      if (start.line > line) break
      found = start.file
    }
    return found
  }
}

/** Native frames by what they do here. */
const NATIVE: Record<string, string> = {
  update: 'AES-GCM (cipher update, native)',
  PasswordTask: 'keychain (@napi-rs/keyring, native)',
  fdatasync: 'fdatasync (native)',
  fsync: 'fsync (native)',
  read: 'file read (native)',
  readFileUtf8: 'file read (native)',
  utf8Slice: 'utf8 decode (native)',
}
/** Node's own JS frames by what they do here. */
const NODE: Record<string, string> = {
  'slice node:buffer': 'utf8 decode (Buffer.toString)',
  'toString node:buffer': 'utf8 decode (Buffer.toString)',
  'readFileSync node:fs': 'file read (readFileSync)',
}
/** The inspector's own message pump: the profiler measuring itself. */
const PROFILER_FRAMES = new Set(['dispatch'])

function labelOf(
  frame: CallFrame,
  bundlePath: string,
  region: (line: number) => string | undefined,
): string {
  const name = frame.functionName || '(anonymous)'
  if (frame.url === '') return name.startsWith('(') ? name : (NATIVE[name] ?? `${name} (native)`)
  if (frame.url.endsWith(bundlePath) || frame.url === `file://${bundlePath}`) {
    return `${name} — ${region(frame.lineNumber) ?? 'bench'}`
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url)
  if (pkg) return `${pkg[1]} (library)`
  if (frame.url.startsWith('node:')) {
    const url = frame.url.replace(/^node:internal\//, 'node:')
    return NODE[`${name} ${url}`] ?? `${name} (${url})`
  }
  return name
}

/**
 * Runs `work` `iterations` times under the profiler; returns ms of self time per iteration for the
 * `top` hottest labels, the rest summed as "other".
 */
export async function hotspots(
  bundlePath: string,
  iterations: number,
  work: (i: number) => unknown,
  top = 8,
): Promise<Record<string, number>> {
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 200 })
    await session.post('Profiler.start')
    for (let i = 0; i < iterations; i++) await work(i)
    const { profile } = await session.post('Profiler.stop')
    const region = regionsOf(bundlePath)
    const labels = new Map(
      profile.nodes.map((node) => [node.id, labelOf(node.callFrame, bundlePath, region)]),
    )
    const selfUs = new Map<string, number>()
    profile.samples?.forEach((id, index) => {
      const label = labels.get(id) ?? '?'
      if (label === '(idle)' || PROFILER_FRAMES.has(label.replace(/ \(native\)$/, ''))) return
      selfUs.set(label, (selfUs.get(label) ?? 0) + (profile.timeDeltas?.[index] ?? 0))
    })
    const sorted = [...selfUs].sort(([, a], [, b]) => b - a)
    const parts: Record<string, number> = {}
    for (const [label, us] of sorted.slice(0, top)) parts[label] = us / 1000 / iterations
    const other = sorted.slice(top).reduce((sum, [, us]) => sum + us, 0)
    if (other > 0) parts['other'] = other / 1000 / iterations
    return parts
  } finally {
    session.disconnect()
  }
}
