/**
 * Threat: one big folder freezes the whole app. In Electron the IPC router runs in the main
 * process; a leak scan that built its matcher and read the files there would stop every window
 * for seconds (a vault of many values makes a matcher of millions of states, and a folder may hold
 * gigabytes). With the real router over real services on a vault of long values (1.4 MB of
 * them): "Scan a folder…" — matcher and reading in the scan worker — never stalls the event loop
 * for 100 ms from start to finish, and secrets:list is answered at once while the scan runs;
 * reading the same folder on the main thread stalls it for far more than 100 ms.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { scanTree, scanValues, Tally } from '../../src/main/usage/folder-scan'
import type { ScanView } from '../../src/main/usage/leak-scans'
import { createScanner } from '../../src/main/usage/value-scan'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const OWN = { url: 'app://safehold/index.html' }
const SECRETS = 24
const FILES = 160
const FILE_BYTES = 256 * 1024

let root = ''
let folder = ''
let services: AppServices
let router: IpcRouter
let planted = ''

async function call<T>(channel: string, request: unknown): Promise<T> {
  const result = await router.dispatch(channel, request, OWN)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

/** The longest stall of this thread's event loop while `work` runs, in ms. */
async function longestStall(work: () => Promise<void> | void): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  // The sampler is armed by the event loop: a stall before it runs once would go unseen.
  await new Promise((done) => setTimeout(done, 20))
  await work()
  await new Promise((done) => setTimeout(done, 30))
  delay.disable()
  return delay.max / 1e6
}

beforeAll(async () => {
  root = makeTempDir('scan-main-thread')
  services = await openAppServices({
    vaultDir: join(root, 'vault'),
    keychain: memoryKeychain(),
    passphrase: null,
    clock: fixedClock(new Date().toISOString()),
    createIfMissing: true,
    pickScanFolder: () => Promise.resolve(folder),
  })
  router = createIpcRouter(services, { isOwnPage: sameOriginAs('app://safehold/'), log: () => {} })
  // Values near their 64 KiB limit: a matcher of some 1.4 million states.
  for (let i = 0; i < SECRETS; i++) {
    const value = randomBytes(45_000).toString('base64')
    if (i === SECRETS - 1) planted = value
    await call('secrets:register', {
      type: 'api-key',
      name: `bulk-${String(i).padStart(4, '0')}`,
      scope: { kind: 'personal' },
      fields: { headerName: 'X-Api-Key', value },
    })
  }
  folder = join(root, 'large')
  for (let i = 0; i < FILES; i++) {
    const dir = join(folder, `part-${i % 8}`)
    mkdirSync(dir, { recursive: true })
    const text = Buffer.alloc(FILE_BYTES, 'lorem ipsum dolor sit amet\n')
    const last = i === FILES - 1 ? Buffer.from(`\n${planted}\n`) : Buffer.alloc(0)
    writeFileSync(join(dir, `file-${i}.txt`), Buffer.concat([text, last]))
  }
}, 120_000)

afterAll(() => {
  services?.close()
  removeTempDirs()
})

describe('a large folder scanned', () => {
  it('never stalls it for 100 ms when the app scans it, and list answers meanwhile', async () => {
    // A busy machine (test files run side by side) holds any thread up now and then; a scan that
    // blocked the loop would do so on every try, so the best of three tries is what is judged.
    const stalls: number[] = []
    for (let attempt = 0; attempt < 3 && !stalls.some((stall) => stall < 100); attempt++) {
      let listElapsed = Number.POSITIVE_INFINITY
      let last: ScanView | null = null
      stalls.push(
        await longestStall(async () => {
          const { scan } = await call<{ scan: ScanView }>('scan:start', {
            folder: 'choose',
            gitHistory: false,
          })
          // The window's next call, a moment later, while the worker reads.
          await new Promise((done) => setTimeout(done, 10))
          const asked = Date.now()
          await call('secrets:list', {})
          listElapsed = Date.now() - asked
          last = scan
          while (last.state === 'running') {
            await new Promise((done) => setTimeout(done, 20))
            last = await call<ScanView>('scan:status', { id: scan.id, from: 0 })
          }
        }),
      )
      expect(last).toMatchObject({ state: 'done', files: FILES, found: 1 })
      expect(last!.findings[0]).toMatchObject({
        secret: `bulk-${String(SECRETS - 1).padStart(4, '0')}`,
      })
      expect(listElapsed).toBeLessThan(1000)
    }
    expect(Math.min(...stalls)).toBeLessThan(100)
  })

  // Last: the matcher it builds here is garbage a later measurement would pay for in GC.
  it('stalls the event loop when matched on this thread, as a scan in main would', async () => {
    const stall = await longestStall(() => {
      const scanner = createScanner(scanValues(services.store.state))
      scanTree(folder, '', scanner, new Tally())
    })
    expect(stall).toBeGreaterThan(300)
  })
})
