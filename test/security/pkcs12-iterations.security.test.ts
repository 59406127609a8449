/**
 * Threat: a PKCS#12 file that names a huge iteration count (MAC, key bag, or a key bag hidden in
 * encrypted SafeContents) makes whoever opens it derive keys for minutes. Each file is first shown
 * to make unguarded node-forge spin, then `safehold register` and `certificates:inspect` refuse it
 * at once with WORK_LIMIT naming the count, the cap and the re-export command, never the password,
 * and the vault is left byte for byte as it was. A file with a valid MAC whose counts pass raised
 * caps is stopped by the worker's time limit instead (TIMEOUT).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { certificateReader } from '../../src/main/certificates/certificate-reader'
import { DEFAULT_WORK_LIMITS } from '../../src/main/certificates/work-limits'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { memoryClipboard } from '../../src/main/usage/clipboard'
import { exportLeafP12, makeSelfSignedCertificate } from '../support/certs'
import {
  ensureBuilt,
  expectCliError,
  expectSuccess,
  fileDigests,
  runCli,
  runCliJson,
  type CliOptions,
} from '../support/cli'
import {
  nestedKeyBagP12,
  stillRunningAfter,
  withKeyBagIterations,
  withMacIterations,
} from '../support/hostile-certificates'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const PASSPHRASE = 'pkcs12 iterations: a long vault passphrase'
const P12_PASSWORD = 'p12-password-5f1e0c'
const HUGE = 100_000_000
const OWN = { url: 'app://safehold/index.html' }

let dir = ''
let vault = ''
const files: Record<string, string> = {}

const cli = (args: string[], opts: CliOptions = {}) =>
  runCli(args, { vault, ...opts, env: { SAFEHOLD_PASSPHRASE: PASSPHRASE, ...opts.env } })

/** Unguarded node-forge opening the file, as the code before the caps did. */
const UNGUARDED_FORGE = `
  const forge = require('node-forge')
  const { workerData, parentPort } = require('node:worker_threads')
  const pfx = forge.asn1.fromDer(Buffer.from(workerData.data).toString('binary'), false)
  try { forge.pkcs12.pkcs12FromAsn1(pfx, false, workerData.password) } catch {}
  parentPort.postMessage('done')
`

function registerP12(file: string) {
  return cli(
    [
      'register',
      ...['--type', 'certificate', '--name', 'hostile-cert', '--scope', 'personal'],
      ...['--cert', file, '--cert-password-stdin'],
    ],
    { input: P12_PASSWORD },
  )
}

beforeAll(async () => {
  await ensureBuilt()
  dir = makeTempDir('pkcs12-iterations')
  vault = join(dir, 'vault')
  const leaf = makeSelfSignedCertificate(dir, 'leaf', { algorithm: 'ec-p256' })
  const exportP12 = (name: string, ...extra: string[]): Buffer =>
    exportLeafP12(dir, name, P12_PASSWORD, ...extra)
  const modern = exportP12('modern.p12')
  const legacy = exportP12('legacy.p12', '-legacy')
  const write = (name: string, data: Buffer) => {
    writeFileSync(join(dir, name), data)
    files[name] = join(dir, name)
  }
  write('modern.p12', modern)
  write('mac.p12', withMacIterations(modern, HUGE))
  write('bag.p12', withKeyBagIterations(modern, HUGE, P12_PASSWORD))
  write('legacy-bag.p12', withKeyBagIterations(legacy, HUGE, P12_PASSWORD))
  write('nested.p12', nestedKeyBagP12(leaf.certPem, leaf.keyPem, P12_PASSWORD, HUGE))
  // Valid MAC and contents at 1,000,000 rounds: over the default cap, under a raised one.
  write('slow.p12', exportP12('slow.p12', '-iter', '1000000'))
  expectSuccess(cli(['init', '--passphrase-stdin'], { input: PASSPHRASE }))
})

afterAll(() => removeTempDirs())

const HOSTILE = [
  { file: 'mac.p12', what: 'the MAC', part: /integrity check \(MAC\)/ },
  { file: 'bag.p12', what: 'the PBES2 key bag', part: /its private key/ },
  { file: 'legacy-bag.p12', what: 'the legacy 3DES key bag', part: /its private key/ },
  { file: 'nested.p12', what: 'a key bag inside encrypted contents', part: /encrypted parts/ },
]

describe('a PKCS#12 asking for 100,000,000 key-derivation rounds', () => {
  it.each(HOSTILE)('makes unguarded node-forge spin ($what)', async ({ file }) => {
    const data = readFileSync(files[file]!)
    expect(await stillRunningAfter(2000, UNGUARDED_FORGE, { data, password: P12_PASSWORD })).toBe(
      true,
    )
  })

  // "At once" without a stopwatch: a file that reached the derivation would keep the worker busy
  // until its time limit and come back TIMEOUT; WORK_LIMIT is only said before any derivation.
  it.each(HOSTILE)('is refused by safehold register at once ($what)', ({ file, part }) => {
    const before = fileDigests(vault)
    const result = registerP12(files[file]!)
    const message = expectCliError(result, 'WORK_LIMIT')
    expect(message).toMatch(new RegExp(`^"${file}" asks for 100,000,000 key-derivation rounds`))
    expect(message).toMatch(part)
    expect(message).toMatch(/at most (600,000|2,000,000)/)
    expect(message).toContain('openssl pkcs12 -export -iter 2048')
    expect(result.stderr).not.toContain(P12_PASSWORD)
    expect(fileDigests(vault)).toEqual(before)
    expect(runCliJson(['list'], { vault, env: { SAFEHOLD_PASSPHRASE: PASSPHRASE } })).toEqual([])
  })

  it('leaves real files alone: the same certificate exported by openssl registers', () => {
    expectSuccess(registerP12(files['modern.p12']!))
    const listed = runCliJson<{ name: string }[]>(['list'], {
      vault,
      env: { SAFEHOLD_PASSPHRASE: PASSPHRASE },
    })
    expect(listed.map((secret) => secret.name)).toEqual(['hostile-cert'])
  })
})

describe('certificates:inspect of a hostile PKCS#12', () => {
  let services: AppServices
  let slowServices: AppServices
  let router: IpcRouter
  let slowRouter: IpcRouter

  beforeAll(async () => {
    const open = (name: string, reader?: ReturnType<typeof certificateReader>) =>
      openAppServices({
        vaultDir: join(dir, name),
        keychain: memoryKeychain(),
        passphrase: null,
        clock: fixedClock(new Date(Date.now() + 60_000).toISOString()),
        clipboard: memoryClipboard(),
        createIfMissing: true,
        ...(reader === undefined ? {} : { certificateReader: reader }),
      })
    services = await open('ipc-vault')
    // Caps raised so slow.p12 passes them; the worker's time limit is what stops it.
    slowServices = await open(
      'ipc-slow-vault',
      certificateReader({
        timeLimitMs: 1000,
        limits: { ...DEFAULT_WORK_LIMITS, pkcs12Iterations: 10_000_000 },
      }),
    )
    const options = { isOwnPage: sameOriginAs('app://safehold/'), log: () => {} }
    router = createIpcRouter(services, options)
    slowRouter = createIpcRouter(slowServices, options)
  })

  afterAll(() => {
    services?.close()
    slowServices?.close()
  })

  const inspect = (on: IpcRouter, file: string) =>
    on.dispatch(
      'certificates:inspect',
      {
        certificate: {
          fileName: file,
          dataBase64: readFileSync(files[file]!).toString('base64'),
          password: P12_PASSWORD,
        },
      },
      OWN,
    )

  it.each(HOSTILE)('answers WORK_LIMIT before any derivation ($what)', async ({ file, part }) => {
    const result = await inspect(router, file)
    expect(result).toMatchObject({ ok: false, error: { code: 'WORK_LIMIT', field: 'certificate' } })
    const { message } = (result as { error: { message: string } }).error
    expect(message).toMatch(part)
    expect(message).not.toContain(P12_PASSWORD)
  })

  it('refuses a valid file over the default cap, naming 1,000,000 and 600,000', async () => {
    const result = await inspect(router, 'slow.p12')
    expect(result).toMatchObject({ ok: false, error: { code: 'WORK_LIMIT' } })
    expect(JSON.stringify(result)).toMatch(/asks for 1,000,000 .*at most 600,000/)
  })

  it('stops a valid file that passes raised caps at the time limit (TIMEOUT)', async () => {
    const started = Date.now()
    const result = await inspect(slowRouter, 'slow.p12')
    const elapsed = Date.now() - started
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT', field: 'certificate' } })
    expect(JSON.stringify(result)).toMatch(/Reading \\"slow.p12\\" took longer than 1 second/)
    // Not before its time; how long after depends on the machine's load, which a test cannot set.
    expect(elapsed).toBeGreaterThanOrEqual(1000)
  })

  it('still reads the real file through the worker', async () => {
    const result = await inspect(router, 'modern.p12')
    expect(result).toMatchObject({
      ok: true,
      value: {
        hasPrivateKey: true,
        facts: { keyType: 'EC P-256', subject: 'CN=leaf.example.com' },
      },
    })
  })
})
