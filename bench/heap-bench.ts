/**
 * §8 "main-process heap with 10,000 secrets ≤ 100 MB". Each figure comes from a fresh process
 * (this same bundle, `--heap vault|plain`), so nothing the other benchmarks left behind counts:
 * heapUsed after opening the vault and a full GC, beside heapUsed after JSON.parse of the same
 * state as plain JSON, the least that holding it in memory can cost.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { memoryKeychain, osKeychain } from '../src/main/keychain/keychain'
import { openVault } from '../src/main/vault/vault-access'
import { mb, type Outcome } from './bench-report'
import { collectGarbage, gcAvailable, summarize } from './measure'

export interface HeapReading {
  /** heapUsed before loading anything, after GC (bytes). */
  before: number
  heapUsed: number
  rss: number
  external: number
  gc: boolean
}

/**
 * Loads in its own frame: a temporary held in a still-running frame (the 14 MB JSON text) would
 * survive the GC and count as heap.
 */
async function load(kind: string, target: string, keychain: string): Promise<unknown> {
  if (kind === 'plain') return JSON.parse(readFileSync(target, 'utf8')) as unknown
  return openVault(target, {
    keychain: keychain === 'os' ? osKeychain() : memoryKeychain(),
    passphrase: process.env['SAFEHOLD_PASSPHRASE'] || null,
  })
}

/** The child side: load one thing, GC, print the reading as JSON on stdout. */
export async function heapChild(kind: string, target: string, keychain: string): Promise<void> {
  collectGarbage()
  const before = process.memoryUsage().heapUsed
  const held = await load(kind, target, keychain)
  collectGarbage()
  collectGarbage()
  const usage = process.memoryUsage()
  const reading: HeapReading = {
    before,
    heapUsed: usage.heapUsed,
    rss: usage.rss,
    external: usage.external,
    gc: gcAvailable(),
  }
  process.stdout.write(JSON.stringify(reading))
  if (held === null) process.stderr.write('nothing was loaded\n')
}

export function benchHeap(options: {
  bundlePath: string
  vaultDir: string
  plainPath: string
  keychain: string
  env: NodeJS.ProcessEnv
}): Outcome {
  const read = (kind: string, target: string): HeapReading => {
    const run = spawnSync(
      process.execPath,
      ['--expose-gc', options.bundlePath, '--heap', kind, target, '--keychain', options.keychain],
      { env: options.env, encoding: 'utf8' },
    )
    if (run.status !== 0) throw new Error(`heap measurement (${kind}) failed: ${run.stderr.trim()}`)
    return JSON.parse(run.stdout) as HeapReading
  }
  const vault: HeapReading[] = []
  const plain: HeapReading[] = []
  for (let i = 0; i < 3; i++) {
    vault.push(read('vault', options.vaultDir))
    plain.push(read('plain', options.plainPath))
  }
  return {
    row: {
      id: 'heap',
      label: 'main-process heap, 10k vault open',
      unit: 'MB',
      value: summarize(vault.map((r) => mb(r.heapUsed))),
      baseline: summarize(plain.map((r) => mb(r.heapUsed))),
      baselineLabel: 'JSON.parse of the plain state',
      target: { maxValue: 100 },
    },
    details: [
      `heap: ${mb(vault[0]!.before)} MB before opening; rss with the vault open ${mb(vault[0]!.rss)} MB, Buffers outside the heap ${mb(vault[0]!.external)} MB`,
    ],
    extra: { readings: { vault, plain } },
  }
}
