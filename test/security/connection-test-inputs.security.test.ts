/**
 * Threat: hostile inputs to a connection test. A CA file that is a FIFO nobody writes to, a
 * device such as /dev/zero, a file larger than any CA, a bundle of thousands of certificates
 * (each costs the app's main thread a check and a TLS load), a megabyte of PEM BEGIN lines with
 * no END (a lazy regular expression would rescan the rest of the file from each: seconds); an
 * address of 100 KB, with terminal escapes, with a password in it, or of a scheme that is not
 * HTTP. Each is refused at once, in words that repeat none of it, and no use is recorded.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_CA_CERTIFICATES, readTrustedCa } from '../../src/main/usage/connection-target'
import { makeSelfSignedCertificate } from '../support/certs'
import { ensureBuilt, expectCliError, expectSuccess } from '../support/cli'
import { runCliLimited } from '../support/cli-spawn'
import { cliVault, type CliVault } from '../support/cli-vault'

const API_KEY = 'sk_inputs_9Tq2Wz4Lm'
let v: CliVault
let files: Record<'fifo' | 'big' | 'many' | 'begins' | 'one', string>

beforeAll(async () => {
  await ensureBuilt()
  v = cliVault('conn-inputs', { passphrase: true })
  expectSuccess(
    v.cli(
      [
        'register',
        ...['--type', 'api-key', '--name', 'svc-key', '--scope', 'personal'],
        ...['--field', 'headerName=X-Api-Key', '--secret-stdin', 'value'],
      ],
      { input: API_KEY },
    ),
  )
  const one = makeSelfSignedCertificate(v.scratch, 'ca', { algorithm: 'ec-p256' })
  files = {
    fifo: join(v.scratch, 'ca.fifo'),
    big: join(v.scratch, 'big.pem'),
    many: join(v.scratch, 'many.pem'),
    begins: join(v.scratch, 'begins.pem'),
    one: one.certFile,
  }
  execFileSync('mkfifo', [files.fifo])
  writeFileSync(files.big, Buffer.alloc(1024 * 1024 + 1, 0x41))
  writeFileSync(files.many, one.certPem.repeat(MAX_CA_CERTIFICATES + 1))
  writeFileSync(files.begins, '-----BEGIN CERTIFICATE-----\n'.repeat(37_000))
}, 60_000)

const env = { SAFEHOLD_PASSPHRASE: 'conn-inputs: a passphrase long enough' }

function probe(...args: string[]) {
  const result = runCliLimited(['test', 'svc-key', ...args], {
    vault: v.vault,
    env: { ...env, SAFEHOLD_STATE_DIR: v.stateDir },
    timeoutMs: 15_000,
  })
  expect(result.timedOut, 'the command hung').toBe(false)
  expect(result.stderr).not.toContain(API_KEY)
  return result
}

const url = ['--url', 'https://127.0.0.1:9/']

describe('a CA file that is not one', () => {
  it.each([
    ['a FIFO nobody writes to', () => files.fifo, 'NOT_A_FILE', /--ca is a named pipe/],
    ['/dev/zero', () => '/dev/zero', 'NOT_A_FILE', /--ca is a device/],
    ['a file over 1 MiB', () => files.big, 'FILE_TOO_LARGE', /--ca is larger than 1 MiB/],
    [
      `more than ${MAX_CA_CERTIFICATES} certificates`,
      () => files.many,
      'INVALID_INPUT',
      /holds more than 50 certificates/,
    ],
    ['PEM BEGIN lines without end', () => files.begins, 'CERT_INVALID', /no readable certificate/],
  ])('%s is refused at once', (_name, path, code, message) => {
    const started = Date.now()
    expectCliError(probe(...url, '--ca', path()), code, message)
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('a megabyte of BEGIN lines costs one scan, not one per line', () => {
    const data = readFileSync(files.begins)
    const started = performance.now()
    expect(() => readTrustedCa(data, 'the CA file')).toThrow(/no readable certificate/)
    // A scan per line takes about 17 s here; one scan takes milliseconds, even on a busy machine.
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('a good CA file passes its checks (the connection then fails, as nothing listens)', () => {
    expectCliError(probe(...url, '--ca', files.one), 'CONNECTION_FAILED', /connection was refused/)
  })
})

describe('an address that is not one to send a credential to', () => {
  it.each([
    ['100 KB long', 'https://example.com/' + 'a'.repeat(100_000), /longer than 2048 characters/],
    ['with terminal escapes', 'https://exa\u001b[31mmple.com/', /is not a valid address/],
    ['with a bidi override', 'https://\u202Eexample.com:443', /is not a valid address/],
    ['with a password', 'https://admin:hunter2@example.com/', /carries a user name or password/],
    ['javascript:', 'javascript:alert(1)', /is not an address/],
    ['file://', 'file:///etc/passwd', /must start with https:\/\//],
    ['plain http to another machine', 'http://192.0.2.1/', /would send the credential unencrypted/],
  ])('%s: refused, not repeated, no use recorded', (_name, given, message) => {
    const result = probe('--url', given)
    const text = expectCliError(result, 'INVALID_INPUT', message)
    expect(text).not.toContain('hunter2')
    expect(text).not.toContain('\u001b')
    expect(text).not.toContain('\u202E')
    expect(result.stderr.length).toBeLessThan(400)
  })

  it('none of them was a use: the one test that ran (with the good CA file) is the only one', () => {
    const shown = v.json<{ usages: unknown[] }>(['show', 'svc-key'], { env })
    expect(shown.usages).toEqual([
      expect.objectContaining({ consumer: 'connection-test', count: 1 }),
    ])
  })
})
