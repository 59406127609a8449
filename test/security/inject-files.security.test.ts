/**
 * Threat: `safehold inject` writes values to a file. A symlink planted at the output path would
 * have them written wherever it points (a world-readable file, a file of another program); a
 * template that is a FIFO, a device or endless would hang or fill memory. The output is created
 * anew (O_EXCL, O_NOFOLLOW) or, with --force, replaced by a rename that replaces the link itself;
 * templates are read within a limit from regular files only.
 */
import { spawnSync } from 'node:child_process'
import {
  lstatSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectCliError, expectSuccess } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'

const VALUE = 'inject-threat-value-9f8e7d'
let v: CliVault
let template: string

beforeAll(() => {
  v = cliVault('inject-files')
  v.registerApiKey('api-token', VALUE)
  template = join(v.scratch, 'config.tmpl')
  writeFileSync(template, 'token={{ safehold://api-token }}\n')
}, 60_000)

describe('the output of inject', () => {
  it('does not follow a symlink planted at the output path', () => {
    const victim = join(v.scratch, 'victim.txt')
    writeFileSync(victim, 'someone else’s file\n', { mode: 0o644 })
    const out = join(v.scratch, 'out-link')
    symlinkSync(victim, out)

    expectCliError(
      v.cli(['inject', '-i', template, '-o', out, '--as', 'deploy']),
      'CONFIRMATION_REQUIRED',
    )
    expect(readFileSync(victim, 'utf8')).toBe('someone else’s file\n')

    expectSuccess(v.cli(['inject', '-i', template, '-o', out, '--force', '--as', 'deploy']))
    expect(readFileSync(victim, 'utf8')).toBe('someone else’s file\n')
    expect(lstatSync(out).isSymbolicLink()).toBe(false)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(readFileSync(out, 'utf8')).toBe(`token=${VALUE}\n`)
  })

  it('does not follow a dangling symlink to create a file elsewhere', () => {
    const target = join(v.scratch, 'created-elsewhere')
    const out = join(v.scratch, 'dangling')
    symlinkSync(target, out)
    expectCliError(
      v.cli(['inject', '-i', template, '-o', out, '--as', 'deploy']),
      'CONFIRMATION_REQUIRED',
    )
    expect(() => lstatSync(target)).toThrow()
    expect(readlinkSync(out)).toBe(target)
  })
})

describe('the template of inject', () => {
  it('refuses a FIFO, a device and a folder before reading a byte', () => {
    const fifo = join(v.scratch, 'template.fifo')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    for (const path of [fifo, '/dev/zero', v.scratch]) {
      const result = v.cli(['inject', '-i', path, '--as', 'deploy'])
      expectCliError(result, 'NOT_A_FILE')
    }
  })

  it('refuses a template over 1 MiB, and no value is used', () => {
    const big = join(v.scratch, 'big.tmpl')
    writeFileSync(big, `{{ safehold://api-token }}${'x'.repeat(1024 * 1024)}`)
    const result = v.cli(['inject', '-i', big, '--as', 'big-reader'])
    expect(result.code).not.toBe(0)
    expect(result.stdout).toBe('')
    const usages = v.json<{ usages: { consumer: string }[] }>(['show', 'api-token']).usages
    expect(usages.map((u) => u.consumer)).not.toContain('big-reader')
  })
})
