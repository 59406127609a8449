/**
 * Certificate and key files are read off the main thread, under a wall-clock limit (DESIGN.md §4):
 * each read starts a certificate worker, which is terminated when it overruns, and the read then
 * fails as TIMEOUT. The calling thread only waits, so the Electron main process, the harness and
 * the CLI stay responsive whatever the file asks for. The worker is ended as soon as it has
 * answered, so it never keeps a process alive. Errors arrive as the worker's typed errors.
 */
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { SafeholdError, type ErrorInfo } from '../../shared/errors'
import { builtWorkerFile, runWorkerJob } from '../files/worker-job'
import type { FileInput } from '../../shared/secret-requests'
import type { CertificateFiles, CertificateFilesJob } from './certificate-files'
import {
  DEFAULT_WORK_LIMITS,
  PKCS12_REEXPORT,
  PKCS8_REEXPORT,
  type WorkLimits,
} from './work-limits'

export interface CertificateFileSet {
  certificate?: FileInput
  privateKey?: FileInput
}

export interface CertificateReader {
  read(files: CertificateFileSet, now: Date): Promise<CertificateFiles>
}

export interface CertificateReaderOptions {
  /** How long one read may take before its worker is terminated; 10 s by default. */
  timeLimitMs?: number
  limits?: WorkLimits
  /** The built worker script; by default certificate-worker.js beside the main build's files. */
  workerFile?: string
}

/** What the worker posts back: the files, or a typed error (null: not one of Safehold's own). */
export type WorkerAnswer =
  { ok: true; files: CertificateFiles } | { ok: false; error: ErrorInfo | null }

/**
 * 10 s: a file any real tool writes reads in well under a second (OpenSSL's 2048 rounds take
 * milliseconds); a file at its caps reads in a few seconds on a slow machine.
 */
export const DEFAULT_TIME_LIMIT_MS = 10_000
/** A runaway parse of a 1 MiB file is stopped here rather than growing the process. */
const WORKER_HEAP_MB = 256
export const WORKER_FILE_NAME = 'certificate-worker.js'

let workerFileForSources: string | null = null

/**
 * Tests import these modules from their TypeScript sources, beside which there is no built worker;
 * they bundle certificate-worker.ts from the same sources and name the result here. Nothing in the
 * app or the CLI calls this: they find the worker beside their own files.
 */
export function useCertificateWorkerFile(file: string): void {
  workerFileForSources = file
}

export function certificateReader(options: CertificateReaderOptions = {}): CertificateReader {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS
  const limits = options.limits ?? DEFAULT_WORK_LIMITS
  return {
    read: (files, now) => {
      const job: CertificateFilesJob = { ...files, now: now.toISOString(), limits }
      const file = options.workerFile ?? builtWorkerFile(WORKER_FILE_NAME, workerFileForSources)
      if (file === null || !existsSync(file)) return Promise.reject(missingWorker())
      return runWorker(file, job, timeLimitMs)
    },
  }
}

async function runWorker(
  file: string,
  job: CertificateFilesJob,
  timeLimitMs: number,
): Promise<CertificateFiles> {
  const outcome = await runWorkerJob<WorkerAnswer>({
    file,
    data: job,
    timeLimitMs,
    heapMb: WORKER_HEAP_MB,
  })
  if (outcome.kind === 'timeout') throw tooSlow(job, timeLimitMs)
  if (outcome.kind !== 'answer') throw workerFailed(job, outcome.kind === 'out-of-memory')
  if (!outcome.answer.ok) throw fromWorker(outcome.answer.error)
  return outcome.answer.files
}

function fromWorker(error: ErrorInfo | null): SafeholdError {
  if (error === null) {
    return new SafeholdError(
      'IO_ERROR',
      'Safehold could not read the certificate or key file. Try again, or export it again.',
      'certificate',
    )
  }
  return new SafeholdError(error.code, error.message, error.field)
}

/** The file a slow read is blamed on, and how to write it again with ordinary counts. */
function culprit(job: CertificateFilesJob): { name: string; field: string; advice: string } {
  if (job.certificate !== undefined) {
    const name = basename(job.certificate.fileName)
    const pkcs12 = /\.(p12|pfx)$/i.test(name)
    const withKey =
      job.privateKey === undefined ? '' : ` with "${basename(job.privateKey.fileName)}"`
    return {
      name: `"${name}"${withKey}`,
      field: 'certificate',
      advice: pkcs12 ? PKCS12_REEXPORT : PKCS8_REEXPORT,
    }
  }
  const name = basename(job.privateKey?.fileName ?? 'the key file')
  return { name: `"${name}"`, field: 'privateKey', advice: PKCS8_REEXPORT }
}

function tooSlow(job: CertificateFilesJob, timeLimitMs: number): SafeholdError {
  const { name, field, advice } = culprit(job)
  const seconds = timeLimitMs / 1000
  const limit =
    timeLimitMs < 1000 ? `${timeLimitMs} ms` : `${seconds} second${seconds === 1 ? '' : 's'}`
  return new SafeholdError(
    'TIMEOUT',
    `Reading ${name} took longer than ${limit}, so Safehold stopped. Its key derivation is ` +
      `probably set very high. ${advice}`,
    field,
  )
}

function workerFailed(job: CertificateFilesJob, outOfMemory: boolean): SafeholdError {
  const { name, field, advice } = culprit(job)
  if (outOfMemory) {
    return new SafeholdError(
      'WORK_LIMIT',
      `Reading ${name} needed more memory than Safehold allows, so it stopped. ${advice}`,
      field,
    )
  }
  return new SafeholdError(
    'IO_ERROR',
    `Safehold could not finish reading ${name}. Try again.`,
    field,
  )
}

function missingWorker(): SafeholdError {
  return new SafeholdError(
    'IO_ERROR',
    `Safehold cannot read certificates: its ${WORKER_FILE_NAME} is missing beside the program. ` +
      'Install Safehold again.',
    'certificate',
  )
}
