/**
 * The Key/Value file worker: a worker_threads entry of its own in the main build
 * (out/main/kv-file-worker.js), started once per file by kv-file-reader with the file (bytes, or
 * the window's base64, decoded here) as its workerData. It posts exactly one answer: the pairs,
 * or the typed error as a value. An error that is not Safehold's own leaves as null, so no stack
 * trace crosses back. It holds nothing open, so it ends when the file is read.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { isSafeholdError } from '../../shared/errors'
import { parseKvFile } from './kv-file'
import type { KvFileAnswer, KvFileJob } from './kv-file-reader'

function answer(): KvFileAnswer {
  try {
    const job = workerData as KvFileJob
    const data = 'data' in job ? job.data : Buffer.from(job.dataBase64, 'base64')
    return { ok: true, pairs: parseKvFile({ fileName: job.fileName, data }) }
  } catch (error) {
    return { ok: false, error: isSafeholdError(error) ? error.toInfo() : null }
  }
}

parentPort?.postMessage(answer())
