// `npm test`: every test tier this machine can run (DESIGN §7), then, as the very last line,
// `N passed, N failed[, N skipped]` summed over vitest and Playwright.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { createInterface } from 'node:readline'
import { onPath, privateKeyringSession } from './keyring-session.mjs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = {
  electronVite: join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
  vitest: join(root, 'node_modules', 'vitest', 'vitest.mjs'),
  playwright: join(root, 'node_modules', '@playwright', 'test', 'cli.js'),
}
const VITEST_REPORT = join(root, '.vitest-report.json')
const PLAYWRIGHT_REPORT = join(root, '.playwright-report.json')
const CHROMIUM = process.env.SAFEHOLD_CHROMIUM ?? '/usr/bin/chromium'

// Rollback marks (DESIGN §4) of the throwaway test vaults: a fresh folder per run, never the
// user's own state folder. Every runner, harness and CLI process inherits it.
const STATE_DIR = mkdtempSync(join(tmpdir(), 'safehold-test-state-'))
process.env.SAFEHOLD_STATE_DIR = STATE_DIR
process.on('exit', () => rmSync(STATE_DIR, { recursive: true, force: true }))

const totals = { passed: 0, failed: 0, skipped: 0 }
const summary = []
/** Each failed test, one line: printed just above the summary so a log's tail names them. */
const failures = []

/** A failure's first line, short and on one line, for the list above the summary. */
function firstLine(text) {
  const line = `${text ?? ''}`
    // Colour codes: ESC [ … m.
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .map((part) => part.trim())
    .find((part) => part !== '')
  return (line ?? 'no message').slice(0, 160)
}

function heading(text) {
  console.log(`\n── ${text} ${'─'.repeat(Math.max(3, 72 - text.length))}`)
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`
}

// dbus-daemon chatter from the private session: it cannot raise its fd limit in a container, and it
// logs every service it activates (Chromium asks for the accessibility bus).
const NOISE =
  /^dbus-daemon\[\d+\]: .*(Failed to set fd limit|Activating service|Successfully activated service)/

/** Runs a command with live output; resolves to its exit code (a signal counts as a failure). */
function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'pipe'] })
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (!NOISE.test(line)) process.stderr.write(`${line}\n`)
    })
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`)
      resolve(127)
    })
    child.on('close', (code, signal) => resolve(signal ? `killed by ${signal}` : code))
  })
}

// ── the private keychain ──────────────────────────────────────────────────────────────────────
// Keychain tests run against a throwaway gnome-keyring on a private D-Bus session, with every XDG
// folder in a fresh temp dir, so the user's real keyring is never read, unlocked or written.

const PROBE = `
const { Entry } = require('@napi-rs/keyring')
const entry = new Entry('safehold-test-probe', 'preflight-' + process.pid, { linux: { store: 'secret-service' } })
entry.setPassword('probe')
if (entry.getPassword() !== 'probe') throw new Error('the keyring returned a different value')
entry.deletePassword()
`

/** null when the private keyring works, else why the keychain tier is skipped. */
function keychainUnavailableReason() {
  if (process.platform !== 'linux') {
    return `npm test only uses a private throwaway keyring (Linux gnome-keyring) and this is ${process.platform}; run vitest directly to test against this machine's keychain`
  }
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((tool) => !onPath(tool))
  if (missing.length > 0) {
    return `${missing.join(' and ')} not found (apt install dbus gnome-keyring)`
  }
  const session = privateKeyringSession('test')
  try {
    const [command, args] = session.wrap(process.execPath, ['-e', PROBE])
    const probe = spawnSync(command, args, {
      cwd: root,
      env: session.env,
      encoding: 'utf8',
      timeout: 30_000,
    })
    if (probe.status === 0) return null
    const detail =
      probe.error?.message ??
      `${probe.stderr}`
        .split('\n')
        .map((line) => line.trim())
        .find(
          (line) => line && !NOISE.test(line) && !line.startsWith('at ') && !/^\S+:\d+$/.test(line),
        )
    return `a private gnome-keyring could not be started or used (${detail ?? `exit ${probe.status}`})`
  } finally {
    session.cleanup()
  }
}

/** Runs a runner, inside a fresh private keyring session when the keychain tier is on. */
async function runRunner(command, args, { keychain, xvfb = false }) {
  let [cmd, argv] = [command, args]
  if (xvfb) [cmd, argv] = ['xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', cmd, ...argv]]
  if (!keychain) {
    return run(cmd, argv, {
      ...process.env,
      SAFEHOLD_TEST_KEYCHAIN: '0',
      SAFEHOLD_TEST_KEYCHAIN_REASON: keychainReason,
    })
  }
  const session = privateKeyringSession('test')
  try {
    const [wrapped, wrappedArgs] = session.wrap(cmd, argv)
    return await run(wrapped, wrappedArgs, { ...session.env, SAFEHOLD_TEST_KEYCHAIN: '1' })
  } finally {
    session.cleanup()
  }
}

function readReport(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

/** Adds a runner's counts to the totals; a crash or an unexplained non-zero exit is a failure. */
function record(name, counts, exit, reportName) {
  if (!counts) {
    totals.failed += 1
    summary.push(
      `${name}: crashed (exit ${exit}) without writing ${reportName}: counted as 1 failure`,
    )
    return
  }
  totals.passed += counts.passed
  totals.skipped += counts.skipped
  totals.failed += counts.failed
  let line = `${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`
  if (exit !== 0 && counts.failed === 0) {
    totals.failed += 1
    line += ` — but it exited with ${exit} (see its output above): counted as 1 failure`
  }
  summary.push(line)
}

function vitestCounts(report) {
  if (!report || !Array.isArray(report.testResults)) return null
  const counts = { passed: 0, failed: 0, skipped: 0 }
  for (const file of report.testResults) {
    const where = relative(root, file.name ?? '')
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'passed') counts.passed += 1
      else if (test.status === 'failed') {
        counts.failed += 1
        failures.push(`${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`)
      } else counts.skipped += 1
    }
    // A file that fails to load (syntax error, failing import, a hook that throws) has no failed
    // test of its own but is a failure all the same.
    const failedTests = (file.assertionResults ?? []).some((test) => test.status === 'failed')
    if (file.status === 'failed' && !failedTests) {
      counts.failed += 1
      failures.push(`${where}: did not run (${firstLine(file.message)})`)
    }
  }
  return counts
}

/** Every test of a Playwright report whose outcome was unexpected, with its first error line. */
function playwrightFailures(suite, titles = []) {
  const path = suite.title ? [...titles, suite.title] : titles
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'unexpected') continue
      const error = test.results?.find((result) => result.error)?.error
      failures.push(`${[...path, spec.title].join(' › ')}: ${firstLine(error?.message)}`)
    }
  }
  for (const child of suite.suites ?? []) playwrightFailures(child, path)
}

function playwrightCounts(report) {
  if (!report?.stats) return null
  for (const suite of report.suites ?? []) playwrightFailures(suite)
  for (const error of report.errors ?? []) failures.push(`playwright: ${firstLine(error.message)}`)
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats
  // Errors outside any test (a broken config, a spec that fails to load) are failures too.
  const errors = Array.isArray(report.errors) ? report.errors.length : 0
  return { passed: expected + flaky, failed: unexpected + errors, skipped }
}

// ── 1. build ─────────────────────────────────────────────────────────────────────────────────
heading('build (electron-vite)')
const started = Date.now()
const build = spawnSync(process.execPath, [bin.electronVite, 'build'], {
  cwd: root,
  encoding: 'utf8',
})
const built = build.status === 0
if (built) {
  console.log(`built out/main, out/preload and out/renderer in ${seconds(started)}`)
} else {
  process.stdout.write(build.stdout ?? '')
  process.stderr.write(build.stderr ?? '')
  totals.failed += 1
  summary.push(`build: failed (exit ${build.status ?? build.signal}): counted as 1 failure`)
}

// ── 2. the OS keychain tier ──────────────────────────────────────────────────────────────────
const keychainReason = keychainUnavailableReason()
const keychain = keychainReason === null
if (keychain)
  console.log('\nkeychain tier: on (a private gnome-keyring on a private D-Bus session)')
else console.log(`\nkeychain tier: skipped — ${keychainReason}`)

// ── 3. vitest: every project ──────────────────────────────────────────────────────────────────
heading('vitest (unit, integration, security, shell)')
rmSync(VITEST_REPORT, { force: true })
const vitestExit = await runRunner(
  process.execPath,
  [bin.vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile=${VITEST_REPORT}`],
  { keychain },
)
record('vitest', vitestCounts(readReport(VITEST_REPORT)), vitestExit, '.vitest-report.json')

// ── 4. Playwright: e2e (Chromium) + electron ──────────────────────────────────────────────────
heading('playwright (e2e, electron)')
if (!built) {
  console.log('playwright: skipped — the build failed, and these tests need out/')
  summary.push('playwright: skipped (the build failed)')
} else {
  const playwrightArgs = [bin.playwright, 'test']
  if (!existsSync(CHROMIUM)) {
    console.log(`e2e: skipped — ${CHROMIUM} not found (apt install chromium)`)
    playwrightArgs.push('--project', 'electron')
  }
  const xvfb = !process.env.DISPLAY && onPath('xvfb-run')
  rmSync(PLAYWRIGHT_REPORT, { force: true })
  const playwrightExit = await runRunner(process.execPath, playwrightArgs, { keychain, xvfb })
  record(
    'playwright',
    playwrightCounts(readReport(PLAYWRIGHT_REPORT)),
    playwrightExit,
    '.playwright-report.json',
  )
}

// ── summary: the last line is the contract (.ci/run ends with it) ────────────────────────────
if (failures.length > 0) {
  heading(`failed tests (${failures.length})`)
  for (const line of failures) console.log(line)
}
heading('summary')
for (const line of summary) console.log(line)
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`)
process.exit(totals.failed > 0 ? 1 : 0)
