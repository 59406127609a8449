/**
 * The app's leak scan runs in this worker_threads script, off the Electron main thread (DESIGN §4):
 * the matcher of every value is built here and the folder read here, so neither a vault of
 * thousands of values nor a folder of gigabytes can hold the window up. The values arrive in the
 * job and never leave: what goes back is counts and places — file, line, commit and the secret's
 * name — every REPORT_EVERY_MS while it reads, then once at the end. Main stops it by terminating
 * the thread, which no read here can delay.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { isSafeholdError } from '../../shared/errors'
import { scanHistory, scanTree, Tally, type Finding } from './folder-scan'
import type { ScanJob, ScanReport } from './scan-job'
import { createScanner } from './value-scan'

const REPORT_EVERY_MS = 100

function post(report: ScanReport): void {
  parentPort?.postMessage(report)
}

async function run(job: ScanJob): Promise<void> {
  const tally = new Tally(job.maxFindings)
  let sent = 0
  let last = performance.now()
  const progress = (): void => {
    const findings: Finding[] = tally.findings.slice(sent)
    sent = tally.findings.length
    const { files, binary, bytes, truncated } = tally
    post({ kind: 'progress', files, binary, bytes, truncated, findings })
  }
  const control = {
    stopped: () => false,
    tick: () => {
      if (performance.now() - last < REPORT_EVERY_MS) return
      last = performance.now()
      progress()
    },
  }
  try {
    const scanner = createScanner(job.values)
    post({ kind: 'started', values: scanner.size })
    scanTree(job.folder, '', scanner, tally, control)
    if (job.gitHistory) await scanHistory(job.folder, scanner, tally, control)
  } catch (error) {
    progress()
    post({ kind: 'failed', error: isSafeholdError(error) ? error.toInfo() : null })
    return
  }
  progress()
  post({ kind: 'done' })
}

void run(workerData as ScanJob)
