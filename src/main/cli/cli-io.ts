/**
 * Everything the `safehold` command touches outside the vault: its output streams, standard
 * input, environment, keychain and clock. The real process passes its own; a test passes
 * buffers and a memory keychain and runs the command in-process.
 */
import type { Keychain } from '../keychain/keychain'
import type { Clock } from '../lifecycle/clock'

export interface CliOutput {
  /**
   * Text, or bytes passed through as they are (`run`'s child output). False when the stream is
   * full: a writer that can wait does, until `drained`.
   */
  write(data: string | Uint8Array): boolean | void
  /** Calls `then` once a full stream has room again. */
  drained?(then: () => void): void
}

export interface CliIo {
  stdout: CliOutput
  stderr: CliOutput
  /** Standard input, opened only by a command that reads it. */
  stdin(): AsyncIterable<Uint8Array | string> & { isTTY?: boolean }
  env: Record<string, string | undefined>
  /** Default: the OS keychain, loaded only when a key is needed. */
  keychain?: Keychain
  clock?: Clock
}

/** Collects output in memory. */
export function memoryOutput(): CliOutput & { text(): string } {
  const parts: string[] = []
  return {
    write: (data) =>
      void parts.push(typeof data === 'string' ? data : Buffer.from(data).toString()),
    text: () => parts.join(''),
  }
}
