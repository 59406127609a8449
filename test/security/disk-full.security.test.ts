/**
 * Threat: a full disk, filled by accident or on purpose. Safehold used to tell untruths there:
 * `delete --now` reported ENOSPC and exit 1 although the deletion was committed, every read
 * failed because opening retried the purge, a failed `get` still recorded a use, and a snapshot
 * temporary was left behind. Now a committed change is reported as done (its purge put off, and
 * said so), reads work while the disk is full, a `get` that cannot record its use hands out
 * nothing, and no temporary outlives a failure. Runs on a small tmpfs; where mounting is not
 * allowed the spec is skipped, saying why.
 */
import {
  closeSync,
  ftruncateSync,
  fstatSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SecretDetails, SecretSummary } from '../../src/shared/secret-view'
import { ensureBuilt, expectCliError, expectSuccess, type CliResult } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'
import { fillDisk, mountSmallDisk, unmountSmallDisk } from '../support/small-disk'

const KEEPER_VALUE = 'sk_live_keeper_value_0123456789'

const mounted = mountSmallDisk('512k')
if (mounted.reason !== null) console.warn(`disk-full spec skipped: ${mounted.reason}`)

function temporaries(vault: string): string[] {
  return readdirSync(vault, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tmp-/.test(f))
}

function uses(v: CliVault): number {
  const secret = v.json<SecretDetails>(['show', 'keeper'])
  return secret.usages.reduce((sum, u) => sum + u.count, 0)
}

describe.skipIf(mounted.dir === null)('a full disk', () => {
  const disk = mounted.dir ?? ''
  const filler = join(disk, 'filler')
  let v: CliVault
  let fd = -1

  beforeAll(async () => {
    await ensureBuilt()
    v = cliVault('disk-full', { vaultDir: join(disk, 'vault') })
    v.registerApiKey('keeper', KEEPER_VALUE)
    v.registerApiKey('doomed', 'sk_live_doomed_value_0123456789')
    // Enough content that a compaction needs far more room than a journal record.
    const kv = join(v.scratch, 'bulk.env')
    mkdirSync(v.scratch, { recursive: true })
    writeFileSync(
      kv,
      Array.from({ length: 150 }, (_, i) => `KEY_${i}=${'v'.repeat(100)}${i}`).join('\n'),
    )
    expectSuccess(
      v.cli([
        'register',
        '--type',
        'key-value',
        '--name',
        'bulk',
        '--scope',
        'personal',
        '--kv-file',
        kv,
      ]),
    )
    fd = fillDisk(filler)
  })

  afterAll(() => {
    if (fd >= 0) closeSync(fd)
    if (disk) unmountSmallDisk(disk)
  })

  it('reports a committed delete --now as done, with its purge put off', () => {
    // Room for a journal record, none for a compaction.
    ftruncateSync(fd, fstatSync(fd).size - 8_192)
    closeSync(fd)
    fd = -1
    const result = v.cli(['delete', 'doomed', '--now', '--confirm', 'DELETE'])
    expectSuccess(result)
    expect(result.stdout).toBe('Deleted "doomed". It can no longer be used.\n')
    expect(result.stderr).toMatch(/^warning: The deletion is done .*The disk is full/)
    expect(temporaries(v.vault)).toEqual([])
  })

  it('still reads while the disk is full: list, show and backups answer', () => {
    closeSync(fillDisk(filler))
    const names = v.json<SecretSummary[]>(['list']).map((s) => s.name)
    expect(names).toEqual(['bulk', 'keeper'])
    expect(v.json<SecretDetails>(['show', 'keeper']).name).toBe('keeper')
    expectSuccess(v.cli(['backups']))
    expect(temporaries(v.vault)).toEqual([])
  })

  it('hands out a value only together with its recorded use', () => {
    let handedOut = 0
    let refusal: CliResult | null = null
    for (let attempt = 0; attempt < 60 && refusal === null; attempt++) {
      const result = v.cli(['get', 'keeper', '--as', 'deploy'])
      if (result.code === 0) {
        expect(result.stdout).toBe(`${KEEPER_VALUE}\n`)
        handedOut++
      } else refusal = result
    }
    expect(refusal, 'the disk never ran out for a use record').not.toBeNull()
    expectCliError(refusal!, 'DISK_FULL', /The disk is full/)
    expect(temporaries(v.vault)).toEqual([])
    rmSync(filler)
    expect(uses(v)).toBe(handedOut)
  })

  it('purges the deletion once there is room, with every acknowledged change intact', () => {
    const list = v.cli(['list'])
    expectSuccess(list)
    expect(list.stderr).toBe('')
    expectCliError(v.cli(['get', 'doomed', '--as', 'deploy']), 'NOT_FOUND')
    expect(v.cli(['get', 'keeper', '--as', 'deploy']).stdout).toBe(`${KEEPER_VALUE}\n`)
    expect(v.cli(['get', 'bulk', '--field', 'KEY_149', '--as', 'deploy']).stdout).toBe(
      `${'v'.repeat(100)}149\n`,
    )
    expect(temporaries(v.vault)).toEqual([])
  })
})
