/**
 * Threat: an encrypted PKCS#8 key (`ENCRYPTED PRIVATE KEY`) that names 10,000,000 PBKDF2 rounds, or
 * scrypt parameters that cost minutes or a gigabyte, makes whoever decrypts it work without bound.
 * Each key is first shown to keep Node's own createPrivateKey busy (or to fail as a wrong
 * passphrase, for scrypt over OpenSSL's memory limit); then `safehold register`, `safehold edit`
 * and `certificates:inspect` refuse it at once as WORK_LIMIT naming the count, the cap and the
 * re-encrypt command, never the passphrase, and the vault is left byte for byte as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { memoryClipboard } from '../../src/main/usage/clipboard'
import { makeSelfSignedCertificate, openssl } from '../support/certs'
import {
  ensureBuilt,
  expectCliError,
  expectSuccess,
  fileDigests,
  runCli,
  runCliJson,
  type CliOptions,
} from '../support/cli'
import { stillRunningAfter, withPkcs8Iterations, withScrypt } from '../support/hostile-certificates'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const PASSPHRASE = 'encrypted key iterations: a long vault passphrase'
const KEY_PASSPHRASE = 'key-passphrase-3b9d71'
const OWN = { url: 'app://safehold/index.html' }

let dir = ''
let vault = ''
const keys: Record<string, string> = {}

const cli = (args: string[], opts: CliOptions = {}) =>
  runCli(args, { vault, ...opts, env: { SAFEHOLD_PASSPHRASE: PASSPHRASE, ...opts.env } })

/** Node's createPrivateKey decrypting the key, as the code before the caps did. */
const UNGUARDED_DECRYPT = `
  const { createPrivateKey } = require('node:crypto')
  const { workerData, parentPort } = require('node:worker_threads')
  try { createPrivateKey({ key: workerData.pem, format: 'pem', passphrase: workerData.passphrase }) } catch {}
  parentPort.postMessage('done')
`

const HOSTILE = [
  {
    file: 'pbkdf2.key',
    what: '10,000,000 PBKDF2 rounds',
    message:
      /asks for 10,000,000 key-derivation rounds for its encryption; Safehold allows at most 2,000,000/,
    advice: 'openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 2048',
  },
  {
    file: 'scrypt-p.key',
    what: 'scrypt with p = 1024 (minutes of work)',
    message: /asks for scrypt work N·r·p of 134,217,728; Safehold allows at most 4,194,304/,
    advice: 'openssl pkcs8 -topk8 -scrypt',
  },
  {
    file: 'scrypt-n.key',
    what: 'scrypt with N = 2^20 (1 GiB of memory)',
    message:
      /asks for 1,024 MiB of memory for scrypt \(N 1,048,576, r 8\); Safehold allows at most 32 MiB/,
    advice: 'openssl pkcs8 -topk8 -scrypt',
  },
]

beforeAll(async () => {
  await ensureBuilt()
  dir = makeTempDir('encrypted-key-iterations')
  vault = join(dir, 'vault')
  makeSelfSignedCertificate(dir, 'leaf', { algorithm: 'ec-p256' })
  const encrypt = (name: string, ...options: string[]) => {
    openssl(
      dir,
      'pkcs8',
      '-topk8',
      ...options,
      '-in',
      'leaf.key',
      '-out',
      name,
      '-passout',
      `pass:${KEY_PASSPHRASE}`,
    )
    return readFileSync(join(dir, name), 'utf8')
  }
  const write = (name: string, pem: string) => {
    writeFileSync(join(dir, name), pem)
    keys[name] = join(dir, name)
  }
  write('usual.key', encrypt('usual.key', '-v2', 'aes-256-cbc', '-iter', '2048'))
  write('pbkdf2.key', withPkcs8Iterations(readFileSync(keys['usual.key']!, 'utf8'), 10_000_000))
  const scrypt = encrypt('scrypt.key', '-scrypt')
  write('scrypt.key', scrypt)
  write('scrypt-p.key', withScrypt(scrypt, { p: 1024 }))
  write('scrypt-n.key', withScrypt(scrypt, { n: 2 ** 20 }))
  expectSuccess(cli(['init', '--passphrase-stdin'], { input: PASSPHRASE }))
})

afterAll(() => removeTempDirs())

function registerWithKey(key: string) {
  return cli(
    [
      'register',
      ...['--type', 'certificate', '--name', 'mtls', '--scope', 'personal'],
      ...['--cert', join(dir, 'leaf.pem'), '--key', key, '--cert-password-stdin'],
    ],
    { input: KEY_PASSPHRASE },
  )
}

function expectRefused(result: ReturnType<typeof runCli>, hostile: (typeof HOSTILE)[number]) {
  const message = expectCliError(result, 'WORK_LIMIT', hostile.message)
  expect(message).toMatch(new RegExp(`^"${hostile.file}" asks for`))
  expect(message).toContain(hostile.advice)
  expect(result.stderr).not.toContain(KEY_PASSPHRASE)
}

describe('an encrypted private key asking for unbounded work', () => {
  it('keeps unguarded createPrivateKey busy for seconds (10,000,000 PBKDF2 rounds)', async () => {
    const pem = readFileSync(keys['pbkdf2.key']!, 'utf8')
    expect(
      await stillRunningAfter(1500, UNGUARDED_DECRYPT, { pem, passphrase: KEY_PASSPHRASE }),
    ).toBe(true)
  })

  it('keeps unguarded createPrivateKey busy for seconds (scrypt p = 1024)', async () => {
    const pem = readFileSync(keys['scrypt-p.key']!, 'utf8')
    expect(
      await stillRunningAfter(1500, UNGUARDED_DECRYPT, { pem, passphrase: KEY_PASSPHRASE }),
    ).toBe(true)
  })

  // "At once" without a stopwatch: a key that reached the derivation would keep the worker busy
  // until its time limit and come back TIMEOUT; WORK_LIMIT is only said before any derivation.
  it.each(HOSTILE)('is refused by safehold register at once ($what)', (hostile) => {
    const before = fileDigests(vault)
    const result = registerWithKey(keys[hostile.file]!)
    expectRefused(result, hostile)
    expect(fileDigests(vault)).toEqual(before)
    expect(runCliJson(['list'], { vault, env: { SAFEHOLD_PASSPHRASE: PASSPHRASE } })).toEqual([])
  })

  it('leaves real keys alone: the usual PBKDF2 and scrypt keys register', () => {
    expectSuccess(registerWithKey(keys['usual.key']!))
    expectSuccess(cli(['delete', 'mtls', '--now', '--confirm', 'DELETE']))
    expectSuccess(registerWithKey(keys['scrypt.key']!))
  })

  it.each(HOSTILE)('is refused by safehold edit --key, changing nothing ($what)', (hostile) => {
    const before = fileDigests(vault)
    const result = cli(['edit', 'mtls', '--key', keys[hostile.file]!, '--cert-password-stdin'], {
      input: KEY_PASSPHRASE,
    })
    expectRefused(result, hostile)
    expect(fileDigests(vault)).toEqual(before)
  })
})

describe('certificates:inspect with a hostile key', () => {
  let services: AppServices
  let router: IpcRouter

  beforeAll(async () => {
    services = await openAppServices({
      vaultDir: join(dir, 'ipc-vault'),
      keychain: memoryKeychain(),
      passphrase: null,
      clock: fixedClock(new Date(Date.now() + 60_000).toISOString()),
      clipboard: memoryClipboard(),
      createIfMissing: true,
    })
    router = createIpcRouter(services, {
      isOwnPage: sameOriginAs('app://safehold/'),
      log: () => {},
    })
  })

  afterAll(() => services?.close())

  it.each(HOSTILE)(
    'answers WORK_LIMIT for the key before any derivation ($what)',
    async (hostile) => {
      const base64 = (path: string) => readFileSync(path).toString('base64')
      const result = await router.dispatch(
        'certificates:inspect',
        {
          certificate: { fileName: 'leaf.pem', dataBase64: base64(join(dir, 'leaf.pem')) },
          privateKey: {
            fileName: hostile.file,
            dataBase64: base64(keys[hostile.file]!),
            password: KEY_PASSPHRASE,
          },
        },
        OWN,
      )
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'WORK_LIMIT', field: 'privateKey' },
      })
      expect(JSON.stringify(result)).toMatch(hostile.message)
      expect(JSON.stringify(result)).not.toContain(KEY_PASSPHRASE)
    },
  )
})
