/**
 * Threat: a secret whose deletion has fallen due comes back, or holds the vault hostage. In the
 * moments between the due instant and the engine's next pass (a second, or up to a minute after
 * a clock jump or a resume) Cancel deletion and Edit used to make it Active again, so the pass
 * deleted nothing; and on a full disk, a due deletion that could not be written made every CLI
 * command fail, reads included. Now a due secret refuses every use and change, and a deletion that
 * cannot be written waits for the next process while reads go on.
 */
import { closeSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openAppServices } from '../../src/main/app/app-services'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { recordingNotifier } from '../../src/main/lifecycle/notifier'
import { memoryClipboard, type Timers } from '../../src/main/usage/clipboard'
import type { SecretSummary } from '../../src/shared/secret-view'
import { runCliInProcess } from '../support/cli-in-process'
import { fillDisk, mountSmallDisk, unmountSmallDisk } from '../support/small-disk'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const T0 = Date.parse('2030-02-01T00:00:00.000Z')
const day = (n: number): string => new Date(T0 + n * 86_400_000).toISOString()
const idle: Timers = { setTimeout: () => 1, clearTimeout: () => undefined }

afterEach(removeTempDirs)

async function appAt(
  dir: string,
  clock: ReturnType<typeof fixedClock>,
  keychain = memoryKeychain(),
) {
  return openAppServices({
    vaultDir: dir,
    keychain,
    passphrase: null,
    clock,
    clipboard: memoryClipboard(),
    createIfMissing: true,
    notifier: recordingNotifier(),
    timers: idle,
  })
}

const apiKey = (name: string) =>
  ({
    type: 'api-key',
    name,
    scope: { kind: 'organization' },
    fields: { headerName: 'X-Api-Key', value: `sk_${name}_value_0123456789` },
  }) as const

describe('a secret whose deletion is due', () => {
  it('cannot be brought back by Cancel deletion, Edit, Schedule or Copy before the pass', async () => {
    const clock = fixedClock(day(0))
    const app = await appAt(makeTempDir('due-revive'), clock)
    await app.secrets.register(apiKey('scheduled'))
    await app.secrets.register(apiKey('idle'))
    await app.secrets.scheduleDeletion({ name: 'scheduled' })
    // "scheduled" fell due on day 30, "idle" (never used) on day 60; no pass has run yet.
    clock.set(day(61))
    const gone = /was due for deletion and can no longer be used/
    await expect(app.secrets.cancelDeletion({ name: 'scheduled' })).rejects.toThrow(gone)
    await expect(
      app.secrets.edit({ ref: { name: 'idle' }, fields: { headerName: 'X-Other' } }),
    ).rejects.toThrow(gone)
    await expect(app.secrets.scheduleDeletion({ name: 'idle' })).rejects.toThrow(gone)
    await expect(app.copier.copySecret({ ref: { name: 'idle' } })).rejects.toThrow(gone)

    const pass = await app.lifecycle.runOnce()
    expect(pass.deleted).toHaveLength(2)
    expect(await app.secrets.list()).toEqual([])
    app.close()
  })
})

describe('a due deletion on a full disk', () => {
  it('leaves reading commands working, says why once, and is carried out once there is room', async () => {
    const mounted = mountSmallDisk('1m')
    if (mounted.dir === null) {
      console.warn(`full-disk case skipped: ${mounted.reason}`)
      return
    }
    const disk = mounted.dir
    try {
      const vault = join(disk, 'vault')
      const keychain = memoryKeychain()
      const clock = fixedClock(day(0))
      const app = await appAt(vault, clock, keychain)
      await app.secrets.register(apiKey('keeper'))
      await app.secrets.register(apiKey('doomed'))
      await app.secrets.scheduleDeletion({ name: 'doomed' })
      await app.secrets.edit({ ref: { name: 'keeper' }, fields: { headerName: 'X-Kept' } })
      app.close()

      const filler = join(disk, 'filler')
      closeSync(fillDisk(filler))

      clock.set(day(31))
      const cli = (args: string[]) => runCliInProcess(args, { vault, keychain, clock })
      const list = await cli(['list', '--json'])
      expect(list.code, list.stderr).toBe(0)
      const names = (JSON.parse(list.stdout) as SecretSummary[]).map((s) => s.name)
      expect(names).toEqual(['doomed', 'keeper'])
      expect(list.stderr).toMatch(/^warning: A deletion is due but could not be carried out now/m)
      expect(list.stderr).toMatch(/The disk is full/)
      // The due secret's value is not handed out all the same.
      const used = await cli(['get', 'doomed', '--as', 'deploy'])
      expect(used.code).not.toBe(0)
      expect(used.stdout).toBe('')

      rmSync(filler)
      const after = await cli(['list', '--json'])
      expect(after.code, after.stderr).toBe(0)
      expect((JSON.parse(after.stdout) as SecretSummary[]).map((s) => s.name)).toEqual(['keeper'])
      expect(after.stderr).toMatch(/"doomed" was deleted/)
    } finally {
      unmountSmallDisk(disk)
    }
  })
})
