/**
 * Threat: one hostile certificate freezes the whole app. In Electron the IPC router runs in the
 * main process, so a file that takes seconds to read would stop every window, and the router's
 * one-call-at-a-time queue would hold up every other call behind it. With the real router over
 * real services on a temporary vault: while a 100,000,000-round PKCS#12 is inspected, secrets:list
 * is answered in under a second and the inspect answers WORK_LIMIT within the worker's limit;
 * with the caps raised, a valid slow file leaves list answering at once and ends as TIMEOUT at
 * the (lowered) limit; and while a slow-but-allowed file is read the event loop never stalls for
 * 100 ms, where reading it on the main thread (as before) stalls it for seconds.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { parseCertificateFile } from '../../src/main/certificates/certificate-parser'
import {
  certificateReader,
  DEFAULT_TIME_LIMIT_MS,
  type CertificateReader,
} from '../../src/main/certificates/certificate-reader'
import { DEFAULT_WORK_LIMITS } from '../../src/main/certificates/work-limits'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { memoryClipboard } from '../../src/main/usage/clipboard'
import { exportLeafP12, makeSelfSignedCertificate } from '../support/certs'
import { withMacIterations } from '../support/hostile-certificates'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const P12_PASSWORD = 'main-thread-p12-8c2f'
const OWN = { url: 'app://safehold/index.html' }
const RAISED = { ...DEFAULT_WORK_LIMITS, pkcs12Iterations: 10_000_000 }

let dir = ''
const opened: AppServices[] = []

async function routerWith(name: string, reader?: CertificateReader): Promise<IpcRouter> {
  const services = await openAppServices({
    vaultDir: join(dir, name),
    keychain: memoryKeychain(),
    passphrase: null,
    clock: fixedClock(new Date(Date.now() + 60_000).toISOString()),
    clipboard: memoryClipboard(),
    createIfMissing: true,
    ...(reader === undefined ? {} : { certificateReader: reader }),
  })
  opened.push(services)
  const router = createIpcRouter(services, {
    isOwnPage: sameOriginAs('app://safehold/'),
    log: () => {},
  })
  const registered = await router.dispatch(
    'secrets:register',
    {
      type: 'api-key',
      name: 'billing-api',
      scope: { kind: 'personal' },
      fields: { headerName: 'X-Api-Key', value: 'sk_live_main_thread_0a1b2c3d' },
    },
    OWN,
  )
  expect(registered).toMatchObject({ ok: true })
  return router
}

const p12 = (file: string) => ({
  certificate: {
    fileName: file,
    dataBase64: readFileSync(join(dir, file)).toString('base64'),
    password: P12_PASSWORD,
  },
})

/** Starts an inspect, then times a secrets:list sent while it is still running. */
async function listWhileInspecting(router: IpcRouter, file: string) {
  const started = Date.now()
  let inspectDone = false
  const inspect = router.dispatch('certificates:inspect', p12(file), OWN).then((result) => {
    inspectDone = true
    return { result, elapsed: Date.now() - started }
  })
  const listStarted = Date.now()
  const list = await router.dispatch('secrets:list', {}, OWN)
  const listElapsed = Date.now() - listStarted
  const inspectRunningWhenListed = !inspectDone
  return { list, listElapsed, inspectRunningWhenListed, inspect: await inspect }
}

beforeAll(() => {
  dir = makeTempDir('main-thread-block')
  makeSelfSignedCertificate(dir, 'leaf', { algorithm: 'rsa' })
  const exportP12 = (name: string, ...extra: string[]): Buffer =>
    exportLeafP12(dir, name, P12_PASSWORD, ...extra)
  writeFileSync(join(dir, 'hostile.p12'), withMacIterations(exportP12('modern.p12'), 100_000_000))
  // Valid throughout, 1,000,000 rounds: node-forge's JavaScript MAC check takes seconds.
  exportP12('slow.p12', '-iter', '1000000')
})

afterAll(() => {
  for (const services of opened) services.close()
  removeTempDirs()
})

describe('a hostile certificate inspected through the router', () => {
  it('leaves secrets:list answering in under a second; inspect answers WORK_LIMIT', async () => {
    const router = await routerWith('vault')
    const run = await listWhileInspecting(router, 'hostile.p12')
    expect(run.list).toMatchObject({ ok: true, value: [{ name: 'billing-api' }] })
    expect(run.listElapsed).toBeLessThan(1000)
    expect(run.inspect.result).toMatchObject({
      ok: false,
      error: { code: 'WORK_LIMIT', field: 'certificate' },
    })
    expect(JSON.stringify(run.inspect.result)).toMatch(/100,000,000 .*at most 600,000/)
    expect(run.inspect.elapsed).toBeLessThan(DEFAULT_TIME_LIMIT_MS)
  })

  it('with the caps raised: list still answers at once, inspect stops as TIMEOUT', async () => {
    const router = await routerWith(
      'slow-vault',
      certificateReader({ timeLimitMs: 1500, limits: RAISED }),
    )
    const run = await listWhileInspecting(router, 'slow.p12')
    expect(run.inspectRunningWhenListed).toBe(true)
    expect(run.list).toMatchObject({ ok: true, value: [{ name: 'billing-api' }] })
    expect(run.listElapsed).toBeLessThan(1000)
    expect(run.inspect.result).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT', field: 'certificate' },
    })
    expect(run.inspect.elapsed).toBeGreaterThanOrEqual(1500)
    expect(run.inspect.elapsed).toBeLessThan(1500 + 1500)
  })
})

describe('the event loop while a slow-but-allowed certificate is read', () => {
  it('stalls for seconds when the file is parsed on the main thread, as before', () => {
    const started = Date.now()
    parseCertificateFile(
      { fileName: 'slow.p12', data: readFileSync(join(dir, 'slow.p12')), password: P12_PASSWORD },
      new Date(Date.now() + 60_000),
      RAISED,
    )
    expect(Date.now() - started).toBeGreaterThan(1000)
  })

  it('never stalls for 100 ms when the worker reads it', async () => {
    const router = await routerWith('loop-vault', certificateReader({ limits: RAISED }))
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    // The sampler is armed by the event loop: a stall before it runs once would go unseen.
    await new Promise((resolve) => setTimeout(resolve, 20))
    const started = Date.now()
    const result = await router.dispatch('certificates:inspect', p12('slow.p12'), OWN)
    const elapsed = Date.now() - started
    await new Promise((resolve) => setTimeout(resolve, 30))
    delay.disable()
    expect(result).toMatchObject({ ok: true, value: { hasPrivateKey: true } })
    expect(elapsed).toBeGreaterThan(1000)
    expect(delay.max / 1e6).toBeLessThan(100)
  })
})
