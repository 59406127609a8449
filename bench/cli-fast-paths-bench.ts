/**
 * §8's whole-process targets: `safehold get NAME` and `safehold run … -- true` ≤ 1.3× `node -e 0`,
 * `safehold list --json` at 10,000 secrets ≤ 3×; beside them, the same entry fetched by
 * `pass show` and `keepassxc-cli show` from stores holding the same entries (peer-stores.ts). All
 * spawned the same way, in the same run, interleaved. Then traced runs of `get` and `run`
 * (cli-trace.ts preloaded) say where the time goes: Node start-up, module loading, keychain,
 * decrypt, JSON.parse, fsync, the CLI's own code.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatBreakdown, round2All, type Outcome, type Row } from './bench-report'
import type { CliTrace, Cost } from './cli-trace'
import { interleaved, nowMs, round2, summarize, type Samples } from './measure'
import { buildKeepassStore, buildPassStore, type PeerEntry, type PeerStore } from './peer-stores'
import { TARGET_NAME } from './sample-secrets'

export interface CliSetup {
  cliPath: string
  tracePath: string
  vaultDir: string
  expectedValue: string
  env: NodeJS.ProcessEnv
  keyLabel: string
  caveat?: string
  /** The vault's entries (name and main value), for the peer stores; the target among them. */
  entries: PeerEntry[]
  targetIndex: number
  secretCount: number
  work: string
}

function spawnTimed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): { ms: number; run: SpawnSyncReturns<string> } {
  const start = nowMs()
  const run = spawnSync(command, args, {
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...(input === undefined ? {} : { input }),
  })
  return { ms: nowMs() - start, run }
}

const cli = (setup: CliSetup, ...args: string[]): string[] => [
  setup.cliPath,
  '--vault',
  setup.vaultDir,
  ...args,
]
const getArgs = (setup: CliSetup): string[] => cli(setup, 'get', TARGET_NAME, '--as', 'bench')
const runArgs = (setup: CliSetup): string[] =>
  cli(setup, 'run', '--as', 'bench', '--env', `BENCH_VALUE=${TARGET_NAME}`, '--', 'true')
const listArgs = (setup: CliSetup): string[] => cli(setup, 'list', '--json')

function failed(what: string, run: SpawnSyncReturns<string>, why: string): Error {
  return new Error(`${what} failed (exit ${run.status ?? run.signal}): ${run.stderr.trim() || why}`)
}

/** Runs one command as a timed series, checking each run's output. */
function series(
  what: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ok: (run: SpawnSyncReturns<string>) => boolean,
  input?: string,
): () => number {
  return () => {
    const { ms, run } = spawnTimed(command, args, env, input)
    if (run.status !== 0 || !ok(run)) throw failed(what, run, 'unexpected output')
    return ms
  }
}

export async function benchCliFastPaths(setup: CliSetup): Promise<Outcome[]> {
  const peers: PeerStore[] = []
  const peerNotes: string[] = []
  for (const build of [buildPassStore, buildKeepassStore]) {
    const peer = build(setup.work, setup.entries, setup.targetIndex)
    if (typeof peer === 'string') peerNotes.push(`not compared: ${peer}`)
    else {
      peers.push(peer)
      peerNotes.push(peer.setup)
    }
  }
  try {
    return await measureAll(setup, peers, peerNotes)
  } finally {
    for (const peer of peers) peer.close()
  }
}

async function measureAll(
  setup: CliSetup,
  peers: PeerStore[],
  peerNotes: string[],
): Promise<Outcome[]> {
  const node = process.execPath
  const prints = (run: SpawnSyncReturns<string>): boolean =>
    run.stdout.trim() === setup.expectedValue
  const lists = (run: SpawnSyncReturns<string>): boolean =>
    (JSON.parse(run.stdout) as unknown[]).length === setup.secretCount
  const timed: Record<string, () => number> = {
    node: () => spawnTimed(node, ['-e', '0'], setup.env).ms,
    get: series('safehold get', node, getArgs(setup), setup.env, prints),
    run: series('safehold run', node, runArgs(setup), setup.env, () => true),
    list: series('safehold list --json', node, listArgs(setup), setup.env, lists),
    ...Object.fromEntries(
      peers.map((peer) => [
        peer.label,
        series(
          peer.label,
          peer.command,
          peer.args,
          peer.env,
          (run) => run.stdout.trim() === peer.expected,
          peer.input,
        ),
      ]),
    ),
  }
  const samples = await interleaved(15, 2, timed)
  const baseline = samples['node']!
  const row = (id: string, label: string, value: Samples, target: Row['target']): Row => ({
    id,
    label,
    unit: 'ms',
    value,
    baseline,
    baselineLabel: 'node -e 0',
    target,
    ...(setup.caveat === undefined || Object.keys(target).length === 0
      ? {}
      : { caveat: setup.caveat }),
  })
  const getTrace = traceCommand(setup, getArgs(setup))
  const runTrace = traceCommand(setup, runArgs(setup))
  const faultCost = pageFaultCost(setup.env)
  const faultLine = (what: string, trace: CommandTrace): string => {
    const extra = trace.totalFaults - faultCost.nodeFaults
    return `page faults: ${what} ${Math.round(trace.totalFaults)}, node -e 0 ${Math.round(faultCost.nodeFaults)}; a first touch of fresh memory costs ${faultCost.usPerFault.toFixed(1)} µs per 4 KiB page on this machine, so ${what}'s ${Math.round(extra)} extra faults cost ≈ ${((extra * faultCost.usPerFault) / 1000).toFixed(0)} ms`
  }
  const breakdown = (what: string, trace: CommandTrace, untraced: Samples): string[] => [
    formatBreakdown(
      `where ${what}'s time goes: medians of 7 runs traced by bench/cli-trace.ts (their wall time ${trace.wallMs.toFixed(1)} ms; untraced ${untraced.median.toFixed(1)} ms)`,
      trace.ms,
      undefined,
      trace.faults,
    ),
    faultLine(what, trace),
  ]
  const traceExtra = (trace: CommandTrace): Record<string, unknown> => ({
    tracedWallMs: round2(trace.wallMs),
    ms: round2All(trace.ms),
    pageFaults: trace.faults,
    totalPageFaults: trace.totalFaults,
    nodeEmptyPageFaults: faultCost.nodeFaults,
    usPerPageFault: round2(faultCost.usPerFault),
  })
  const key = setup.keyLabel
  return [
    {
      row: row('cli-get', `safehold get NAME, whole process (${key})`, samples['get']!, {
        maxRatio: 1.3,
      }),
      details: [
        ...breakdown('safehold get', getTrace, samples['get']!),
        ...(peers.length === 0 ? peerNotes : []),
      ],
      extra: traceExtra(getTrace),
    },
    {
      row: row('cli-run', `safehold run … -- true, whole process (${key})`, samples['run']!, {
        maxRatio: 1.3,
      }),
      details: breakdown('safehold run', runTrace, samples['run']!),
      extra: traceExtra(runTrace),
    },
    {
      row: row(
        'cli-list',
        `safehold list --json, ${setup.secretCount} secrets, whole process (${key})`,
        samples['list']!,
        { maxRatio: 3 },
      ),
      details: [],
      extra: {},
    },
    ...peers.map((peer, index) => ({
      row: row(`peer-${peer.command}`, `${peer.label}, same entry`, samples[peer.label]!, {}),
      details: index === 0 ? [`the same entries elsewhere: ${peerNotes.join('; ')}`] : [],
      extra: { setup: peer.setup },
    })),
  ]
}

/** Medians over traced runs of each phase; "exit + spawn" is the wall time the trace cannot see. */
function traceCommand(setup: CliSetup, args: string[]): CommandTrace {
  const dir = mkdtempSync(join(tmpdir(), 'safehold-trace-'))
  const runs: (CliTrace & { wallMs: number })[] = []
  try {
    for (let i = 0; i < 7; i++) {
      const out = join(dir, `trace-${i}.json`)
      const { ms, run } = spawnTimed(process.execPath, ['-r', setup.tracePath, ...args], {
        ...setup.env,
        SAFEHOLD_BENCH_TRACE_OUT: out,
      })
      if (run.status !== 0) throw failed('a traced run', run, 'no trace')
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

interface CommandTrace {
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
