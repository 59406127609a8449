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
  'VAULT_ROLLED_BACK',
  'VAULT_UNSAFE',
  'KEYCHAIN_UNAVAILABLE',
  'KEY_UNAVAILABLE',
  'WRONG_PASSPHRASE',
  'CONFIRMATION_REQUIRED',
  'USE_DENIED',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'WORK_LIMIT',
  'TIMEOUT',
  'DISK_FULL',
  'PERMISSION_DENIED',
  'NOT_A_FILE',
  'FILE_TOO_LARGE',
  'IO_ERROR',
  'VAULT_LOCKED',
  'NO_VAULT',
  'TOO_MANY_ATTEMPTS',
  'CONNECTION_FAILED',
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

const FS_ERRORS: Record<string, { code: ErrorCode; says: (what: string) => string }> = {
  ENOSPC: {
    code: 'DISK_FULL',
    says: (what) =>
      `The disk is full: ${what} could not be written. Free some space and try again.`,
  },
  EDQUOT: {
    code: 'DISK_FULL',
    says: (what) =>
      `The disk quota is used up: ${what} could not be written. Free some space and try again.`,
  },
  EACCES: {
    code: 'PERMISSION_DENIED',
    says: (what) =>
      `Permission denied: Safehold may not use ${what}. Check its owner and permissions.`,
  },
  EPERM: {
    code: 'PERMISSION_DENIED',
    says: (what) =>
      `Permission denied: Safehold may not use ${what}. Check its owner and permissions.`,
  },
  EROFS: {
    code: 'PERMISSION_DENIED',
    says: (what) => `${capital(what)} is on a read-only file system.`,
  },
  ENOTDIR: {
    code: 'NOT_A_FILE',
    says: (what) =>
      `${capital(what)} is not where Safehold expects it: part of its path is a file, not a folder.`,
  },
  EISDIR: { code: 'NOT_A_FILE', says: (what) => `${capital(what)} is a folder, not a file.` },
  ELOOP: {
    code: 'VAULT_UNSAFE',
    says: (what) => `${capital(what)} is a symbolic link, which Safehold does not follow.`,
  },
  ENOENT: { code: 'NOT_FOUND', says: (what) => `${capital(what)} does not exist.` },
  EMFILE: {
    code: 'IO_ERROR',
    says: (what) => `Too many files are open to use ${what}; close some programs and try again.`,
  },
  EIO: {
    code: 'IO_ERROR',
    says: (what) => `The disk reported an input/output error while using ${what}.`,
  },
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The errno of a Node file-system error, or null for anything else. */
export function errnoOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null
}

/**
 * A Node file-system error as a typed error with a sentence about `what` ("the vault folder",
 * "the file given to --cert"); never the raw Node message, which names syscalls and paths. A
 * SafeholdError passes through unchanged.
 */
export function fromFsError(error: unknown, what: string): SafeholdError {
  if (isSafeholdError(error)) return error
  const errno = errnoOf(error)
  const known = errno !== null && Object.hasOwn(FS_ERRORS, errno) ? FS_ERRORS[errno] : undefined
  if (known !== undefined) return new SafeholdError(known.code, known.says(what))
  return new SafeholdError(
    'IO_ERROR',
    `Safehold could not use ${what}${errno === null ? '' : ` (${errno})`}. Try again.`,
  )
}
