/**
 * One job in a worker thread of its own, under a wall-clock and a heap limit (DESIGN §4, bounded
 * work): the calling thread only waits, so one hostile file never blocks the Electron main
 * process. The worker is terminated as soon as it has answered or overrun, so it never keeps a
 * process alive; what went wrong comes back as a value for the caller to put in its own words.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'

export type WorkerOutcome<A> =
  | { kind: 'answer'; answer: A }
  | { kind: 'timeout' }
  | { kind: 'out-of-memory' }
  | { kind: 'failed' }

export interface WorkerJob {
  /** The built worker script. */
  file: string
  /** What the worker gets as its workerData (structured-cloned). */
  data: unknown
  timeLimitMs: number
  heapMb: number
}

/** Runs `job.file` with `job.data`; its first message is the answer. */
export function runWorkerJob<A>(job: WorkerJob): Promise<WorkerOutcome<A>> {
  return new Promise((resolve) => {
    const worker = new Worker(job.file, {
      workerData: job.data,
      resourceLimits: { maxOldGenerationSizeMb: job.heapMb },
    })
    let settled = false
    const finish = (outcome: WorkerOutcome<A>): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate()
      resolve(outcome)
    }
    const timer = setTimeout(() => finish({ kind: 'timeout' }), job.timeLimitMs)
    worker.once('message', (answer: A) => finish({ kind: 'answer', answer }))
    worker.once('error', (error: Error & { code?: string }) =>
      finish({ kind: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'failed' }),
    )
    worker.once('exit', () => finish({ kind: 'failed' }))
  })
}

/**
 * A worker script of the main build: entries land in out/main and shared chunks in
 * out/main/chunks, and the calling module may be in either, so it is looked for beside this
 * module and one folder up; else `fallback` (tests, which import the sources and bundle the
 * worker themselves), else null.
 */
export function builtWorkerFile(name: string, fallback: string | null): string | null {
  for (const folder of [__dirname, dirname(__dirname)]) {
    const file = join(folder, name)
    if (existsSync(file)) return file
  }
  return fallback !== null && existsSync(fallback) ? fallback : null
}
