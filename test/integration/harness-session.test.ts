/**
 * The browser harness runs the app's vault session (DESIGN §6.2): with --no-vault an empty folder
 * shows the first-run phase and a vault is created over IPC as the welcome screen does; a
 * passphrase vault started without SAFEHOLD_PASSPHRASE waits on the unlock screen; "Open a vault
 * folder…" answers with --pick-folder's folder; Lock now locks; --idle-lock-seconds locks an idle
 * vault within seconds; the in-memory clipboard tells when it is written and cleared, never what it
 * holds; and the URL is still the first line.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type RunningHarness } from '../support/harness'

const PASSPHRASE = 'harness session passphrase'
let root = ''
const running: RunningHarness[] = []

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'safehold-harness-session-'))
})

afterEach(async () => {
  for (const harness of running.splice(0)) await harness.stop()
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

async function start(options: Parameters<typeof startHarness>[0]): Promise<RunningHarness> {
  const harness = await startHarness(options)
  running.push(harness)
  return harness
}

function ipc(harness: RunningHarness, channel: string, payload: unknown = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(`/__safehold/ipc/${channel}`, harness.origin),
      {
        method: 'POST',
        headers: {
          origin: harness.origin,
          'content-type': 'application/json',
          'x-safehold-token': harness.token,
        },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve(JSON.parse(body)))
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(payload))
  })
}

describe('the harness and the vault session', () => {
  it('with --no-vault shows the first-run phase, and creates the vault the welcome screen asks for', async () => {
    const dir = join(root, 'welcome')
    const harness = await start({ vaultDir: dir, noVault: true })
    expect(await ipc(harness, 'vault:state')).toMatchObject({
      ok: true,
      value: { phase: 'no-vault', vaultDir: dir, protection: null },
    })
    expect(await ipc(harness, 'secrets:list')).toMatchObject({
      ok: false,
      error: { code: 'NO_VAULT' },
    })
    expect(existsSync(join(dir, 'vault.json'))).toBe(false)
    const created = await ipc(harness, 'vault:create', {
      organization: 'Acme',
      user: 'Ada',
      protection: 'passphrase',
      passphrase: PASSPHRASE,
    })
    expect(created).toMatchObject({ ok: true, value: { phase: 'open', protection: 'Passphrase' } })
    expect(await ipc(harness, 'secrets:list')).toEqual({ ok: true, value: [] })
  })

  it('serves a passphrase vault without SAFEHOLD_PASSPHRASE locked, until its passphrase unlocks it', async () => {
    const dir = join(root, 'locked')
    // Made by a first run with the passphrase in the environment, as before.
    const first = await start({ vaultDir: dir, passphrase: PASSPHRASE })
    await first.stop()
    const harness = await start({ vaultDir: dir })
    expect(await ipc(harness, 'vault:state')).toMatchObject({
      value: { phase: 'locked', unlockWith: 'passphrase' },
    })
    expect(await ipc(harness, 'app:state')).toMatchObject({ error: { code: 'VAULT_LOCKED' } })
    expect(
      await ipc(harness, 'vault:unlock', { passphrase: 'wrong passphrase, sorry' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE', field: 'passphrase' },
    })
    expect(await ipc(harness, 'vault:unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
      value: { phase: 'open' },
    })
    expect(await ipc(harness, 'vault:lock')).toMatchObject({
      value: { phase: 'locked', lockedBy: 'user' },
    })
  })

  it('opens the folder given with --pick-folder; without it the pick is cancelled', async () => {
    const other = join(root, 'other')
    const made = await start({ vaultDir: other, passphrase: PASSPHRASE })
    await made.stop()
    const harness = await start({ vaultDir: join(root, 'empty'), noVault: true, pickFolder: other })
    expect(await ipc(harness, 'vault:open-folder')).toMatchObject({
      ok: true,
      value: { cancelled: false, state: { phase: 'locked', vaultDir: other } },
    })
    const plain = await start({ vaultDir: join(root, 'empty-too'), noVault: true })
    expect(await ipc(plain, 'vault:open-folder')).toMatchObject({
      ok: true,
      value: { cancelled: true, state: { phase: 'no-vault' } },
    })
  })

  it('locks an idle vault after --idle-lock-seconds, clearing a copied value, and prints only that it did', async () => {
    const value = 'sk_live_harness_idle_5e1f'
    const harness = await start({
      vaultDir: join(root, 'idle'),
      passphrase: PASSPHRASE,
      idleLockSeconds: 2,
    })
    const registered = (await ipc(harness, 'secrets:register', {
      type: 'api-key',
      name: 'idle-key',
      scope: { kind: 'personal' },
      fields: { headerName: 'X-Api-Key', value },
    })) as { ok: boolean; value: { secret: { id: string } } }
    expect(registered.ok).toBe(true)
    expect(await ipc(harness, 'secrets:copy', { id: registered.value.secret.id })).toMatchObject({
      ok: true,
    })
    await harness.waitForLine('clipboard: written')
    expect(await ipc(harness, 'vault:touch')).toMatchObject({ value: { locksInMs: 2000 } })
    expect(await ipc(harness, 'vault:state')).toMatchObject({ value: { phase: 'open' } })
    await harness.waitForLine('clipboard: cleared', { timeoutMs: 8000 })
    expect(await ipc(harness, 'vault:state')).toMatchObject({
      value: { phase: 'locked', lockedBy: 'idle' },
    })
    expect(harness.lines().filter((line) => line.startsWith('clipboard:'))).toEqual([
      'clipboard: written',
      'clipboard: cleared',
    ])
    expect(harness.lines().join('\n')).not.toContain(value)
  })

  it('refuses an --idle-lock-seconds that is not a whole number of seconds', async () => {
    await expect(
      start({ vaultDir: join(root, 'idle-bad'), noVault: true, idleLockSeconds: 0 }),
    ).rejects.toThrow(/--idle-lock-seconds must be a whole number from 1 to 86400/)
  })
})
