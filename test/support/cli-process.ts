/**
 * Runs the built `safehold` command (out/main/cli.js) as a real process, the way a user or a
 * script does. Free of any test runner, so vitest and Playwright tests both use it.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

export const PROJECT_ROOT = join(__dirname, '..', '..')
export const CLI_PATH = join(PROJECT_ROOT, 'out', 'main', 'cli.js')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** Passed as `--vault DIR` before the arguments. */
  vault?: string
  /** Added to the environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>
  /** Standard input; without it stdin is empty, so the command can never wait on a terminal. */
  input?: string
}

/**
 * `safehold ...args` in a child process. The caller's SAFEHOLD_PASSPHRASE and SAFEHOLD_VAULT_DIR
 * are not inherited: a test states the key source and the vault it means.
 */
export function runCli(args: string[], opts: CliOptions = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env['SAFEHOLD_PASSPHRASE']
  delete env['SAFEHOLD_VAULT_DIR']
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  const vaultArgs = opts.vault === undefined ? [] : ['--vault', opts.vault]
  const result = spawnSync(process.execPath, [CLI_PATH, ...vaultArgs, ...args], {
    cwd: PROJECT_ROOT,
    env,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (result.error) throw result.error
  return {
    code: result.status ?? (result.signal === null ? -1 : 128),
    stdout: result.stdout,
    stderr: result.stderr,
  }
}
