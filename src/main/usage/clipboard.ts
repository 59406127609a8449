/**
 * Copy (DESIGN.md §1.3): main puts a secret's value on the clipboard and, 30 s later, clears it
 * only if the clipboard still holds that value, so whatever the user copied since is left alone.
 * The value goes to the clipboard and nowhere else: the caller learns only when it will be cleared.
 * While the clear is pending, only a digest of the value is kept in memory.
 */
import { createHash } from 'node:crypto'
import { SafeholdError } from '../../shared/errors'
import type { SecretRef } from '../../shared/secret-requests'
import type { Clock } from '../lifecycle/clock'
import type { VaultStore } from '../vault/vault-store'
import { useSecret } from './secret-use'

/**
 * The OS clipboard, or memoryClipboard() where there is none. Either form of result is fine:
 * Electron 45's clipboard answers with promises, an in-memory one at once.
 */
export interface Clipboard {
  readText(): string | Promise<string>
  writeText(text: string): void | Promise<void>
}

/** setTimeout/clearTimeout, injectable so tests can drive the 30 s with fake timers. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** The consumer a Copy is recorded under in "where it is used". */
export const COPY_CONSUMER = 'Safehold app (Copy)'
export const CLIPBOARD_CLEAR_SECONDS = 30

export interface CopyResult {
  clearsAfterSeconds: number
  /** The secret was Inactive or Scheduled for deletion; this use made it Active again. */
  reactivated: boolean
}

export interface SecretCopier {
  copySecret(request: { ref: SecretRef; field?: string }): Promise<CopyResult>
  /**
   * On quit: cancels the timer and clears the clipboard now if it still holds the value. With an
   * asynchronous clipboard the clear is started, not awaited; await `cleared` to be sure.
   */
  dispose(): { cleared: Promise<void> }
}

const globalTimers: Timers = {
  // Looked up at call time, so fake timers installed after this module loaded still apply.
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

// Some clipboards hand text back with CRLF line ends; a PEM copied with LF is still "ours".
const digest = (text: string): string =>
  createHash('sha256').update(text.replace(/\r\n/g, '\n'), 'utf8').digest('hex')

export function secretCopier(deps: {
  store: VaultStore
  clock: Clock
  clipboard: Clipboard
  timers?: Timers
}): SecretCopier {
  const { store, clock, clipboard, timers = globalTimers } = deps
  let pending: { handle: unknown; digest: string } | null = null

  const clearIfStillOurs = async (expected: string): Promise<void> => {
    try {
      const current = await clipboard.readText()
      if (current !== '' && digest(current) === expected) await clipboard.writeText('')
    } catch {
      // Unreadable or unwritable: we cannot tell it is ours, so it is not ours to clear.
    }
  }

  const cancelPending = (): void => {
    if (pending !== null) timers.clearTimeout(pending.handle)
    pending = null
  }

  return {
    async copySecret(request) {
      const used = await useSecret(store, clock, { ...request, consumer: COPY_CONSUMER })
      try {
        await clipboard.writeText(used.value)
      } catch {
        throw new SafeholdError('IO_ERROR', 'The clipboard could not be written; copy again.')
      }
      // A second Copy restarts the 30 s: the newest value gets its full time on the clipboard.
      cancelPending()
      const expected = digest(used.value)
      const handle = timers.setTimeout(() => {
        pending = null
        void clearIfStillOurs(expected)
      }, CLIPBOARD_CLEAR_SECONDS * 1000)
      pending = { handle, digest: expected }
      return { clearsAfterSeconds: CLIPBOARD_CLEAR_SECONDS, reactivated: used.reactivated }
    },
    dispose() {
      const expected = pending?.digest
      cancelPending()
      return { cleared: expected === undefined ? Promise.resolve() : clearIfStillOurs(expected) }
    },
  }
}

/** A clipboard in memory: for tests, and for the browser harness, which has no OS clipboard. */
export function memoryClipboard(initial = ''): {
  readText(): string
  writeText(text: string): void
} {
  let text = initial
  return {
    readText: () => text,
    writeText: (next) => {
      text = next
    },
  }
}
