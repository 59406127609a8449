/**
 * §8 "`safehold get NAME` as a whole process ≤ 2× `node -e 0`": both spawned the same way, in
 * the same run, interleaved. Then a few traced runs (cli-trace.ts preloaded) say where the time
 * goes: Node start-up, module loading, keychain, decrypt, JSON.parse, fsync, the CLI's own code.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatBreakdown, round2All, type Outcome } from './bench-report'
import type { CliTrace, Cost } from './cli-trace'
import { nowMs, paired, round2, summarize } from './measure'
import { TARGET_NAME } from './sample-secrets'

export interface CliGetSetup {
  cliPath: string
  tracePath: string
  vaultDir: string
  expectedValue: string
  env: NodeJS.ProcessEnv
  keyLabel: string
  caveat?: string
}

function spawnTimed(
  args: string[],
  env: NodeJS.ProcessEnv,
): { ms: number; run: SpawnSyncReturns<string> } {
  const start = nowMs()
  const run = spawnSync(process.execPath, args, { env, encoding: 'utf8' })
  return { ms: nowMs() - start, run }
}

const getArgs = (setup: CliGetSetup): string[] => [
  setup.cliPath,
  '--vault',
  setup.vaultDir,
  'get',
  TARGET_NAME,
  '--as',
  'bench',
]

export async function benchCliGet(setup: CliGetSetup): Promise<Outcome> {
  const check = (run: SpawnSyncReturns<string>): void => {
    if (run.status !== 0 || run.stdout.trim() !== setup.expectedValue) {
      throw new Error(
        `safehold get failed (exit ${run.status ?? run.signal}): ${run.stderr.trim() || 'wrong value printed'}`,
      )
    }
  }
  const { subject, baseline } = await paired(
    15,
    2,
    () => {
      const { ms, run } = spawnTimed(getArgs(setup), setup.env)
      check(run)
      return ms
    },
    () => spawnTimed(['-e', '0'], setup.env).ms,
  )
  const trace = traceGet(setup)
  const faultCost = pageFaultCost(setup.env)
  const extraFaults = trace.totalFaults - faultCost.nodeFaults
  return {
    row: {
      id: 'cli-get',
      label: `safehold get NAME, whole process (${setup.keyLabel})`,
      unit: 'ms',
      value: subject,
      baseline,
      baselineLabel: 'node -e 0',
      target: { maxRatio: 2 },
      ...(setup.caveat === undefined ? {} : { caveat: setup.caveat }),
    },
    details: [
      formatBreakdown(
        `where safehold get's time goes: medians of 7 runs traced by bench/cli-trace.ts (their wall time ${trace.wallMs.toFixed(1)} ms; untraced ${subject.median.toFixed(1)} ms)`,
        trace.ms,
        undefined,
        trace.faults,
      ),
      `page faults: safehold get ${Math.round(trace.totalFaults)}, node -e 0 ${Math.round(faultCost.nodeFaults)}; a first touch of fresh memory costs ${faultCost.usPerFault.toFixed(1)} µs per 4 KiB page on this machine (${((faultCost.usPerFault * 256) / 1000).toFixed(1)} ms per MB), so get's ${Math.round(extraFaults)} extra faults cost ≈ ${((extraFaults * faultCost.usPerFault) / 1000).toFixed(0)} ms`,
    ],
    extra: {
      tracedWallMs: round2(trace.wallMs),
      ms: round2All(trace.ms),
      pageFaults: trace.faults,
      totalPageFaults: trace.totalFaults,
      nodeEmptyPageFaults: faultCost.nodeFaults,
      usPerPageFault: round2(faultCost.usPerFault),
    },
  }
}

/** Medians over traced runs of each phase; "exit + spawn" is the wall time the trace cannot see. */
function traceGet(setup: CliGetSetup): GetTrace {
  const dir = mkdtempSync(join(tmpdir(), 'safehold-trace-'))
  const runs: (CliTrace & { wallMs: number })[] = []
  try {
    for (let i = 0; i < 7; i++) {
      const out = join(dir, `trace-${i}.json`)
      const { ms, run } = spawnTimed(['-r', setup.tracePath, ...getArgs(setup)], {
        ...setup.env,
        SAFEHOLD_BENCH_TRACE_OUT: out,
      })
      if (run.status !== 0) throw new Error(`traced safehold get failed: ${run.stderr.trim()}`)
      runs.push({ ...(JSON.parse(readFileSync(out, 'utf8')) as CliTrace), wallMs: ms })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const median = (pick: (r: CliTrace & { wallMs: number }) => number): number =>
    summarize(runs.map(pick)).median
  const ms: Record<string, number> = {}
  const faults: Record<string, number> = {}
  const part = (name: string, pick: (r: CliTrace & { wallMs: number }) => Cost): void => {
    ms[name] = median((r) => pick(r).ms)
    faults[name] = median((r) => pick(r).faults)
  }
  const none: Cost = { ms: 0, faults: 0 }
  part('Node start-up (until user code)', (r) => r.bootstrap)
  for (const name of new Set(runs.flatMap((r) => Object.keys(r.phases)))) {
    part(name, (r) => r.phases[name] ?? none)
  }
  part("the CLI's own JS (commander parse, lookup, transact, GC, …)", (r) => {
    const phases = Object.values(r.phases)
    const sum = (pick: (c: Cost) => number): number => phases.reduce((a, c) => a + pick(c), 0)
    return {
      ms: r.total.ms - r.bootstrap.ms - sum((c) => c.ms),
      faults: r.total.faults - r.bootstrap.faults - sum((c) => c.faults),
    }
  })
  part('process exit + spawn (outside the trace)', (r) => ({
    ms: r.wallMs - r.total.ms,
    faults: 0,
  }))
  return {
    ms,
    faults,
    totalFaults: median((r) => r.total.faults),
    wallMs: median((r) => r.wallMs),
  }
}

interface GetTrace {
  ms: Record<string, number>
  faults: Record<string, number>
  totalFaults: number
  /** Median wall time of the traced runs. */
  wallMs: number
}

/**
 * What a first touch of fresh memory costs on this machine, and how many pages `node -e 0`
 * touches: a fresh process pays for every page it touches, so a command that decrypts and parses
 * the whole vault pays for its memory as well as for its work.
 */
function pageFaultCost(env: NodeJS.ProcessEnv): { usPerFault: number; nodeFaults: number } {
  const touch = `
    const before = process.resourceUsage().minorPageFault
    const start = process.hrtime.bigint()
    Buffer.allocUnsafeSlow(64 * 1024 * 1024).fill(1)
    const us = Number(process.hrtime.bigint() - start) / 1e3
    process.stdout.write(String(us / (process.resourceUsage().minorPageFault - before)))`
  const costs: number[] = []
  const nodeFaults: number[] = []
  for (let i = 0; i < 3; i++) {
    costs.push(Number(spawnSync(process.execPath, ['-e', touch], { env, encoding: 'utf8' }).stdout))
    const empty = 'process.stdout.write(String(process.resourceUsage().minorPageFault))'
    nodeFaults.push(
      Number(spawnSync(process.execPath, ['-e', empty], { env, encoding: 'utf8' }).stdout),
    )
  }
  return { usPerFault: summarize(costs).median, nodeFaults: summarize(nodeFaults).median }
}
