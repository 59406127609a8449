/**
 * Runs vault-crash-child.ts as a real, separately killable process. Node 20 cannot run TypeScript
 * itself, so the child is bundled once to a temporary .cjs with rolldown — the bundler vite is
 * built on, already installed with it — and started with plain `node`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'
import { childEnvironment, type ChildSettings } from './vault-crash-protocol'

export async function bundleCrashChild(outDir: string): Promise<string> {
  const file = join(outDir, 'vault-crash-child.cjs')
  const bundle = await rolldown({
    input: fileURLToPath(new URL('./vault-crash-child.ts', import.meta.url)),
    platform: 'node',
    logLevel: 'silent',
  })
  try {
    await bundle.write({ file, format: 'cjs' })
  } finally {
    await bundle.close()
  }
  return file
}

export interface RunningChild {
  readonly pid: number
  /** Every complete line the child printed so far. */
  readonly lines: string[]
  /** Resolves once a line satisfying `test` has been printed (or rejects if the child ends first). */
  waitForLine(test: (line: string) => boolean): Promise<string>
  /** Resolves when the process has ended and its output has been read to the end. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>
  /** Lets a child started with `awaitGo` open the vault. */
  go(): void
  kill(): void
}

export function startChild(bundle: string, settings: ChildSettings): RunningChild {
  const child: ChildProcess = spawn(process.execPath, [bundle], {
    env: { ...process.env, ...childEnvironment(settings) },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = []
  let partial = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8')
  child.stdout!.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop()!
    for (const line of parts) {
      lines.push(line)
      for (const waiter of waiters.filter((w) => w.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(line)
      }
    }
  })
  child.stderr!.setEncoding('utf8')
  child.stderr!.on('data', (chunk: string) => (stderr += chunk))
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  )
  return {
    pid: child.pid!,
    lines,
    ended,
    waitForLine(test) {
      const seen = lines.find(test)
      if (seen !== undefined) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        waiters.push({ test, resolve })
        void ended.then(({ code, signal, stderr: text }) =>
          reject(new Error(`child ended (${code ?? signal}) before the line: ${text}`)),
        )
      })
    },
    go() {
      child.stdin!.end('go\n')
    },
    kill() {
      child.kill('SIGKILL')
    },
  }
}
