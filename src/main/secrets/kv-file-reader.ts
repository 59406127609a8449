/**
 * Key/Value files read for the window (the wizard's File method) off the main thread: parsing a
 * 1 MiB `.env` takes dotenv itself a hundred milliseconds and more, so each file is read in a
 * kv-file worker under a wall-clock limit, and the Electron main process only waits. The rules
 * and messages are parseKvFile's, the same as the CLI's.
 */
import { SafeholdError, type ErrorInfo } from '../../shared/errors'
import { quoted } from '../../shared/name-text'
import type { KeyValuePair } from '../../shared/secret-requests'
import { builtWorkerFile, runWorkerJob } from '../files/worker-job'
import type { KvFile } from './kv-file'

/** What the worker posts back: the pairs, or a typed error (null: not one of Safehold's own). */
export type KvFileAnswer =
  { ok: true; pairs: KeyValuePair[] } | { ok: false; error: ErrorInfo | null }

/**
 * A file as bytes, or as the base64 the window sent: then even decoding it is the worker's work,
 * not the main thread's.
 */
export type KvFileJob = KvFile | { fileName: string; dataBase64: string }

export interface KvFileReader {
  read(file: KvFileJob): Promise<KeyValuePair[]>
}

export interface KvFileReaderOptions {
  /** 10 s by default: the slowest 1 MiB file reads in about a second on a slow machine. */
  timeLimitMs?: number
  /** The built worker script; by default kv-file-worker.js beside the main build's files. */
  workerFile?: string
}

export const KV_FILE_WORKER_NAME = 'kv-file-worker.js'
const DEFAULT_TIME_LIMIT_MS = 10_000
/** A 1 MiB file needs a few tens of megabytes; a runaway read stops here. */
const WORKER_HEAP_MB = 256

let workerFileForSources: string | null = null

/** Tests import the sources, beside which there is no built worker: they bundle one and name it. */
export function useKvFileWorkerFile(file: string): void {
  workerFileForSources = file
}

export function kvFileReader(options: KvFileReaderOptions = {}): KvFileReader {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS
  return {
    read: async (file) => {
      const workerFile =
        options.workerFile ?? builtWorkerFile(KV_FILE_WORKER_NAME, workerFileForSources)
      if (workerFile === null) {
        throw invalid(
          'IO_ERROR',
          `Safehold cannot read Key/Value files: its ${KV_FILE_WORKER_NAME} is missing beside the program. Install Safehold again.`,
        )
      }
      const outcome = await runWorkerJob<KvFileAnswer>({
        file: workerFile,
        data: file,
        timeLimitMs,
        heapMb: WORKER_HEAP_MB,
      })
      const name = quoted(file.fileName, 'The file')
      switch (outcome.kind) {
        case 'answer': {
          const { answer } = outcome
          if (answer.ok) return answer.pairs
          if (answer.error === null)
            throw invalid('IO_ERROR', `${name} could not be read. Try again.`)
          throw new SafeholdError(answer.error.code, answer.error.message, answer.error.field)
        }
        case 'timeout':
          throw invalid(
            'TIMEOUT',
            `Reading ${name} took longer than ${timeLimitMs / 1000} s, so Safehold stopped.`,
          )
        case 'out-of-memory':
          throw invalid(
            'WORK_LIMIT',
            `Reading ${name} needed more memory than Safehold allows, so it stopped.`,
          )
        case 'failed':
          throw invalid('IO_ERROR', `Safehold could not finish reading ${name}. Try again.`)
      }
    },
  }
}

function invalid(code: ErrorInfo['code'], message: string): SafeholdError {
  return new SafeholdError(code, message, 'pairs')
}
