// `npm run bench`: the performance targets of DESIGN.md §8, each beside a baseline measured in the
// same run. Builds out/ if it is missing or older than src/, bundles bench/ with Vite (the
// bundler electron-vite uses) into one CommonJS file, and runs it in a plain `node --expose-gc`
// — inside a private, throwaway gnome-keyring session when this machine can start one, so the
// vault key comes from the real OS keychain; otherwise with a memory keychain and a printed note.
// `npm run bench -- --no-keychain` forces that fallback; `npm run bench -- --runs 3` repeats the
// whole measurement and ends with a table of the medians across runs; `--only lifecycle` runs
// only the benchmarks whose name starts so (e.g. while working on one of them).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { onPath, privateKeyringSession } from './keyring-session.mjs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const BUILD_DIR = join(root, 'bench', 'results', '.build')
const RESULTS_DIR = join(root, 'bench', 'results')
const RESULTS = join(RESULTS_DIR, 'latest.json')
const CLI = join(root, 'out', 'main', 'cli.js')
const ELECTRON_VITE = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
const forceFallback = process.argv.includes('--no-keychain')
const runsArg = process.argv.find(
  (arg, i, all) => all[i - 1] === '--runs' || arg.startsWith('--runs='),
)
const runs = Math.max(1, Number(runsArg?.replace('--runs=', '') ?? 1) || 1)
const onlyArg = process.argv.find(
  (arg, i, all) => all[i - 1] === '--only' || arg.startsWith('--only='),
)

// dbus-daemon chatter from the private session (it cannot raise its fd limit in a container).
const NOISE =
  /^dbus-daemon\[\d+\]: .*(Failed to set fd limit|Activating service|Successfully activated service)/

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), 0)
}

// ── 1. the build the CLI benchmark spawns ────────────────────────────────────────────────────
const sources = ['src', 'electron.vite.config.ts', 'package.json'].map((p) => join(root, p))
const stale = !existsSync(CLI) || Math.max(...sources.map(newestMtime)) > statSync(CLI).mtimeMs
if (stale) {
  process.stderr.write(
    '… building (electron-vite build): out/main/cli.js is missing or older than src/\n',
  )
  const build = spawnSync(process.execPath, [ELECTRON_VITE, 'build'], {
    cwd: root,
    encoding: 'utf8',
  })
  if (build.status !== 0) {
    process.stdout.write(build.stdout ?? '')
    process.stderr.write(build.stderr ?? '')
    console.error('bench: the build failed, so there is nothing to measure')
    process.exit(1)
  }
}

// ── 2. bench/ as one plain-node bundle ───────────────────────────────────────────────────────
// Not vitest: the heap target is about a plain Node process, which a vitest worker (its module
// runner and graph live in the same heap) is not; and benchmarks measure and print, they are not
// tests. Vite is a direct devDependency and bundles the vault code the way the real build does.
process.stderr.write('… bundling bench/\n')
const { build } = await import('vite')
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: BUILD_DIR,
    emptyOutDir: true,
    minify: false,
    rolldownOptions: {
      input: {
        'run-bench': join(root, 'bench', 'run-bench.ts'),
        'cli-trace': join(root, 'bench', 'cli-trace.ts'),
      },
      output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
    },
  },
})

// ── 3. the private keychain ──────────────────────────────────────────────────────────────────
// As in scripts/test.mjs: a throwaway gnome-keyring on a private D-Bus session, every XDG folder
// in a fresh temp dir, so the user's own keyring is never read, unlocked or written.

const PROBE = `
const { Entry } = require('@napi-rs/keyring')
const entry = new Entry('safehold-bench-probe', 'probe-' + process.pid, { linux: { store: 'secret-service' } })
entry.setPassword('probe')
if (entry.getPassword() !== 'probe') throw new Error('the keyring returned a different value')
entry.deletePassword()
`

/** null when a private keyring works here, else why the bench falls back. */
function keyringUnavailable() {
  if (forceFallback) return '--no-keychain was given'
  if (process.platform !== 'linux') {
    return `the private throwaway keyring is Linux-only and this is ${process.platform}`
  }
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((tool) => !onPath(tool))
  if (missing.length > 0)
    return `${missing.join(' and ')} not found (apt install dbus gnome-keyring)`
  const session = privateKeyringSession('bench')
  try {
    const [command, args] = session.wrap(process.execPath, ['-e', PROBE])
    const probe = spawnSync(command, args, {
      cwd: root,
      env: session.env,
      encoding: 'utf8',
      timeout: 30_000,
    })
    if (probe.status === 0) return null
    const detail = `${probe.stderr ?? ''}`
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line && !NOISE.test(line) && !line.startsWith('at '))
    return `a private gnome-keyring could not be started or used (${detail ?? `exit ${probe.status}`})`
  } finally {
    session.cleanup()
  }
}

// ── 4. run ───────────────────────────────────────────────────────────────────────────────────
/** Runs the bundle once, inside a fresh private keyring session when there is one. */
function runBench(benchArgs) {
  const session = reason === null ? privateKeyringSession('bench') : null
  const [command, args] = session
    ? session.wrap(process.execPath, benchArgs)
    : [process.execPath, benchArgs]
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: session ? session.env : process.env,
      stdio: ['ignore', 'inherit', 'pipe'],
    })
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (!NOISE.test(line)) process.stderr.write(`${line}\n`)
    })
    child.on('close', (code, signal) => {
      session?.cleanup()
      resolve(signal ? 1 : (code ?? 1))
    })
  })
}

const reason = keyringUnavailable()
const bundle = join(BUILD_DIR, 'run-bench.cjs')
const common = ['--cli', CLI, '--trace', join(BUILD_DIR, 'cli-trace.cjs')]
common.push('--keychain', reason === null ? 'os' : 'memory')
if (onlyArg !== undefined) common.push('--only', onlyArg.replace('--only=', ''))
if (reason !== null) {
  const note = `no OS keychain (${reason}): in-process figures use a memory keychain, safehold get a passphrase vault`
  console.log(`note: ${note}`)
  common.push('--keychain-note', note)
}

const files =
  runs === 1
    ? [RESULTS]
    : Array.from({ length: runs }, (_, i) => join(RESULTS_DIR, `run-${i + 1}.json`))
let failed = false
for (const [i, file] of files.entries()) {
  if (runs > 1) console.log(`\n══ run ${i + 1} of ${runs} ══`)
  failed = (await runBench(['--expose-gc', bundle, ...common, '--results', file])) !== 0 || failed
}
if (runs > 1) {
  const summary = spawnSync(
    process.execPath,
    [bundle, '--summarize', '--results', RESULTS, ...files],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  failed = summary.status !== 0 || failed
}
process.exit(failed ? 1 : 0)
