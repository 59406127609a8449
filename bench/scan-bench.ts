/**
 * §8 "leak scan: ≥ 50% of `grep -F -f` throughput over the same files and values": `safehold scan
 * DIR` and `grep -rFn -f VALUES DIR` as whole processes over the same generated files, in the same
 * run, interleaved. Half the throughput is twice the time, so the row is the time, its target
 * 2× grep's. The breakdown separates the scan's fixed cost (start-up, opening the vault: measured
 * as `safehold scan` of an empty folder) from reading the files through the matcher.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { scanValues } from '../src/main/usage/folder-scan'
import type { VaultState } from '../src/main/vault/vault-state'
import { formatBreakdown, type Outcome, type Skipped } from './bench-report'
import { nowMs, paired, round2, summarize } from './measure'

export interface ScanSetup {
  cliPath: string
  vaultDir: string
  env: NodeJS.ProcessEnv
  state: VaultState
  work: string
}

const FILES = 32
const FILE_BYTES = 2 * 1024 * 1024
/** Planted values: one in the first file, one in the middle, one in the last. */
const PLANTED = [0, FILES / 2, FILES - 1]

/** Text lines of letters and digits, the same every run (a linear congruential generator). */
function corpusFile(seed: number, planted: string | null): Buffer {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 =_-.:/'
  let x = seed * 2654435761 + 1
  const bytes = Buffer.alloc(FILE_BYTES)
  for (let i = 0; i < FILE_BYTES; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    bytes[i] = i % 81 === 80 ? 10 : alphabet.charCodeAt((x >>> 16) % alphabet.length)
  }
  if (planted === null) return bytes
  const line = Buffer.from(`\nTOKEN=${planted}\n`)
  line.copy(bytes, FILE_BYTES / 2)
  return bytes
}

function timed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ok: (out: string) => boolean,
): number {
  const start = nowMs()
  const run = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const ms = nowMs() - start
  if (!ok(run.stdout ?? '')) {
    throw new Error(`${command} did not find the planted values (exit ${run.status ?? run.signal})`)
  }
  return ms
}

export async function benchScan(setup: ScanSetup): Promise<Outcome | Skipped> {
  if (spawnSync('grep', ['--version']).status !== 0) return { skipped: 'grep is not installed' }
  if (scanValues(setup.state).length === 0) return { skipped: 'the bench vault holds no values' }
  // grep -f reads one pattern per line: values with line breaks (PEM keys) are left out of both.
  const values = scanValues(setup.state).filter(
    (v) => Buffer.byteLength(v.value) >= 6 && !/[\r\n]/.test(v.value),
  )
  const dir = join(setup.work, 'scan-corpus')
  const empty = join(setup.work, 'scan-empty')
  mkdirSync(dir, { recursive: true })
  mkdirSync(empty, { recursive: true })
  for (let i = 0; i < FILES; i++) {
    const at = PLANTED.indexOf(i)
    writeFileSync(
      join(dir, `file-${i}.txt`),
      corpusFile(i + 1, at === -1 ? null : values[(at * 97) % values.length]!.value),
    )
  }
  const patterns = join(setup.work, 'scan-values.txt')
  writeFileSync(patterns, values.map((v) => v.value).join('\n') + '\n')
  const megabytes = (FILES * FILE_BYTES) / (1024 * 1024)
  const scanArgs = (target: string): string[] => [
    setup.cliPath,
    '--vault',
    setup.vaultDir,
    'scan',
    target,
    '--json',
  ]
  const found = (out: string): boolean => (JSON.parse(out) as unknown[]).length >= PLANTED.length
  const grepFound = (out: string): boolean =>
    out.split('\n').filter(Boolean).length >= PLANTED.length
  const { subject, baseline } = await paired(
    5,
    1,
    () => timed(process.execPath, scanArgs(dir), setup.env, found),
    () => timed('grep', ['-rFn', '-f', patterns, dir], setup.env, grepFound),
  )
  const fixed = summarize(
    Array.from({ length: 3 }, () =>
      timed(process.execPath, scanArgs(empty), setup.env, () => true),
    ),
  )
  const rate = (ms: number): string => `${round2(megabytes / (ms / 1000))} MB/s`
  return {
    row: {
      id: 'scan',
      label: `leak scan of ${megabytes} MB for ${values.length} values, whole process`,
      unit: 'ms',
      value: subject,
      baseline,
      baselineLabel: 'grep -rFn -f VALUES (same files)',
      target: { maxRatio: 2 },
    },
    details: [
      `leak scan throughput: safehold scan ${rate(subject.median)}, grep -F -f ${rate(baseline.median)} (${FILES} files of ${FILE_BYTES / (1024 * 1024)} MB, ${values.length} single-line values, ${PLANTED.length} planted)`,
      formatBreakdown(`where safehold scan's time goes: medians, whole process`, {
        'start-up and opening the vault (scan of an empty folder)': fixed.median,
        'reading the files through the matcher': Math.max(0, subject.median - fixed.median),
      }),
    ],
    extra: {
      megabytes,
      values: values.length,
      scanMBs: megabytes / (subject.median / 1000),
      grepMBs: megabytes / (baseline.median / 1000),
    },
  }
}
