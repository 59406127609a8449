/**
 * The built `safehold` command as a real process that the test waits for without blocking its
 * own event loop: for tests whose peers (loopback servers) run in the test process itself and
 * must answer while the command runs. Same environment rules as runCli; killed after `timeoutMs`.
 */
import { spawn } from 'node:child_process'
import { CLI_PATH, PROJECT_ROOT, type CliOptions, type CliResult } from './cli-process'

export function runCliAsync(
  args: string[],
  opts: CliOptions & { timeoutMs?: number } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env['SAFEHOLD_PASSPHRASE']
  delete env['SAFEHOLD_VAULT_DIR']
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  const vaultArgs = opts.vault === undefined ? [] : ['--vault', opts.vault]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...vaultArgs, ...args], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({
        code: code ?? (signal === null ? -1 : 128),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      })
    })
    child.stdin.end(opts.input ?? '')
  })
}
