/**
 * File options and standard input are read within their limits: `--kv-file /dev/zero` and
 * `--cert /dev/zero` once read until memory ran out, and a FIFO given as a file blocked forever.
 * Now each is refused at once (NOT_A_FILE, FILE_TOO_LARGE) naming the option, before the vault
 * is opened: no file of the vault changes. Real processes, each under a time limit.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, expectCliError, fileDigests, runCli } from '../support/cli'
import { runCliLimited } from '../support/cli-spawn'

const PASSPHRASE = 'device inputs: a passphrase long enough'
const env = { SAFEHOLD_PASSPHRASE: PASSPHRASE }
let root = ''
let vault = ''
let fifo = ''

beforeAll(async () => {
  await ensureBuilt()
  root = mkdtempSync(join(tmpdir(), 'safehold-devices-'))
  vault = join(root, 'vault')
  const init = runCli(['init', '--user', 'Ann'], { vault, env })
  expect(init.code, init.stderr).toBe(0)
  fifo = join(root, 'pipe.env')
  execFileSync('mkfifo', [fifo])
  mkdirSync(join(root, 'folder.pem'))
  writeFileSync(join(root, 'big.env'), `A=${'x'.repeat(1024 * 1024)}\n`)
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

const kv = ['register', '--type', 'key-value', '--name', 'kv-one', '--scope', 'personal']
const cert = ['register', '--type', 'certificate', '--name', 'cert-one', '--scope', 'personal']

describe('a file option that is not a regular file within its limit', () => {
  const cases: [string, () => string[], string, RegExp][] = [
    [
      '--kv-file /dev/zero',
      () => [...kv, '--kv-file', '/dev/zero'],
      'NOT_A_FILE',
      /--kv-file is a device/,
    ],
    [
      '--cert /dev/zero',
      () => [...cert, '--cert', '/dev/zero'],
      'NOT_A_FILE',
      /--cert is a device/,
    ],
    ['--kv-file FIFO', () => [...kv, '--kv-file', fifo], 'NOT_A_FILE', /--kv-file is a named pipe/],
    ['--cert FIFO', () => [...cert, '--cert', fifo], 'NOT_A_FILE', /--cert is a named pipe/],
    ['--key FIFO', () => [...cert, '--cert', fifo, '--key', fifo], 'NOT_A_FILE', /named pipe/],
    [
      '--cert a folder',
      () => [...cert, '--cert', join(root, 'folder.pem')],
      'NOT_A_FILE',
      /--cert is a folder/,
    ],
    [
      '--kv-file over 1 MiB',
      () => [...kv, '--kv-file', join(root, 'big.env')],
      'FILE_TOO_LARGE',
      /--kv-file is larger than 1 MiB/,
    ],
    [
      '--kv-file missing',
      () => [...kv, '--kv-file', join(root, 'none.env')],
      'NOT_FOUND',
      /--kv-file does not exist/,
    ],
  ]
  it.each(cases)('%s is refused at once, naming the option', (_, args, code, message) => {
    const before = fileDigests(vault)
    const started = Date.now()
    const result = runCliLimited(args(), { vault, env, timeoutMs: 10_000 })
    expect(result.timedOut, 'the command hung').toBe(false)
    expect(Date.now() - started).toBeLessThan(8_000)
    expectCliError(result, code, message)
    expect(fileDigests(vault)).toEqual(before)
  })
})

describe('standard input beyond its limit', () => {
  it('--secret-stdin with more than 64 KiB is refused without reading on', () => {
    const before = fileDigests(vault)
    const args = ['register', '--type', 'api-key', '--name', 'big-key', '--scope', 'personal']
    const result = runCliLimited([...args, '--field', 'headerName=X', '--secret-stdin', 'value'], {
      vault,
      env,
      input: 'v'.repeat(3 * 1024 * 1024),
    })
    expect(result.timedOut).toBe(false)
    expectCliError(result, 'INVALID_INPUT', /--secret-stdin holds more than 64 KiB/)
    expect(result.stderr).not.toContain('vvvv')
    expect(fileDigests(vault)).toEqual(before)
  })

  it('--passphrase-stdin with more than 4 KiB is refused', () => {
    const result = runCliLimited(['--passphrase-stdin', 'list'], {
      vault,
      input: 'p'.repeat(1024 * 1024),
    })
    expect(result.timedOut).toBe(false)
    expectCliError(result, 'INVALID_INPUT', /--passphrase-stdin holds more than 4 KiB/)
  })
})
