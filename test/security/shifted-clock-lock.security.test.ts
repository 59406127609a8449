/**
 * Threat: a Safehold process whose clock is shifted (libfaketime in tests, a clock set days ahead
 * by hand) takes another live process's fresh vault lock for a stale one and breaks it, so two
 * writers append to the journal at once. The lock's age must come from the kernel's timestamps.
 */
import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
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

describe('the probe that dates a lock', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'safehold-lock-probe-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const liveLockIn = (name: string): string => {
    const vault = join(dir, name)
    mkdirSync(vault, { mode: 0o700 })
    writeFileSync(
      join(vault, LOCK_FILE),
      JSON.stringify({ pid: process.pid, host: hostname(), token: 'held' }),
    )
    return vault
  }

  it('does not follow a link planted where the probe would go', async () => {
    const victim = join(dir, 'outside.txt')
    writeFileSync(victim, 'precious data\n')
    const vault = liveLockIn('linked')
    symlinkSync(victim, join(vault, `${LOCK_FILE}.probe-${process.pid}`))
    await expect(acquireLock(vault, 300)).rejects.toMatchObject({ code: 'VAULT_BUSY' })
    expect(readFileSync(victim, 'utf8')).toBe('precious data\n')
  })

  it('does not wait on a FIFO planted where the probe would go', async () => {
    const vault = liveLockIn('fifo')
    execFileSync('mkfifo', [join(vault, `${LOCK_FILE}.probe-${process.pid}`)])
    const started = Date.now()
    await expect(acquireLock(vault, 300)).rejects.toMatchObject({ code: 'VAULT_BUSY' })
    expect(Date.now() - started).toBeLessThan(2_000)
  }, 10_000)
})
