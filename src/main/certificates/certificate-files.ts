/**
 * The whole of reading a certificate and/or private-key file, as one synchronous job: everything in
 * it may be slow (node-forge's PKCS#12 KDF is JavaScript, an encrypted key is decrypted), so the
 * certificate worker runs it, off the main thread, under a wall-clock limit. Its input and output
 * are plain data that cross a thread boundary by structured clone; what it returns has been read
 * by Node's crypto and, when it holds both, the key matches the certificate.
 */
import type { CertificateFacts } from '../../shared/domain'
import type { FileInput } from '../../shared/secret-requests'
import {
  assertKeyMatchesCertificate,
  parseCertificateFile,
  parsePrivateKeyFile,
} from './certificate-parser'
import type { WorkLimits } from './work-limits'

export interface CertificateFilesJob {
  certificate?: FileInput
  privateKey?: FileInput
  /** ISO instant the validity of the certificate is judged at. */
  now: string
  limits: WorkLimits
}

export interface CertificateFiles {
  /** PEM chain, leaf first; null when only a key file was read. */
  certificatePem: string | null
  facts: CertificateFacts | null
  /** PKCS#8 PEM, unencrypted: from the key file, else from inside a PKCS#12, else null. */
  privateKeyPem: string | null
  warnings: string[]
}

export function readCertificateFiles(job: CertificateFilesJob): CertificateFiles {
  const parsed =
    job.certificate === undefined
      ? null
      : parseCertificateFile(
          { ...job.certificate, data: Buffer.from(job.certificate.data) },
          new Date(job.now),
          job.limits,
        )
  let privateKeyPem = parsed?.privateKeyPem ?? null
  if (job.privateKey !== undefined) {
    const { fileName, data, password } = job.privateKey
    privateKeyPem = parsePrivateKeyFile(
      {
        fileName,
        data: Buffer.from(data),
        ...(password === undefined ? {} : { passphrase: password }),
      },
      job.limits,
    )
  }
  if (parsed !== null && privateKeyPem !== null) {
    assertKeyMatchesCertificate(parsed.certificatePem, privateKeyPem)
  }
  return {
    certificatePem: parsed?.certificatePem ?? null,
    facts: parsed?.facts ?? null,
    privateKeyPem,
    warnings: parsed?.warnings ?? [],
  }
}
