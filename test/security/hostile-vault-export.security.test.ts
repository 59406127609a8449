/**
 * Threat: a vault export is a file from elsewhere, and `safehold import --vault-export` must
 * treat it as hostile. Its header could ask for key-derivation work without bound (N = 2^30, a
 * huge r or p: minutes of CPU, gigabytes of memory) — refused before any derivation, in
 * milliseconds; it could be cut short, grown to gigabytes, or be a FIFO that never ends — refused
 * before it is read; a correctly sealed file could carry "__proto__" where a name or a key goes —
 * never a property set on any object, and refused wherever the rules of a secret refuse it.
 * `--out` of an export could be a symlink planted to redirect the file — never followed.
 * In every refusal nothing is imported.
 */
import { execFileSync } from 'node:child_process'
import {
  closeSync,
  ftruncateSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { openExport, sealExport } from '../../src/main/vault/export-file'
import { fileDigests } from '../support/cli'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'

const PASSPHRASE = 'hostile export passphrase'
const VALUE = 'hostile-export-value-7Hq2'
const env = { SAFEHOLD_EXPORT_PASSPHRASE: PASSPHRASE }

const scratch = mkdtempSync(join(tmpdir(), 'safehold-hostile-export-'))
const keychain = memoryKeychain()
const source = join(scratch, 'source')
let exported: Buffer

const cli = (vault: string, args: string[]) =>
  runCliInProcess(args, { vault, keychain, env: { ...env, SAFEHOLD_STATE_DIR: scratch } })

async function freshVault(label: string): Promise<string> {
  const dir = mkdtempSync(join(scratch, `${label}-`))
  await initInProcess(dir, keychain)
  return dir
}

/** Imports `file` into a fresh vault: the refusal's code and message, and that nothing changed. */
async function refusedImport(file: string, code: string): Promise<string> {
  const target = await freshVault('target')
  const before = fileDigests(target)
  const message = oneLineError(await cli(target, ['import', '--vault-export', file]), code)
  expect(fileDigests(target)).toEqual(before)
  expect(message).not.toContain(VALUE)
  return message
}

function write(name: string, data: Buffer | string): string {
  const path = join(scratch, name)
  writeFileSync(path, data)
  return path
}

/** The export with its header line replaced: the body stays sealed under the old header. */
function withHeader(change: (header: Record<string, unknown>) => void): Buffer {
  const text = exported.toString('latin1')
  const newline = text.indexOf('\n')
  const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>
  change(header)
  return Buffer.from(JSON.stringify(header) + text.slice(newline), 'latin1')
}

/** The export's plaintext, changed as text and sealed again under the same passphrase. */
async function resealed(change: (json: string) => string): Promise<string> {
  const plaintext = (await openExport(exported, PASSPHRASE)).toString('utf8')
  const changed = change(plaintext)
  expect(changed).not.toBe(plaintext)
  const path = join(scratch, `resealed-${Math.random().toString(16).slice(2)}.export`)
  writeFileSync(path, await sealExport(Buffer.from(changed, 'utf8'), PASSPHRASE))
  return path
}

beforeAll(async () => {
  await initInProcess(source, keychain)
  const register = await runCliInProcess(
    [
      'register',
      ...['--type', 'api-key', '--name', 'api-token', '--scope', 'personal'],
      ...['--field', 'headerName=Authorization', '--secret-stdin', 'value'],
    ],
    { vault: source, keychain, input: VALUE },
  )
  expect(register.code, register.stderr).toBe(0)
  const out = join(scratch, 'good.export')
  const result = await cli(source, ['export', '--out', out])
  expect(result.code, result.stderr).toBe(0)
  exported = readFileSync(out)
}, 120_000)

describe('key-derivation work a header asks for', () => {
  it.each([
    ['N = 2^30', { N: 2 ** 30 }],
    ['N = 2^19', { N: 2 ** 19 }],
    ['r = 2^20', { r: 2 ** 20 }],
    ['p = 2^20', { p: 2 ** 20 }],
    ['512 MiB of memory (N = 2^18, r = 16)', { N: 2 ** 18, r: 16 }],
  ])('refuses %s at once, naming what it asked and the cap', async (_label, params) => {
    const file = write(
      'greedy.export',
      withHeader((header) => Object.assign(header['kdf'] as object, params)),
    )
    const started = performance.now()
    await expect(openExport(readFileSync(file), PASSPHRASE)).rejects.toMatchObject({
      code: 'WORK_LIMIT',
    })
    // Refused before any derivation (WORK_LIMIT is said only then): one at these settings would
    // take seconds to minutes; the bound is loose so that a busy machine does not fail it.
    expect(performance.now() - started).toBeLessThan(5_000)
    const message = await refusedImport(file, 'WORK_LIMIT')
    expect(message).toMatch(/more key-derivation work .* than Safehold allows \(at most N = 2\^18/)
  })

  it.each([
    ['N that is not a power of 2', { N: 100_000 }],
    ['N as text', { N: '131072' }],
    ['a negative r', { r: -8 }],
    ['p as an object', { p: { valueOf: 1 } }],
  ])('refuses %s as settings Safehold never writes', async (_label, params) => {
    const file = write(
      'odd.export',
      withHeader((header) => Object.assign(header['kdf'] as object, params)),
    )
    await refusedImport(file, 'WORK_LIMIT')
  })
})

describe('the file itself', () => {
  it('refuses a truncated export', async () => {
    const half = write('truncated.export', exported.subarray(0, Math.floor(exported.length / 2)))
    await refusedImport(half, 'WRONG_PASSPHRASE')
    const headerOnly = write('header-only.export', exported.subarray(0, exported.indexOf(0x0a)))
    await refusedImport(headerOnly, 'INVALID_INPUT')
  })

  it('refuses a giant file from its size, without reading it', async () => {
    const path = join(scratch, 'giant.export')
    const fd = openSync(path, 'w')
    // Sparse: 300 MiB that take no disk; reading them would take seconds and the memory.
    ftruncateSync(fd, 300 * 1024 * 1024)
    closeSync(fd)
    const started = performance.now()
    const message = await refusedImport(path, 'FILE_TOO_LARGE')
    expect(message).toContain('larger than 256 MiB')
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = join(scratch, 'export.fifo')
    execFileSync('mkfifo', [fifo])
    const message = await refusedImport(fifo, 'NOT_A_FILE')
    expect(message).toContain('named pipe')
  })

  it('refuses what is not an export at all', async () => {
    await refusedImport(write('not.export', 'DB_PASS=hunter2\n'), 'INVALID_INPUT')
    await refusedImport(write('empty.export', ''), 'INVALID_INPUT')
  })
})

describe('"__proto__" inside a correctly sealed export', () => {
  it.each([
    [
      'as a field of the payload',
      (json: string) => json.replace('{"kind"', '{"__proto__":{"polluted":true},"kind"'),
      /has a field Safehold does not know/,
    ],
    [
      'as the key of a value',
      (json: string) =>
        json.replace('"values":[', '"values":[{"key":"__proto__","value":"polluted"},'),
      /its values are not those of its type/,
    ],
    [
      'as a consumer of a use',
      (json: string) =>
        json.replace(
          '"usages":[]',
          '"usages":[{"consumer":"__proto__","firstUsedAt":"2026-01-01T00:00:00.000Z","lastUsedAt":"2026-01-01T00:00:00.000Z","count":1}]',
        ),
      /consumer name is not one a use records/,
    ],
    [
      'as a key inside an entry',
      (json: string) => json.replace('{"key":"value",', '{"__proto__":{"x":1},"key":"value",'),
      /has a field Safehold does not know/,
    ],
  ])('is refused %s, and no prototype changes', async (_where, change, message) => {
    const file = await resealed(change)
    expect(await refusedImport(file, 'INVALID_INPUT')).toMatch(message)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(({} as Record<string, unknown>)['x']).toBeUndefined()
  })

  it('is a plain name and key where the rules allow it, and stays one', async () => {
    const file = await resealed((json) =>
      json.replace(
        '"secrets":[',
        '"secrets":[{"name":"__proto__","type":"key-value","scope":{"kind":"personal"},"availability":null,"fields":[],"values":[{"key":"pair:__proto__","value":"proto-value-1"}],"keys":["__proto__"],"certificate":null,"createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z","lastUsedAt":null,"expiresAt":null,"usages":[],"previous":null},',
      ),
    )
    const target = await freshVault('proto')
    const result = await cli(target, ['import', '--vault-export', file])
    expect(result.code, result.stderr).toBe(0)
    const got = await cli(target, ['get', '__proto__', '--field', '__proto__', '--as', 'check'])
    expect(got.stdout).toBe('proto-value-1\n')
    expect(({} as Record<string, unknown>)['pair:__proto__']).toBeUndefined()
    expect(Object.getPrototypeOf({})).toBe(Object.prototype)
  })
})

describe('--out of an export', () => {
  it('does not follow a symlink planted at the path; --force replaces the link itself', async () => {
    const victim = write('victim.txt', 'someone else’s file\n')
    const out = join(scratch, 'out-link.export')
    symlinkSync(victim, out)
    oneLineError(await cli(source, ['export', '--out', out]), 'CONFIRMATION_REQUIRED')
    expect(readFileSync(victim, 'utf8')).toBe('someone else’s file\n')

    const forced = await cli(source, ['export', '--out', out, '--force'])
    expect(forced.code, forced.stderr).toBe(0)
    expect(readFileSync(victim, 'utf8')).toBe('someone else’s file\n')
    expect(lstatSync(out).isSymbolicLink()).toBe(false)
    expect(statSync(out).mode & 0o777).toBe(0o600)
  })

  it('does not follow a dangling symlink to create a file elsewhere', async () => {
    const elsewhere = join(scratch, 'created-elsewhere')
    const out = join(scratch, 'dangling.export')
    symlinkSync(elsewhere, out)
    oneLineError(await cli(source, ['export', '--out', out]), 'CONFIRMATION_REQUIRED')
    expect(statSync(elsewhere, { throwIfNoEntry: false })).toBeUndefined()
  })
})
