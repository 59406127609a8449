/**
 * A small tmpfs for the specs that fill a disk, and the filling. Mounting needs privileges a
 * machine may refuse; the caller then skips, printing the reason this gives.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type SmallDisk = { dir: string; reason: null } | { dir: null; reason: string }

export function mountSmallDisk(size: string): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'safehold-small-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    })
    return { dir, reason: null }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    const detail = String((error as { stderr?: Buffer }).stderr ?? error).trim()
    return { dir: null, reason: `a small tmpfs cannot be mounted here (${detail || 'refused'})` }
  }
}

export function unmountSmallDisk(dir: string): void {
  execFileSync('umount', [dir])
  rmSync(dir, { recursive: true, force: true })
}

/** Fills the disk holding `path` to the last byte; returns the filler's descriptor. */
export function fillDisk(path: string): number {
  const fd = openSync(path, 'a')
  for (const size of [65_536, 4_096, 512, 1]) {
    const chunk = Buffer.alloc(size, 0x5a)
    try {
      for (;;) writeSync(fd, chunk)
    } catch {
      // ENOSPC: on to a smaller chunk
    }
  }
  return fd
}
