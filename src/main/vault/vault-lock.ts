/**
 * One writer at a time across processes (app and CLI). The lock is a file created exclusively,
 * naming its holder's pid and host. It is held only for the milliseconds of one transaction, so a
 * lock whose holder is dead, or that is older than STALE_AFTER_MS, is stale and broken. We write
 * this rather than use proper-lockfile because its mtime-only staleness would make every
 * reader wait out the timeout after a crash; the holder's pid tells at once.
 *
 * Time: a lock file ages by its mtime, which the kernel stamps from the real clock, so its age is
 * read against a file the kernel stamps now (the system clock only where none can be written),
 * never the services' clock, which a test may move by days; the wait limit is a duration and is measured on the monotonic clock, so
 * a wall-clock jump neither cuts a wait short nor stretches it.
 */
import { randomUUID } from 'node:crypto'
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { systemClock, type Clock } from '../lifecycle/clock'
import { fromFsError, SafeholdError } from '../../shared/errors'
import { FILE_MODE, openVaultFile, unsafe } from './durable-files'

export const LOCK_FILE = 'vault.lock'
const STALE_AFTER_MS = 30_000
const WAIT_LIMIT_MS = 20_000

interface LockOwner {
  pid: number
  host: string
  token: string
}

export interface HeldLock {
  /** False for a reader that could not take the lock on a full disk and reads without it. */
  readonly held: boolean
  release(): void
}

const NO_ROOM = new Set(['ENOSPC', 'EDQUOT'])
const PROBE_FLAGS =
  constants.O_WRONLY |
  constants.O_CREAT |
  constants.O_EXCL |
  constants.O_NOFOLLOW |
  constants.O_NONBLOCK
const OWNER_MAX_BYTES = 1024

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export async function acquireLock(
  dir: string,
  waitLimitMs = WAIT_LIMIT_MS,
  wallClock: Clock = systemClock,
): Promise<HeldLock> {
  const path = join(dir, LOCK_FILE)
  // Only has to differ from every other holder's: no time needed.
  const token = `${process.pid}-${randomUUID()}`
  const owner: LockOwner = { pid: process.pid, host: hostname(), token }
  const deadline = performance.now() + waitLimitMs
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(path, owner)) return { held: true, release: () => releaseLock(path, token) }
    assertPlainLock(path)
    breakIfStale(path, wallClock)
    if (performance.now() > deadline) {
      throw new SafeholdError(
        'VAULT_BUSY',
        'Another Safehold process has been writing to the vault for too long; try again in a moment.',
      )
    }
    await sleep(Math.min(2 + attempt, 25) * (0.5 + Math.random()))
  }
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx', FILE_MODE)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    writeSync(fd, JSON.stringify(owner))
  } catch (error) {
    // A lock without its holder's name would look abandoned: take it back.
    closeSync(fd)
    unlinkSync(path)
    throw error
  }
  closeSync(fd)
  return true
}

function releaseLock(path: string, token: string): void {
  const current = readOwner(path)
  if (current?.token === token) unlinkSync(path)
}

/**
 * The holder a lock file names. Read like any vault file — no link followed, no FIFO waited on,
 * a few hundred bytes at most — so a planted lock can delay a writer, never freeze a reader.
 */
function readOwner(path: string): LockOwner | null {
  let fd: number
  try {
    fd = openVaultFile(path)
  } catch {
    return null
  }
  try {
    const bytes = Buffer.alloc(OWNER_MAX_BYTES)
    const read = readSync(fd, bytes, 0, OWNER_MAX_BYTES, 0)
    return JSON.parse(bytes.subarray(0, read).toString('utf8')) as LockOwner
  } catch {
    return null
  } finally {
    closeSync(fd)
  }
}

/** A lock file must be a plain file: anything else was put there, and would never go stale. */
function assertPlainLock(path: string): void {
  let stats
  try {
    stats = lstatSync(path)
  } catch {
    return
  }
  if (!stats.isFile()) throw unsafe(LOCK_FILE, 'is not a regular file')
}

function isStale(path: string, wallClock: Clock): boolean {
  const ageMs = ageOf(path, wallClock)
  if (ageMs === null) return false
  if (ageMs > STALE_AFTER_MS) return true
  const owner = readOwner(path)
  // A holder that has created the file but not yet written its name is alive by definition.
  if (owner === null) return ageMs > 1_000
  return owner.host === hostname() && !processIsAlive(owner.pid)
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Breaking is itself guarded by a short-lived breaker file, so two processes that both saw the
 * same stale lock cannot end up removing a fresh lock that a third process just took.
 */
function breakIfStale(path: string, wallClock: Clock): void {
  if (!isStale(path, wallClock)) return
  const breaker = `${path}.break`
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: 'breaker' }
  if (!tryCreate(breaker, owner)) {
    if (isStale(breaker, wallClock) || (ageOf(breaker, wallClock) ?? 0) > 2_000) {
      try {
        unlinkSync(breaker)
      } catch {
        // another process removed it first
      }
    }
    return
  }
  try {
    const before = readOwner(path)
    if (isStale(path, wallClock) && readOwner(path)?.token === before?.token) {
      const grave = `${path}.stale-${process.pid}`
      renameSync(path, grave)
      unlinkSync(grave)
    }
  } catch {
    // the lock vanished meanwhile: nothing to break
  } finally {
    unlinkSync(breaker)
  }
}

/**
 * How long ago a file was last written, by the kernel's own timestamps: a probe file written now
 * is the reference, so a process whose clock is shifted (libfaketime, a clock set by hand) does
 * not take a live holder's fresh lock for an old one. Where no probe can be written (a full
 * disk), the system clock stands in. Null when the file is gone.
 */
function ageOf(path: string, wallClock: Clock): number | null {
  let mtimeMs: number
  try {
    mtimeMs = lstatSync(path).mtimeMs
  } catch {
    return null
  }
  return kernelNow(path, wallClock) - mtimeMs
}

function kernelNow(path: string, wallClock: Clock): number {
  // A name no one can plant ahead, opened the way every vault file is: never through a link, never
  // waiting on a FIFO, and only ever a file this call made itself.
  const probe = `${path}.probe-${process.pid}-${randomUUID()}`
  let fd: number
  try {
    fd = openSync(probe, PROBE_FLAGS, FILE_MODE)
  } catch {
    return wallClock.now().getTime()
  }
  try {
    return fstatSync(fd).mtimeMs
  } catch {
    return wallClock.now().getTime()
  } finally {
    closeSync(fd)
    try {
      unlinkSync(probe)
    } catch {
      // already gone: nothing of ours is left
    }
  }
}

/**
 * Runs `work` under the vault lock; every file-system failure leaves as a typed error. A reader
 * (`read`) on a disk too full to hold the lock file reads without it: reading needs no free
 * space, and no writer can change the vault while there is none. `work` learns which it got.
 */
export async function withVaultLock<T>(
  dir: string,
  work: (held: boolean) => T,
  read = false,
): Promise<T> {
  let lock: HeldLock
  try {
    lock = await acquireLock(dir)
  } catch (error) {
    if (!(read && NO_ROOM.has(String((error as NodeJS.ErrnoException).code)))) {
      throw fromFsError(error, 'the vault folder')
    }
    lock = { held: false, release: () => undefined }
  }
  try {
    return work(lock.held)
  } catch (error) {
    throw fromFsError(error, 'the vault folder')
  } finally {
    lock.release()
  }
}
