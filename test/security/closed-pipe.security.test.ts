/**
 * A reader that stops early (`safehold list | head -1`) once made the command die with an
 * unhandled EPIPE and a stack trace on stderr. Now the output ends quietly: nothing on stderr,
 * the usual exit status. Real processes whose stdout is closed before they write.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SecretsService } from '../../src/main/secrets/secrets-service'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { createVault } from '../../src/main/vault/vault-access'
import { CLI_PATH, ensureBuilt } from '../support/cli'
import { fixedClock } from '../support/vault-fixtures'

const PASSPHRASE = 'closed pipe: a passphrase long enough'
let root = ''
let vault = ''

beforeAll(async () => {
  await ensureBuilt()
  root = mkdtempSync(join(tmpdir(), 'safehold-pipe-'))
  vault = join(root, 'vault')
  const clock = fixedClock(new Date().toISOString())
  const opened = await createVault(
    vault,
    {
      profile: { organization: 'Acme', user: 'Ann', role: 'account-holder' },
      passphrase: PASSPHRASE,
      now: clock.now(),
    },
    { keychain: memoryKeychain(), passphrase: null },
  )
  const service = new SecretsService(opened.store, clock, opened.protection)
  // Enough rows that the listing is larger than a pipe's buffer.
  for (let i = 0; i < 400; i++) {
    await service.register({
      type: 'api-key',
      name: `service-key-${String(i).padStart(3, '0')}`,
      scope: { kind: 'personal' },
      fields: { headerName: 'X-Api-Key', value: `value-${i}-0123456789` },
    })
  }
}, 120_000)

afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Runs the command with its stdout closed at once, as a reader that exits does. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI_PATH, '--vault', vault, ...args], {
      env: { ...process.env, SAFEHOLD_PASSPHRASE: PASSPHRASE, SAFEHOLD_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error('the command hung'))
    }, 20_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, stderr })
    })
  })
}

describe('a closed stdout', () => {
  it.each([
    [['list']],
    [['list', '--json']],
    [['show', 'service-key-007']],
    [['workspace', 'list', '--json']],
  ])('%j ends quietly with status 0', async (args) => {
    const result = await withClosedStdout(args)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
  })

  it('`safehold list | head -1` prints the header and no error', () => {
    const result = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" "${CLI_PATH}" --vault "${vault}" list | head -1`,
      ],
      {
        env: { ...process.env, SAFEHOLD_PASSPHRASE: PASSPHRASE },
        encoding: 'utf8',
        timeout: 20_000,
      },
    )
    expect(result.stdout).toMatch(/^SECRET NAME +CREDENTIAL TYPE/)
    expect(result.stdout.split('\n')).toHaveLength(2)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})
