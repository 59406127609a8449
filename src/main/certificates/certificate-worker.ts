/**
 * The certificate worker: a worker_threads entry of its own in the main build
 * (out/main/certificate-worker.js), started once per read by certificate-reader with the job as
 * its workerData. It posts exactly one answer: the files read, or the typed error as a value. An
 * error that is not Safehold's own leaves as a generic message, so neither a stack trace nor key
 * material crosses back. It opens nothing and keeps no handle, so it ends when the job is done.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { isSafeholdError } from '../../shared/errors'
import { readCertificateFiles, type CertificateFilesJob } from './certificate-files'
import type { WorkerAnswer } from './certificate-reader'

function answer(): WorkerAnswer {
  try {
    return { ok: true, files: readCertificateFiles(workerData as CertificateFilesJob) }
  } catch (error) {
    if (isSafeholdError(error)) return { ok: false, error: error.toInfo() }
    return { ok: false, error: null }
  }
}

parentPort?.postMessage(answer())
