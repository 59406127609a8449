/**
 * The app's "Scan a folder…" (DESIGN §3): the folder the user picks is read in the scan worker,
 * off the main thread, while the window asks how far it has got. What the window is given is the
 * folder, counts and places — file, line, commit, the secret's name — never a value: the values
 * go only into the worker, which is terminated the moment a scan ends, is cancelled or the vault
 * locks. One scan at a time; a new one ends the last. Every scan is audited when it ends, with
 * its counts, and none is a use: no secret's status or usages change.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, lstatSync } from 'node:fs'
import { resolve } from 'node:path'
import { SHARE_ENV, Worker } from 'node:worker_threads'
import { SafeholdError } from '../../shared/errors'
import { builtWorkerFile } from '../files/worker-job'
import type { Clock } from '../lifecycle/clock'
import { auditOp } from '../secrets/audit-op'
import type { VaultStore } from '../vault/vault-store'
import { isGitRepository, scanAuditDetail, scanValues, type Finding } from './folder-scan'
import type { ScanJob, ScanReport } from './scan-job'

export type ScanState = 'running' | 'done' | 'cancelled' | 'failed'

export interface ScanPlace {
  file: string
  line: number
  secret: string
  commit: string | null
}

/** A scan as the window sees it; `findings` are the places from index `from` on, a page at most. */
export interface ScanView {
  id: string
  folder: string
  gitRepository: boolean
  gitHistory: boolean
  state: ScanState
  values: number
  files: number
  binary: number
  bytes: number
  found: number
  truncated: boolean
  error: string | null
  from: number
  findings: ScanPlace[]
}

/** The user's pick of a folder to scan; null when the pick was cancelled. */
export type PickScanFolder = () => Promise<string | null>

export interface LeakScanOptions {
  store: VaultStore
  clock: Clock
  pickFolder?: PickScanFolder
  /** The built worker script; by default scan-worker.js beside the main build's files. */
  workerFile?: string
  /** Places kept at most per scan (MAX_FINDINGS by default). */
  maxFindings?: number
}

/** Past this many places the window is told the scan found more: a list a person can work on. */
export const MAX_FINDINGS = 10_000
/** Places per status answer: a finished scan's list arrives in pages, never in one huge answer. */
export const STATUS_PAGE = 1_000
export const SCAN_WORKER_FILE_NAME = 'scan-worker.js'
/** The matcher of a large vault takes tens of megabytes; a runaway scan stops here. */
const WORKER_HEAP_MB = 1024

let workerFileForSources: string | null = null

/** Tests import the sources, beside which there is no built worker: they bundle one and name it. */
export function useScanWorkerFile(file: string): void {
  workerFileForSources = file
}

/** The picked folder, checked before anything in it is read. */
export function checkScanFolder(picked: string, gitHistory: boolean): string {
  const folder = resolve(picked)
  const stats = lstatSync(folder, { throwIfNoEntry: false })
  if (stats === undefined) {
    throw new SafeholdError('NOT_FOUND', 'The chosen folder does not exist; nothing was scanned.')
  }
  if (stats.isSymbolicLink()) {
    throw new SafeholdError(
      'INVALID_INPUT',
      'The chosen folder is a symbolic link, which the scan does not follow; choose the folder it points to.',
    )
  }
  if (!stats.isDirectory()) {
    throw new SafeholdError('NOT_A_FILE', 'What was chosen is not a folder; nothing was scanned.')
  }
  if (gitHistory && !isGitRepository(folder)) {
    throw new SafeholdError(
      'INVALID_INPUT',
      'The chosen folder is not a git repository, so it has no history to read.',
      'gitHistory',
    )
  }
  return folder
}

class ScanRun {
  readonly id = randomUUID()
  state: ScanState = 'running'
  values = 0
  files = 0
  binary = 0
  bytes = 0
  truncated = false
  error: string | null = null
  readonly findings: Finding[] = []
  /** Settles once the scan has ended and its audit entry is written (or could not be). */
  ended: Promise<void> = Promise.resolve()

  constructor(
    readonly folder: string,
    readonly gitRepository: boolean,
    readonly gitHistory: boolean,
    readonly worker: Worker,
  ) {}

  view(from: number): ScanView {
    const { id, folder, gitRepository, gitHistory, state, values, files, binary, bytes } = this
    const start = Math.min(from, this.findings.length)
    return {
      ...{ id, folder, gitRepository, gitHistory, state, values, files, binary, bytes },
      found: this.findings.length,
      truncated: this.truncated,
      error: this.error,
      from: start,
      findings: this.findings
        .slice(start, start + STATUS_PAGE)
        .map(({ file, line, secret, commit }) => ({ file, line, secret, commit: commit ?? null })),
    }
  }
}

const WORKER_FAILED = 'The scan stopped unexpectedly; try again.'
const OUT_OF_MEMORY =
  'The scan needed more memory than Safehold allows and stopped; scan a smaller folder.'

export class LeakScans {
  private current: ScanRun | null = null

  constructor(private readonly options: LeakScanOptions) {}

  /** The folder to scan: the OS picker's answer, or the last scan's for `same`; null if cancelled. */
  async choose(folder: 'choose' | 'same'): Promise<string | null> {
    if (folder === 'same') {
      if (this.current === null) {
        throw new SafeholdError('INVALID_INPUT', 'Choose a folder to scan first.')
      }
      return this.current.folder
    }
    return (await this.options.pickFolder?.()) ?? null
  }

  /** Starts reading `picked` in a new worker; a scan still running is cancelled first. */
  async start(picked: string, gitHistory: boolean): Promise<ScanView> {
    const folder = checkScanFolder(picked, gitHistory)
    const file =
      this.options.workerFile ?? builtWorkerFile(SCAN_WORKER_FILE_NAME, workerFileForSources)
    if (file === null || !existsSync(file)) {
      throw new SafeholdError(
        'IO_ERROR',
        `Safehold cannot scan: its ${SCAN_WORKER_FILE_NAME} is missing beside the program. Install Safehold again.`,
      )
    }
    await this.endCurrent()
    const { store } = this.options
    await store.refresh()
    const job: ScanJob = {
      folder,
      gitHistory,
      values: scanValues(store.state),
      maxFindings: this.options.maxFindings ?? MAX_FINDINGS,
    }
    const worker = new Worker(file, {
      workerData: job,
      // Shared, not copied: copying the environment is most of what starting a worker costs the
      // main thread. The worker only reads it (git, for the history, runs with it).
      env: SHARE_ENV,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    })
    const run = new ScanRun(folder, isGitRepository(folder), gitHistory, worker)
    this.current = run
    this.listen(run)
    return run.view(0)
  }

  /** How far scan `id` has got, with the places found from index `from` on. */
  status(id: string, from: number): ScanView {
    return this.run(id).view(from)
  }

  /** Stops scan `id` where it is; a scan that has ended is left as it is. */
  async cancel(id: string): Promise<ScanView> {
    const run = this.run(id)
    this.finish(run, 'cancelled')
    await run.ended
    return run.view(run.findings.length)
  }

  /** The vault locks or closes: a running scan stops, and its values go with its worker. */
  async dispose(): Promise<void> {
    await this.endCurrent()
  }

  private async endCurrent(): Promise<void> {
    const run = this.current
    if (run === null) return
    this.finish(run, 'cancelled')
    await run.ended
  }

  private run(id: string): ScanRun {
    const run = this.current
    if (run === null || run.id !== id) {
      throw new SafeholdError('NOT_FOUND', 'That scan is over; start a new one.')
    }
    return run
  }

  private listen(run: ScanRun): void {
    run.worker.on('message', (report: ScanReport) => {
      if (run.state !== 'running') return
      if (report.kind === 'started') run.values = report.values
      else if (report.kind === 'progress') {
        run.files = report.files
        run.binary = report.binary
        run.bytes = report.bytes
        run.truncated = report.truncated
        run.findings.push(...report.findings)
      } else if (report.kind === 'done') this.finish(run, 'done')
      else this.finish(run, 'failed', report.error?.message ?? WORKER_FAILED)
    })
    run.worker.on('error', (error: Error & { code?: string }) =>
      this.finish(
        run,
        'failed',
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? OUT_OF_MEMORY : WORKER_FAILED,
      ),
    )
    run.worker.on('exit', () => this.finish(run, 'failed', WORKER_FAILED))
  }

  /** Ends `run` once: its worker (and the values in it) goes at once, then the audit entry. */
  private finish(run: ScanRun, state: Exclude<ScanState, 'running'>, error?: string): void {
    if (run.state !== 'running') return
    run.state = state
    if (error !== undefined) run.error = error
    void run.worker.terminate()
    run.ended = this.audit(run, state)
  }

  /** Audited, never a use: the entry holds counts, not values or places. */
  private async audit(run: ScanRun, outcome: Exclude<ScanState, 'running'>): Promise<void> {
    const { store, clock } = this.options
    const detail = scanAuditDetail(run, run.gitHistory, outcome)
    try {
      await store.transact((state) => ({
        ops: [auditOp(clock, state, 'scan', undefined, detail)],
        result: undefined,
      }))
    } catch {
      // The vault closed under the scan (a lock): there is no log to write to any more.
    }
  }
}
