/**
 * Threat: a Safehold process whose clock is shifted (libfaketime in tests, a clock set days ahead
 * by hand) takes another live process's fresh vault lock for a stale one and breaks it, so two
 * writers append to the journal at once. The lock's age must come from the kernel's timestamps.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireLock, LOCK_FILE } from '../../src/main/vault/vault-lock'

const DAY_MS = 86_400_000
const shifted = (days: number) => ({ now: () => new Date(Date.now() + days * DAY_MS) })

describe('a vault lock seen by a process whose clock is shifted', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'safehold-lock-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const plantLock = (pid: number): void =>
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), token: 'held' }), {
      mode: 0o600,
    })

  it('leaves a live holder’s fresh lock alone, 45 days ahead', async () => {
    plantLock(process.pid)
    await expect(acquireLock(dir, 300, shifted(45))).rejects.toMatchObject({ code: 'VAULT_BUSY' })
  })

  it('still breaks a lock whose holder is gone, and one that is really old', async () => {
    plantLock(2 ** 22 + 12345)
    const lock = await acquireLock(dir, 2_000, shifted(45))
    lock.release()

    plantLock(process.pid)
    const old = new Date(Date.now() - 10 * 60_000)
    utimesSync(join(dir, LOCK_FILE), old, old)
    const taken = await acquireLock(dir, 2_000, shifted(-45))
    taken.release()
  })
})
