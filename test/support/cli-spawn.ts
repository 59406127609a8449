/**
 * The built command as a real process under a short time limit, for the properties only a real
 * process has: a FIFO or /dev/zero on a file option, a closed stdout, a real stdin. A run that
 * overruns is killed and reported as such, so a regression fails instead of hanging the suite.
 */
import { spawnSync } from 'node:child_process'
import { CLI_PATH, PROJECT_ROOT, type CliResult } from './cli-process'

export interface LimitedResult extends CliResult {
  timedOut: boolean
}

export function runCliLimited(
  args: string[],
  opts: { vault: string; env?: Record<string, string>; input?: string; timeoutMs?: number },
): LimitedResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env }
  if (opts.env?.['SAFEHOLD_PASSPHRASE'] === undefined) delete env['SAFEHOLD_PASSPHRASE']
  delete env['SAFEHOLD_VAULT_DIR']
  delete env['SAFEHOLD_DEBUG']
  const result = spawnSync(process.execPath, [CLI_PATH, '--vault', opts.vault, ...args], {
    cwd: PROJECT_ROOT,
    env,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 15_000,
    maxBuffer: 4 * 1024 * 1024,
  })
  const error: NodeJS.ErrnoException | undefined = result.error
  const timedOut = error?.code === 'ETIMEDOUT'
  return {
    code: result.status ?? -1,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    timedOut,
  }
}
