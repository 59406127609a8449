/**
 * Threat: the app's "Scan a folder…" reads a folder someone else may have filled, in the process
 * that holds the vault and the window. A FIFO nobody writes to would block a read for ever, a link
 * to /dev/zero would never end, a symlink loop would recurse without end, a link to a file outside
 * would report what was never asked for, a huge file would keep the scan busy for minutes, and a
 * picked folder that is itself a link would take the scan somewhere else. Through the real router
 * over real services: the scan finishes, reading only the regular files inside; a huge file leaves
 * the router answering at once and stops the moment it is cancelled; a linked folder is refused.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import type { ScanView } from '../../src/main/usage/leak-scans'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const OWN = { url: 'app://safehold/index.html' }
const VALUE = 'scan-folder-threat-6b5a4c3d'
const HUGE_BYTES = 4 * 1024 ** 3

let root = ''
let hostile = ''
let huge = ''
let picks: string[] = []
let services: AppServices
let router: IpcRouter

async function call<T>(channel: string, request: unknown): Promise<T> {
  const result = await router.dispatch(channel, request, OWN)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

async function start(folder: string): Promise<ScanView> {
  picks = [folder]
  const { scan } = await call<{ scan: ScanView }>('scan:start', {
    folder: 'choose',
    gitHistory: false,
  })
  return scan
}

beforeAll(async () => {
  root = makeTempDir('scan-folder-inputs')
  services = await openAppServices({
    vaultDir: join(root, 'vault'),
    keychain: memoryKeychain(),
    passphrase: null,
    clock: fixedClock(new Date().toISOString()),
    createIfMissing: true,
    pickScanFolder: () => Promise.resolve(picks.shift() ?? null),
  })
  router = createIpcRouter(services, { isOwnPage: sameOriginAs('app://safehold/'), log: () => {} })
  await call('secrets:register', {
    type: 'api-key',
    name: 'threat-key',
    scope: { kind: 'personal' },
    fields: { headerName: 'X-Api-Key', value: VALUE },
  })

  hostile = join(root, 'hostile')
  mkdirSync(join(hostile, 'loop'), { recursive: true })
  expect(spawnSync('mkfifo', [join(hostile, 'pipe')]).status).toBe(0)
  symlinkSync('/dev/zero', join(hostile, 'zero'))
  symlinkSync('..', join(hostile, 'loop', 'up'))
  const outside = join(root, 'outside.txt')
  writeFileSync(outside, `${VALUE}\n`)
  symlinkSync(outside, join(hostile, 'outside-link'))
  writeFileSync(join(hostile, 'inside.txt'), `x\n${VALUE}\n`)

  // 4 GiB of text, costing no disk: a line, then a hole (read as NUL bytes past the binary probe).
  huge = join(root, 'huge')
  mkdirSync(huge)
  const fd = openSync(join(huge, 'big.log'), 'w')
  writeSync(fd, 'a log line\n'.repeat(1000))
  writeSync(fd, 'end\n', HUGE_BYTES)
  closeSync(fd)
}, 60_000)

afterAll(() => {
  services?.close()
  removeTempDirs()
})

it('finishes, reading only the regular files inside the folder', async () => {
  const first = await start(hostile)
  let view = first
  const until = Date.now() + 30_000
  while (view.state === 'running' && Date.now() < until) {
    await new Promise((done) => setTimeout(done, 20))
    view = await call<ScanView>('scan:status', { id: first.id, from: 0 })
  }
  expect(view).toMatchObject({ state: 'done', files: 1, found: 1 })
  expect(view.findings).toEqual([
    { file: 'inside.txt', line: 2, secret: 'threat-key', commit: null },
  ])
})

it('reads a huge file without holding up the router, and stops at once when cancelled', async () => {
  const first = await start(huge)
  let reading = first
  const until = Date.now() + 10_000
  while (reading.bytes === 0 && Date.now() < until) {
    await new Promise((done) => setTimeout(done, 20))
    reading = await call<ScanView>('scan:status', { id: first.id, from: 0 })
  }
  const asked = Date.now()
  expect(await router.dispatch('secrets:list', {}, OWN)).toMatchObject({ ok: true })
  const status = await call<ScanView>('scan:status', { id: first.id, from: 0 })
  // Main answers while the worker reads a 4 GiB file: seconds, not the minutes the file would take.
  expect(Date.now() - asked).toBeLessThan(5000)
  expect(status.state).toBe('running')
  expect(status.bytes).toBeGreaterThan(0)
  expect(status.bytes).toBeLessThan(HUGE_BYTES)

  const cancelling = Date.now()
  const cancelled = await call<ScanView>('scan:cancel', { id: first.id })
  expect(Date.now() - cancelling).toBeLessThan(5000)
  expect(cancelled.state).toBe('cancelled')
  // Stopped means stopped: no more is read after the cancel.
  await new Promise((done) => setTimeout(done, 300))
  const later = await call<ScanView>('scan:status', { id: first.id, from: 0 })
  expect(later.bytes).toBe(cancelled.bytes)
})

it('refuses a picked folder that is a symbolic link, reading nothing', async () => {
  const link = join(root, 'linked-folder')
  symlinkSync(hostile, link)
  picks = [link]
  const result = await router.dispatch('scan:start', { folder: 'choose', gitHistory: false }, OWN)
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  expect(JSON.stringify(result)).toMatch(/symbolic link/)
})
