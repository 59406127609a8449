/**
 * Starting the browser harness (DESIGN.md §6.2) as its own process, the way Playwright tests and
 * the harness tests use it: `node out/main/harness.js --port 0 --vault DIR [--no-vault]
 * [--pick-folder DIR] [--idle-lock-seconds N]`, whose first printed line is the page URL with its
 * token; the lines after it (reminders, clipboard events) can be waited for. Builds the app first
 * when the harness is not built yet.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

const ROOT = join(__dirname, '..', '..')
export const HARNESS_BUNDLE = join(ROOT, 'out', 'main', 'harness.js')
const RENDERER_INDEX = join(ROOT, 'out', 'renderer', 'index.html')
const START_TIMEOUT_MS = 60_000
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'

/**
 * The environment that runs a Node process `offset` away from the real clock ('+45d', '-14d'):
 * libfaketime preloaded, as `faketime -f OFFSET` does, but without faketime's own parent process
 * between us and Node, so a SIGTERM still reaches the harness. The monotonic clock stays real, so
 * Node's timers run at their normal pace.
 */
export function faketimeEnv(offset: string): Record<string, string> {
  if (!existsSync(LIBFAKETIME)) throw new Error(`faketime is not installed (${LIBFAKETIME})`)
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: offset, FAKETIME_DONT_FAKE_MONOTONIC: '1' }
}

export interface RunningHarness {
  /** `http://127.0.0.1:PORT/?token=…`: open this page. */
  url: string
  /** `http://127.0.0.1:PORT`: what the page's requests carry as Origin. */
  origin: string
  token: string
  child: ChildProcess
  /** Everything the harness wrote to stderr so far. */
  stderr(): string
  /** The lines the harness printed after its URL so far. */
  lines(): string[]
  /** Resolves once the harness has printed `line` `count` times in all (after its URL). */
  waitForLine(line: string, options?: { count?: number; timeoutMs?: number }): Promise<void>
  /** SIGTERM, then the exit code once it has exited. */
  stop(): Promise<number | null>
}

/** `npm run build` once, when the harness or the renderer it serves is missing. */
export function ensureHarnessBuilt(): void {
  if (existsSync(HARNESS_BUNDLE) && existsSync(RENDERER_INDEX)) return
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe' })
}

export function startHarness(options: {
  vaultDir: string
  /**
   * SAFEHOLD_PASSPHRASE for the harness: a new vault is wrapped by it, a passphrase vault opens with
   * it. Without it a new vault's key goes into the OS keychain, and a passphrase vault waits locked.
   */
  passphrase?: string
  port?: number
  env?: NodeJS.ProcessEnv
  /** SAFEHOLD_HARNESS_RECORD: the file every IPC answer is appended to, one JSON line each. */
  recordFile?: string
  /** A built harness.js to run as it is (the benchmarks' bundle cannot find out/ by itself). */
  bundle?: string
  /** Runs the harness this far from the real clock ('+45d'): see faketimeEnv. */
  faketime?: string
  /** --no-vault: an empty folder shows the first-run screen instead of getting a vault. */
  noVault?: boolean
  /** --pick-folder DIR: what the folder picker answers, to open or to scan (else it is cancelled). */
  pickFolder?: string
  /** --idle-lock-seconds N: an idle vault locks after N seconds instead of its minutes. */
  idleLockSeconds?: number
}): Promise<RunningHarness> {
  if (options.bundle === undefined) ensureHarnessBuilt()
  const bundle = options.bundle ?? HARNESS_BUNDLE
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    ...(options.faketime === undefined ? {} : faketimeEnv(options.faketime)),
  }
  delete env['SAFEHOLD_PASSPHRASE']
  if (options.passphrase !== undefined) env['SAFEHOLD_PASSPHRASE'] = options.passphrase
  delete env['SAFEHOLD_HARNESS_RECORD']
  if (options.recordFile !== undefined) env['SAFEHOLD_HARNESS_RECORD'] = options.recordFile
  const flags = [
    ...(options.noVault === true ? ['--no-vault'] : []),
    ...(options.pickFolder === undefined ? [] : ['--pick-folder', options.pickFolder]),
    ...(options.idleLockSeconds === undefined
      ? []
      : ['--idle-lock-seconds', String(options.idleLockSeconds)]),
  ]
  const child = spawn(
    process.execPath,
    [bundle, '--port', String(options.port ?? 0), '--vault', options.vaultDir, ...flags],
    // The project folder: out/main/harness.js → ../..
    { cwd: join(dirname(bundle), '..', '..'), env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  const lines = (): string[] => stdout.split('\n').slice(1, -1)
  const waitForLine = async (
    line: string,
    { count = 1, timeoutMs = 10_000 }: { count?: number; timeoutMs?: number } = {},
  ): Promise<void> => {
    const until = Date.now() + timeoutMs
    const seen = (): number => lines().filter((printed) => printed === line).length
    while (seen() < count) {
      if (Date.now() > until) {
        throw new Error(
          `the harness printed "${line}" ${seen()} of ${count} times: ${lines().join(' | ')}`,
        )
      }
      await new Promise((done) => setTimeout(done, 50))
    }
  }
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    return exited
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`the harness printed no URL within ${START_TIMEOUT_MS} ms: ${stderr}`))
    }, START_TIMEOUT_MS)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the harness exited (${code}) before printing its URL: ${stderr.trim()}`))
    })
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const line = stdout.split('\n')[0]
      if (line === undefined || !stdout.includes('\n')) return
      clearTimeout(timer)
      const url = new URL(line)
      resolve({
        url: line,
        origin: url.origin,
        token: url.searchParams.get('token') ?? '',
        child,
        stderr: () => stderr,
        lines,
        waitForLine,
        stop,
      })
    })
  })
}
