/**
 * Threat: the vault folder changed under the desktop app, which keeps the vault open for days.
 * Checks made once at open do not cover it: files put back from an earlier copy within the same
 * generation were replayed and the machine's mark lowered (after which the CLI accepted them
 * too and handed out a rotated-away token); a `backups` link planted meanwhile was written
 * through; a FIFO put where the lock file goes froze the process — in the app, every window.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { rolldown } from 'rolldown'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { fileMarks } from '../../src/main/vault/rollback-mark'
import { openVault } from '../../src/main/vault/vault-access'
import { ensureBuilt, expectCliError, expectSuccess, PROJECT_ROOT } from '../support/cli'
import { cliVault, copyFiles, type CliVault } from '../support/cli-vault'
import { removeTempDirs } from '../support/vault-fixtures'

beforeAll(ensureBuilt)
afterAll(removeTempDirs)

const passphraseOf = (label: string): string => `${label}: a passphrase long enough`

/** The vault opened the way the app opens it, and kept open. */
function openAsApp(v: CliVault, label: string): ReturnType<typeof openVault> {
  return openVault(v.vault, {
    keychain: memoryKeychain(),
    passphrase: passphraseOf(label),
    marks: fileMarks(join(v.stateDir, 'rollback-marks')),
  })
}

describe('a long-running store (the app)', () => {
  it('refuses files put back within the same generation and never lowers the mark', async () => {
    const label = 'running-same-generation'
    const v = cliVault(label, { passphrase: true })
    v.registerApiKey('key-aaa', 'value-a')
    const app = await openAsApp(v, label)
    v.registerApiKey('api-token', 'OLD_LEAKED_TOKEN')
    copyFiles(v.vault, join(v.scratch, 'older'), ['vault.snapshot', 'vault.journal'])
    expectSuccess(
      v.cli(['edit', 'api-token', '--secret-stdin', 'value'], { input: 'NEW_ROTATED_TOKEN' }),
    )
    v.registerApiKey('key-ccc', 'value-c')
    copyFiles(join(v.scratch, 'older'), v.vault, ['vault.snapshot', 'vault.journal'])
    expectCliError(v.cli(['list']), 'VAULT_ROLLED_BACK')

    // The app is behind the files it last saw, yet behind the machine's mark: refused too…
    await expect(app.store.refresh()).rejects.toMatchObject({ code: 'VAULT_ROLLED_BACK' })
    // …and the CLI still refuses the old files afterwards: the mark did not move back.
    const get = v.cli(['get', 'api-token', '--as', 'deploy'])
    expect(get.stdout).not.toContain('OLD_LEAKED_TOKEN')
    expectCliError(get, 'VAULT_ROLLED_BACK')
  })

  it('does not write through a `backups` link planted after it opened the vault', async () => {
    const label = 'running-backups-link'
    const v = cliVault(label, { passphrase: true })
    v.registerApiKey('doomed-key', 'DOOMED_VALUE_OUTSIDE')
    const app = await openAsApp(v, label)
    const outside = join(v.scratch, 'outside')
    mkdirSync(outside)
    symlinkSync(outside, join(v.vault, 'backups'))
    await expect(app.store.compact()).rejects.toMatchObject({ code: 'VAULT_UNSAFE' })
    await expect(app.store.transact(() => ({ ops: [], result: null }))).rejects.toMatchObject({
      code: 'VAULT_UNSAFE',
    })
    expect(readdirSync(outside)).toEqual([])
  })

  it('is not frozen by a FIFO put where the lock file goes', async () => {
    const label = 'running-fifo-lock'
    const v = cliVault(label, { passphrase: true })
    const bundleFile = join(v.scratch, 'store-child.cjs')
    const bundle = await rolldown({
      input: join(PROJECT_ROOT, 'test/support/long-running-store-child.ts'),
      platform: 'node',
      logLevel: 'silent',
    })
    await bundle.write({ file: bundleFile, format: 'cjs' })
    await bundle.close()
    const child = spawn(process.execPath, [bundleFile], {
      env: {
        ...process.env,
        SAFEHOLD_VAULT_DIR: v.vault,
        SAFEHOLD_PASSPHRASE: passphraseOf(label),
        SAFEHOLD_STATE_DIR: v.stateDir,
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const waitFor = async (text: string, ms: number): Promise<boolean> => {
      const deadline = Date.now() + ms
      while (Date.now() < deadline) {
        if (out.includes(text)) return true
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return false
    }
    try {
      expect(await waitFor('opened', 20_000)).toBe(true)
      execFileSync('mkfifo', ['-m', '600', join(v.vault, 'vault.lock')])
      child.stdin.write('refresh\n')
      expect(await waitFor('refresh ', 5_000), 'refresh never returned').toBe(true)
      expect(out).toContain('refresh ERR VAULT_UNSAFE')
    } finally {
      child.kill('SIGKILL')
    }
  }, 40_000)
})
