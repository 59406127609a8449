/**
 * Runs `safehold` in this process (runCli over buffers), for tests that run it thousands of
 * times: same code as the built command, without a process start per run. Vaults are keychain
 * vaults on a memory keychain, so no scrypt and no OS keychain is involved.
 */
import { Readable } from 'node:stream'
import { runCli } from '../../src/main/cli/run-cli'
import { memoryOutput } from '../../src/main/cli/cli-io'
import type { Keychain } from '../../src/main/keychain/keychain'
import type { Clock } from '../../src/main/lifecycle/clock'
import type { CliResult } from './cli-process'

export interface InProcessOptions {
  vault: string
  keychain: Keychain
  input?: string | Uint8Array
  env?: Record<string, string | undefined>
  /** The command's clock; default the system clock. */
  clock?: Clock
}

export async function runCliInProcess(args: string[], opts: InProcessOptions): Promise<CliResult> {
  const stdout = memoryOutput()
  const stderr = memoryOutput()
  const input = opts.input ?? ''
  const code = await runCli(['node', 'safehold', '--vault', opts.vault, ...args], {
    stdout,
    stderr,
    stdin: () => Readable.from([Buffer.from(input)]),
    env: { ...opts.env },
    keychain: opts.keychain,
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
  })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

/** A fresh keychain vault in `dir` made by `safehold init`, with its memory keychain. */
export async function initInProcess(
  dir: string,
  keychain: Keychain,
  args: string[] = [],
): Promise<void> {
  const result = await runCliInProcess(['init', '--user', 'Ann', ...args], { vault: dir, keychain })
  if (result.code !== 0) throw new Error(`init failed: ${result.stderr}`)
}

/** The one-line failure of DESIGN §6.1; returns its message. */
export function oneLineError(result: CliResult, code: string): string {
  if (result.code === 0) throw new Error(`expected ${code}, but it succeeded: ${result.stdout}`)
  const match = /^safehold: (.+) \[([A-Z_]+)\]\n$/.exec(result.stderr)
  if (!match) throw new Error(`not one "safehold: … [CODE]" line:\n${result.stderr}`)
  if (match[2] !== code) throw new Error(`expected ${code}, got ${match[2]}: ${match[1]}`)
  if (result.stdout !== '') throw new Error(`stdout was not empty: ${result.stdout}`)
  return match[1]!
}
