/**
 * The lifecycle as the composition root builds it for the app, the harness and the CLI: the app's
 * engine sends reminders and shows them; the CLI's ('deletions-only') carries out due deletions
 * and records them but sends no other reminder; close() stops the scheduler.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { openAppServices } from '../../src/main/app/app-services'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { recordingNotifier } from '../../src/main/lifecycle/notifier'
import type { Timers } from '../../src/main/usage/clipboard'
import { memoryClipboard } from '../../src/main/usage/clipboard'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const T0 = Date.parse('2030-02-01T00:00:00.000Z')
const iso = (day: number): string => new Date(T0 + day * 86_400_000).toISOString()

afterEach(removeTempDirs)

function countingTimers(): Timers & { armed: Set<unknown> } {
  const armed = new Set<unknown>()
  let next = 0
  return {
    armed,
    setTimeout: () => {
      armed.add(++next)
      return next
    },
    clearTimeout: (handle) => armed.delete(handle),
  }
}

async function services(mode: 'run' | 'deletions-only', dir: string, day: number) {
  const clock = fixedClock(iso(day))
  const notifier = recordingNotifier()
  const timers = countingTimers()
  const opened = await openAppServices({
    vaultDir: dir,
    keychain,
    passphrase: null,
    clock,
    clipboard: memoryClipboard(),
    createIfMissing: true,
    notifier,
    lifecycle: mode,
    timers,
  })
  return { ...opened, notifier, timers }
}

const keychain = memoryKeychain()

describe('the lifecycle of the composition root', () => {
  it('the app sends and shows reminders; the CLI only carries out deletions', async () => {
    const dir = makeTempDir('lifecycle-root')
    const app = await services('run', dir, 0)
    for (const name of ['stripe-live', 'github-token']) {
      await app.secrets.register({
        type: 'api-key',
        name,
        scope: { kind: 'organization' },
        fields: { headerName: 'X-Api-Key', value: `value-of-${name}` },
      })
    }
    await app.secrets.scheduleDeletion({ name: 'github-token' })
    app.close()

    // Day 35: the CLI opens the vault; github-token's deletion (day 30) is due, no reminder sent.
    const cli = await services('deletions-only', dir, 35)
    const pass = await cli.lifecycle.runOnce()
    expect(pass.reminders.map((r) => `${r.secretName} ${r.kind}`)).toEqual(['github-token deleted'])
    expect((await cli.secrets.list()).map((s) => s.name)).toEqual(['stripe-live'])
    cli.close()

    // The app, next opened, shows what is new since it started: the inactive reminder it sends.
    const later = await services('run', dir, 35)
    later.lifecycle.start()
    await expect
      .poll(() => later.notifier.shown.map((n) => n.title))
      .toEqual(['"stripe-live" is inactive'])
    await expect.poll(() => later.timers.armed.size).toBe(1)
    later.close()
    expect(later.timers.armed.size).toBe(0)
    const list = await later.notifications.list()
    expect(list.items.map((n) => n.title)).toEqual([
      '"stripe-live" is inactive',
      '"github-token" was deleted',
    ])
  })
})
