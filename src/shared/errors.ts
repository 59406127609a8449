/**
 * Typed errors that cross every boundary (IPC, CLI, services) as values. A message is written for
 * the person who sees it: it names the field and says what to do. It never contains a secret value.
 */

export const ERROR_CODES = [
  'INVALID_INPUT',
  'NAME_TAKEN',
  'NOT_FOUND',
  'AMBIGUOUS_NAME',
  'FORBIDDEN_SCOPE',
  'WORKSPACE_NOT_FOUND',
  'WORKSPACE_EXISTS',
  'CERT_INVALID',
  'CERT_EXPIRED',
  'KEY_INVALID',
  'KEY_MISMATCH',
  'PASSWORD_REQUIRED',
  'WRONG_PASSWORD',
  'VAULT_TAMPERED',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_BUSY',
  'KEYCHAIN_UNAVAILABLE',
  'KEY_UNAVAILABLE',
  'WRONG_PASSPHRASE',
  'CONFIRMATION_REQUIRED',
  'USE_DENIED',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'IO_ERROR',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorInfo {
  code: ErrorCode
  message: string
  /** The input field the error belongs to, as the type's camelCase field key or a form name. */
  field?: string
}

export class SafeholdError extends Error {
  readonly code: ErrorCode
  readonly field?: string

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'SafeholdError'
    this.code = code
    if (field !== undefined) this.field = field
  }

  toInfo(): ErrorInfo {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}

export function isSafeholdError(error: unknown): error is SafeholdError {
  return error instanceof SafeholdError
}
