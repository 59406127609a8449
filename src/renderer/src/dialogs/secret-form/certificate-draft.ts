/**
 * The certificate and key a user drops, and what main read from them. Files go to main as they
 * are (`certificates.inspect`); the facts come back, never key material. The password is sent
 * with both files: main uses it for a PKCS#12 or an encrypted key and ignores it otherwise.
 */
import { useRef, useState, type Dispatch, type SetStateAction } from 'react'
import type { CertificateFacts } from '../../../../shared/domain'
import type { ErrorInfo } from '../../../../shared/errors'
import { call } from '../ui/bridge'
import { routeError, without, type FieldErrors } from '../ui/field-errors'
import { isPkcs12, MAX_FILE_BYTES, readFileDraft, type FileDraft } from '../ui/file-read'

export interface CertDraft {
  certificate: FileDraft | null
  privateKey: FileDraft | null
  password: string
  askPassword: boolean
  facts: CertificateFacts | null
  hasPrivateKey: boolean
  warnings: string[]
  checking: boolean
}

export const CERT_FIELDS = ['certificate', 'privateKey', 'certificatePassword']

export const EMPTY_CERT: CertDraft = {
  certificate: null,
  privateKey: null,
  password: '',
  askPassword: false,
  facts: null,
  hasPrivateKey: false,
  warnings: [],
  checking: false,
}

interface FileInput extends FileDraft {
  password?: string
}

/** The files of a register or edit request, each with the password when one was typed. */
export function certificateFiles(draft: CertDraft): {
  certificate?: FileInput
  privateKey?: FileInput
} {
  const withPassword = (file: FileDraft): FileInput =>
    draft.password === '' ? { ...file } : { ...file, password: draft.password }
  return {
    ...(draft.certificate ? { certificate: withPassword(draft.certificate) } : {}),
    ...(draft.privateKey ? { privateKey: withPassword(draft.privateKey) } : {}),
  }
}

const tooLarge = (file: File, what: string): string =>
  `"${file.name}" is larger than 1 MiB, too large for a ${what} file.`

export type CertificateDraft = ReturnType<typeof useCertificateDraft>

export function useCertificateDraft(setErrors: Dispatch<SetStateAction<FieldErrors>>) {
  const [cert, setCert] = useState<CertDraft>(EMPTY_CERT)
  const ticket = useRef(0)

  const fail = (error: ErrorInfo): void =>
    setErrors((errors) => ({
      ...without(errors, ...CERT_FIELDS),
      ...routeError(error, CERT_FIELDS),
    }))

  /** Asks main to read the files; true when they are fine together. */
  async function check(draft: CertDraft): Promise<boolean> {
    const { certificate, privateKey } = certificateFiles(draft)
    if (!certificate) return false
    const mine = ++ticket.current
    setCert((current) => ({ ...current, checking: true }))
    const result = await call((bridge) =>
      bridge.certificates.inspect(privateKey ? { certificate, privateKey } : { certificate }),
    )
    if (mine !== ticket.current) return false
    if (result.ok) {
      const { facts, hasPrivateKey, warnings } = result.value
      setCert((current) => ({ ...current, checking: false, facts, hasPrivateKey, warnings }))
      setErrors((errors) => without(errors, ...CERT_FIELDS))
      return true
    }
    const { error } = result
    // A key that does not fit still leaves a readable certificate: show its facts beside the error.
    const alone =
      privateKey && error.field === 'privateKey'
        ? await call((bridge) => bridge.certificates.inspect({ certificate }))
        : null
    if (mine !== ticket.current) return false
    const askPassword = error.code === 'PASSWORD_REQUIRED' || error.code === 'WRONG_PASSWORD'
    setCert((current) => ({
      ...current,
      checking: false,
      askPassword: current.askPassword || askPassword,
      facts: alone?.ok ? alone.value.facts : null,
      hasPrivateKey: false,
      warnings: alone?.ok ? alone.value.warnings : [],
    }))
    fail(error)
    return false
  }

  async function setCertificateFile(file: File): Promise<void> {
    if (file.size > MAX_FILE_BYTES) {
      setCert((current) => ({ ...current, certificate: null, facts: null, warnings: [] }))
      return fail({
        code: 'CERT_INVALID',
        message: tooLarge(file, 'certificate'),
        field: 'certificate',
      })
    }
    const next: CertDraft = {
      ...cert,
      certificate: await readFileDraft(file),
      askPassword: isPkcs12(file.name) || (cert.askPassword && cert.privateKey !== null),
      facts: null,
      hasPrivateKey: false,
      warnings: [],
    }
    setCert(next)
    await check(next)
  }

  async function setKeyFile(file: File): Promise<void> {
    if (file.size > MAX_FILE_BYTES) {
      return fail({
        code: 'KEY_INVALID',
        message: tooLarge(file, 'private key'),
        field: 'privateKey',
      })
    }
    const next: CertDraft = { ...cert, privateKey: await readFileDraft(file) }
    setCert(next)
    setErrors((errors) => without(errors, 'privateKey'))
    if (next.certificate) await check(next)
  }

  function clearCertificate(): void {
    ticket.current++
    setCert((current) => ({
      ...EMPTY_CERT,
      privateKey: current.privateKey,
      password: current.password,
    }))
    setErrors((errors) => without(errors, ...CERT_FIELDS))
  }

  function clearKey(): void {
    const next: CertDraft = { ...cert, privateKey: null }
    setCert(next)
    setErrors((errors) => without(errors, 'privateKey'))
    if (next.certificate) void check(next)
  }

  function setPassword(password: string): void {
    setCert((current) => ({ ...current, password }))
    setErrors((errors) => without(errors, 'certificatePassword'))
  }

  return {
    cert,
    check: () => check(cert),
    setCertificateFile,
    setKeyFile,
    clearCertificate,
    clearKey,
    setPassword,
    reset: () => {
      ticket.current++
      setCert(EMPTY_CERT)
    },
  }
}
