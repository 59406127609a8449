/**
 * Runs the built `safehold` command (out/main/cli.js) as a real process, the way a user or a
 * script does, and offers the checks every CLI test repeats: the one-line error, the vault files
 * left untouched, the value that never shows up in an output.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { expect } from 'vitest'
import { KEYCHAIN_SERVICE } from '../../src/main/keychain/keychain'
import { keychainAccount } from '../../src/main/vault/vault-key'
import { KEYCHAIN_ENTRY_OPTIONS } from './keychain'

import { CLI_PATH, PROJECT_ROOT, runCli, type CliOptions, type CliResult } from './cli-process'

export { CLI_PATH, PROJECT_ROOT, runCli, type CliOptions, type CliResult }

/** Asserts success and returns stdout parsed as JSON. */
export function runCliJson<T = unknown>(args: string[], opts: CliOptions = {}): T {
  const result = runCli([...args, '--json'], opts)
  expectSuccess(result)
  return JSON.parse(result.stdout) as T
}

export function expectSuccess(result: CliResult): void {
  expect(result, `safehold failed: ${result.stderr}`).toMatchObject({ code: 0 })
}

/**
 * A failure as DESIGN.md §6.1 describes it: non-zero exit, nothing on stdout, exactly one line on
 * stderr, `safehold: <message> [CODE]`, no stack trace. Returns the message.
 */
export function expectCliError(result: CliResult, code: string, message?: RegExp): string {
  expect(result.code, `expected a failure, got stdout ${result.stdout}`).not.toBe(0)
  expect(result.stdout).toBe('')
  expect(result.stderr).not.toContain('    at ')
  const lines = result.stderr.split('\n')
  expect(lines, `stderr must be one line:\n${result.stderr}`).toHaveLength(2)
  expect(lines[1]).toBe('')
  const match = /^safehold: (.+) \[([A-Z_]+)\]$/.exec(lines[0]!)
  expect(match, `not "safehold: <message> [CODE]": ${lines[0]}`).not.toBeNull()
  expect(match![2]).toBe(code)
  if (message) expect(match![1]).toMatch(message)
  return match![1]!
}

/** Every file under `dir` (recursively) with a hash of its bytes, to prove nothing changed. */
export function fileDigests(dir: string): Record<string, string> {
  const digests: Record<string, string> = {}
  if (!existsSync(dir)) return digests
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name)
      if (statSync(path).isDirectory()) walk(path)
      else
        digests[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }
  walk(dir)
  return digests
}

/** The vault id from the plaintext header, e.g. to find the vault's keychain item. */
export function vaultId(vaultDir: string): string {
  const header = JSON.parse(readFileSync(join(vaultDir, 'vault.json'), 'utf8')) as {
    vaultId: string
  }
  return header.vaultId
}

/** Removes the vault key that `safehold init` put into the OS keychain; a test cleans up after itself. */
export function forgetKeychainKey(vaultDir: string): void {
  if (!existsSync(join(vaultDir, 'vault.json'))) return
  const { Entry } = createRequire(import.meta.url)(
    '@napi-rs/keyring',
  ) as typeof import('@napi-rs/keyring')
  new Entry(
    KEYCHAIN_SERVICE,
    keychainAccount(vaultId(vaultDir)),
    KEYCHAIN_ENTRY_OPTIONS,
  ).deletePassword()
}

const BUILD_LOCK = join(
  tmpdir(),
  `safehold-build-${createHash('sha256').update(PROJECT_ROOT).digest('hex').slice(0, 12)}.lock`,
)

/**
 * Builds the app once (`npx electron-vite build`) when out/main/cli.js is missing. Test files run
 * in parallel workers, so one build runs at a time under a lock folder; the others wait for it.
 * Call it from beforeAll; the integration project's hook timeout (120 s) covers a build.
 */
export async function ensureBuilt(): Promise<void> {
  const deadline = Date.now() + 110_000
  while (!isBuilt()) {
    if (takeLock()) {
      try {
        if (!isBuilt()) build()
      } finally {
        rmSync(BUILD_LOCK, { recursive: true, force: true })
      }
      break
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another build of ${CLI_PATH}`)
    await new Promise((done) => setTimeout(done, 250))
  }
  if (!isBuilt()) throw new Error(`The build did not produce ${CLI_PATH} and its worker`)
}

/** A build from before the certificate worker existed cannot read certificates: build again. */
function isBuilt(): boolean {
  return existsSync(CLI_PATH) && existsSync(join(dirname(CLI_PATH), 'certificate-worker.js'))
}

function takeLock(): boolean {
  try {
    mkdirSync(BUILD_LOCK)
    return true
  } catch {
    // A lock left by a build that died more than two minutes ago is stale.
    const lock = statSync(BUILD_LOCK, { throwIfNoEntry: false })
    if (lock !== undefined && Date.now() - lock.mtimeMs > 120_000) {
      rmSync(BUILD_LOCK, { recursive: true, force: true })
    }
    return false
  }
}

function build(): void {
  try {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: PROJECT_ROOT, stdio: 'pipe' })
  } catch (error) {
    const output = (error as { stderr?: Buffer; stdout?: Buffer }).stderr?.toString() ?? ''
    throw new Error(`npx electron-vite build failed:\n${output.slice(-4000)}`, { cause: error })
  }
}
