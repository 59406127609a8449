/**
 * Threat: `safehold scan` walks folders someone else may have filled. A FIFO nobody writes to would
 * block a read for ever, a link to /dev/zero would never end, a symlink loop would recurse without
 * end, a symlink to a file outside would scan (and report) what was never asked for, and a file
 * name holding terminal escapes would reach the user's terminal when a place is printed. The scan
 * opens files without following links and without blocking, reads regular files only, and prints
 * names with control characters escaped.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, expect, it } from 'vitest'
import { expectSuccess } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'

const VALUE = 'scan-threat-value-6b5a4c3d'
let v: CliVault
let folder: string

beforeAll(() => {
  v = cliVault('scan-inputs')
  v.registerApiKey('threat-key', VALUE)
  folder = join(v.scratch, 'hostile')
  mkdirSync(join(folder, 'loop'), { recursive: true })
  expect(spawnSync('mkfifo', [join(folder, 'pipe')]).status).toBe(0)
  symlinkSync('/dev/zero', join(folder, 'zero'))
  symlinkSync('..', join(folder, 'loop', 'up'))
  const outside = join(v.scratch, 'outside.txt')
  writeFileSync(outside, `${VALUE}\n`)
  symlinkSync(outside, join(folder, 'outside-link'))
  writeFileSync(join(folder, 'evil\u001b[2Jname.txt'), `x\n${VALUE}\n`)
}, 60_000)

it('finishes, scanning only the regular files inside, and escapes what it prints', () => {
  const started = Date.now()
  const result = v.cli(['scan', folder])
  expectSuccess(result)
  expect(Date.now() - started).toBeLessThan(30_000)
  expect(result.stdout).not.toContain('\u001b')
  expect(result.stdout).not.toContain(VALUE)
  const lines = result.stdout.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/evil.*name\.txt:2: threat-key$/)
  expect(result.stderr).toMatch(/Scanned 1 file for \d+ values?: found in 1 place\./)
})
