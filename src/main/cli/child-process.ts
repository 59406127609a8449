/**
 * `safehold run`'s child: started with the values in its environment (never its argv), standard
 * input passed through, its output masked (value-masker.ts) or passed straight through, signals
 * forwarded, and its exit status returned as a shell reports it (128 + n for a signal n).
 *
 * A terminal's Ctrl-C (and Ctrl-\) goes to its whole foreground process group: when the child is
 * in that group with us, it has the signal already, and forwarding it would deliver it twice. So
 * SIGINT and SIGQUIT are forwarded only when this process is not in the terminal's foreground
 * group (a `kill` from elsewhere, a background job); the other signals always.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { constants } from 'node:os'
import type { Readable } from 'node:stream'
import { SafeholdError } from '../../shared/errors'
import { createMasker } from '../usage/value-masker'
import type { CliOutput } from './cli-io'

export const FORWARDED_SIGNALS = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'SIGUSR1',
  'SIGUSR2',
] as const
const TERMINAL_SIGNALS = new Set<NodeJS.Signals>(['SIGINT', 'SIGQUIT'])

export interface ChildSpec {
  command: string
  args: string[]
  env: Record<string, string>
  /** The values to conceal in the child's output; null passes its streams through untouched. */
  masked: string[] | null
  out: CliOutput
  err: CliOutput
}

/**
 * True when this process is in its terminal's foreground process group (Linux: /proc/self/stat's
 * pgrp and tpgid fields). Elsewhere, or without a terminal, false: every signal is forwarded.
 */
export function inForegroundGroup(): boolean {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const pgrp = Number(fields[2])
    const tpgid = Number(fields[5])
    return tpgid > 0 && pgrp === tpgid
  } catch {
    return false
  }
}

function pump(from: Readable, to: CliOutput, values: string[] | null): Promise<void> {
  const masker = values === null ? null : createMasker(values)
  return new Promise((resolve) => {
    from.on('data', (chunk: Buffer) => {
      const out = masker === null ? chunk : masker.write(chunk)
      // A reader slower than the child: the child waits (its pipe fills), not our memory.
      if (out.length > 0 && to.write(out) === false && to.drained) {
        from.pause()
        to.drained(() => from.resume())
      }
    })
    from.on('end', () => {
      const rest = masker?.end()
      if (rest !== undefined && rest.length > 0) to.write(rest)
      resolve()
    })
    from.on('error', () => resolve())
  })
}

/** Runs the child to its end; resolves with its exit status. */
export async function runChild(spec: ChildSpec): Promise<number> {
  const masking = spec.masked !== null
  const child = spawn(spec.command, spec.args, {
    env: spec.env,
    stdio: masking ? ['inherit', 'pipe', 'pipe'] : 'inherit',
  })
  const forward = (signal: NodeJS.Signals): void => {
    if (TERMINAL_SIGNALS.has(signal) && inForegroundGroup()) return
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
  // Listening replaces Node's default (exit at once): this process waits for the child instead.
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward)
  try {
    const streams = masking
      ? Promise.all([
          pump(child.stdout!, spec.out, spec.masked),
          pump(child.stderr!, spec.err, spec.masked),
        ])
      : Promise.resolve()
    const status = await new Promise<number>((resolve, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) => {
        const why =
          error.code === 'ENOENT'
            ? 'was not found; give its path, or a command on PATH'
            : error.code === 'EACCES'
              ? 'may not be run (permission denied)'
              : 'could not be started'
        reject(new SafeholdError('INVALID_INPUT', `The command to run ${why}.`, 'command'))
      })
      child.on('close', (code, signal) =>
        resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)),
      )
    })
    await streams
    return status
  } finally {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, forward)
  }
}
