/**
 * "Scan a folder…" (DESIGN §3) through the real router over real services: the folder the picker
 * answers is read in the scan worker, and the page is given file:line, commit and secret names —
 * never a value — page by page. The scan is audited with its counts, and it is not a use: the
 * secrets' statuses and usages are unchanged. Cancelling stops it, a new scan ends the last, and
 * the vault locking ends a running one.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { LeakScans, STATUS_PAGE, type ScanView } from '../../src/main/usage/leak-scans'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const OWN = { url: 'app://safehold/index.html' }
const STRIPE = 'sk_live_app_scan_51HxYzAb'
const DB_PASS = 'app-scan-db-pass-Q8w7e6r5'
const OLD_TOKEN = 'ghp_app_scan_old_commit_42'
const VALUES = [STRIPE, DB_PASS, OLD_TOKEN]

let root = ''
let folder = ''
let repo = ''
let many = ''
let picks: (string | null)[] = []
let services: AppServices
let router: IpcRouter
const answers: string[] = []

async function call<T>(channel: string, request: unknown): Promise<T> {
  const result = await router.dispatch(channel, request, OWN)
  answers.push(JSON.stringify(result))
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

async function refusal(channel: string, request: unknown): Promise<{ code: string }> {
  const result = await router.dispatch(channel, request, OWN)
  answers.push(JSON.stringify(result))
  expect(result.ok).toBe(false)
  return (result as { ok: false; error: { code: string } }).error
}

/** Asks until the scan has ended, gathering its places page by page as the page does. */
async function finished(
  first: ScanView,
): Promise<{ view: ScanView; places: ScanView['findings'] }> {
  const places = [...first.findings]
  let view = first
  while (view.state === 'running' || places.length < view.found) {
    if (view.state === 'running') await new Promise((done) => setTimeout(done, 20))
    view = await call<ScanView>('scan:status', { id: first.id, from: places.length })
    expect(view.from).toBe(places.length)
    expect(view.findings.length).toBeLessThanOrEqual(STATUS_PAGE)
    places.push(...view.findings)
  }
  return { view, places }
}

async function scan(gitHistory = false, which: 'choose' | 'same' = 'choose') {
  const { scan: first } = await call<{ scan: ScanView | null }>('scan:start', {
    folder: which,
    gitHistory,
  })
  if (first === null) throw new Error('the pick was cancelled')
  return finished(first)
}

function git(...args: string[]): void {
  execFileSync('git', ['-C', repo, '-c', 'user.name=Ada', '-c', 'user.email=ada@x.org', ...args])
}

beforeAll(async () => {
  root = makeTempDir('leak-scan')
  services = await openAppServices({
    vaultDir: join(root, 'vault'),
    keychain: memoryKeychain(),
    passphrase: null,
    clock: fixedClock(new Date(Date.now()).toISOString()),
    createIfMissing: true,
    pickScanFolder: () => Promise.resolve(picks.shift() ?? null),
  })
  router = createIpcRouter(services, { isOwnPage: sameOriginAs('app://safehold/'), log: () => {} })
  const register = (name: string, fields: Record<string, string>) =>
    call('secrets:register', { type: 'api-key', name, scope: { kind: 'personal' }, fields })
  await register('stripe-live', { headerName: 'X-Api-Key', value: STRIPE })
  await register('github-token', { headerName: 'Authorization', value: OLD_TOKEN })
  await call('secrets:register', {
    type: 'key-value',
    name: 'app-env',
    scope: { kind: 'personal' },
    pairs: [{ key: 'DB_PASS', value: DB_PASS }],
  })

  folder = join(root, 'project')
  mkdirSync(join(folder, 'src'), { recursive: true })
  writeFileSync(join(folder, '.env'), `# local\nREGION=eu\nDB_PASS=${DB_PASS}\n`)
  writeFileSync(join(folder, 'src', 'pay.js'), `${'// x\n'.repeat(9)}const key = "${STRIPE}"\n`)
  writeFileSync(
    join(folder, 'image.bin'),
    Buffer.concat([Buffer.from([0, 1]), Buffer.from(STRIPE)]),
  )

  repo = join(root, 'repo')
  mkdirSync(repo)
  execFileSync('git', ['init', '-q', repo])
  writeFileSync(join(repo, 'deploy.sh'), `#!/bin/sh\nexport TOKEN=${OLD_TOKEN}\n./deploy\n`)
  git('add', '.')
  git('commit', '-q', '-m', 'deploy script')
  writeFileSync(join(repo, 'deploy.sh'), '#!/bin/sh\n./deploy\n')
  git('commit', '-q', '-am', 'token out of the script')

  many = join(root, 'many')
  mkdirSync(many)
  writeFileSync(join(many, 'dump.txt'), `${STRIPE}\n`.repeat(STATUS_PAGE + 500))
}, 60_000)

afterAll(() => {
  services?.close()
  removeTempDirs()
})

describe('scanning a folder from the app', () => {
  it('lists each place by file:line and secret name, and sends no value', async () => {
    const before = await call('secrets:list', {})
    picks = [folder]
    const { view, places } = await scan()
    expect(view).toMatchObject({
      state: 'done',
      folder,
      gitRepository: false,
      gitHistory: false,
      files: 2,
      binary: 1,
      found: 2,
      truncated: false,
      error: null,
    })
    expect(view.values).toBe(3)
    expect(places).toEqual([
      { file: '.env', line: 3, secret: 'app-env', commit: null },
      { file: join('src', 'pay.js'), line: 10, secret: 'stripe-live', commit: null },
    ])
    // Not a use: every status, usage and date as it was.
    expect(await call('secrets:list', {})).toEqual(before)
    const log = await call<{ entries: { action: string; detail?: string }[] }>('audit:list', {
      action: 'scan',
    })
    expect(log.entries[0]?.detail).toBe('2 files, 2 places found')
  })

  it('reads a repository’s history when asked, finding a value only an old commit holds', async () => {
    picks = [repo]
    const plain = await scan()
    expect(plain.view).toMatchObject({ state: 'done', gitRepository: true, found: 0 })
    const { view, places } = await scan(true, 'same')
    expect(view).toMatchObject({ state: 'done', folder: repo, gitHistory: true })
    expect(places.map(({ file, line, secret }) => ({ file, line, secret }))).toEqual([
      { file: 'deploy.sh', line: 2, secret: 'github-token' },
    ])
    expect(places[0]?.commit).toMatch(/^[0-9a-f]{12}$/)
  })

  it('gives a long list in pages', async () => {
    picks = [many]
    const { view, places } = await scan()
    expect(view.found).toBe(STATUS_PAGE + 500)
    expect(places.map((place) => place.line)).toEqual(
      Array.from({ length: STATUS_PAGE + 500 }, (_, index) => index + 1),
    )
  })

  it('changes nothing when the pick is cancelled, and refuses what it cannot read', async () => {
    picks = [null]
    expect(await call('scan:start', { folder: 'choose', gitHistory: false })).toEqual({
      scan: null,
    })
    picks = [folder]
    expect(await refusal('scan:start', { folder: 'choose', gitHistory: true })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'gitHistory',
    })
    picks = [join(folder, '.env')]
    expect(await refusal('scan:start', { folder: 'choose', gitHistory: false })).toMatchObject({
      code: 'NOT_A_FILE',
    })
    picks = [join(root, 'nothing-here')]
    expect(await refusal('scan:start', { folder: 'choose', gitHistory: false })).toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('keeps at most its limit of places and says it found more', async () => {
    const scans = new LeakScans({
      store: services.store,
      clock: services.clock,
      pickFolder: () => Promise.resolve(many),
      maxFindings: 10,
    })
    const started = await scans.start(many, false)
    let view = started
    while (view.state === 'running') {
      await new Promise((done) => setTimeout(done, 20))
      view = scans.status(started.id, 0)
    }
    expect(view).toMatchObject({ state: 'done', found: 10, truncated: true })
  })

  it('no answer of the whole file held a value', () => {
    for (const answer of answers) for (const value of VALUES) expect(answer).not.toContain(value)
  })
})

describe('ending a scan', () => {
  let big = ''
  beforeAll(() => {
    big = join(root, 'big')
    mkdirSync(big)
    const line = 'x'.repeat(1023) + '\n'
    const chunk = line.repeat(1024)
    for (let i = 0; i < 40; i++) writeFileSync(join(big, `part-${i}.txt`), chunk.repeat(4))
  })

  it('stops where it is when cancelled, and audits the cancellation', async () => {
    picks = [big]
    const { scan: first } = await call<{ scan: ScanView }>('scan:start', {
      folder: 'choose',
      gitHistory: false,
    })
    const cancelled = await call<ScanView>('scan:cancel', { id: first.id })
    expect(cancelled.state).toBe('cancelled')
    expect(cancelled.files).toBeLessThan(40)
    const later = await call<ScanView>('scan:status', { id: first.id, from: 0 })
    expect(later.state).toBe('cancelled')
    const log = await call<{ entries: { detail?: string }[] }>('audit:list', { action: 'scan' })
    expect(log.entries[0]?.detail).toMatch(/^cancelled after \d+ files, 0 places found$/)
  })

  it('a new scan ends the last one, whose status is then refused', async () => {
    picks = [big, folder]
    const { scan: first } = await call<{ scan: ScanView }>('scan:start', {
      folder: 'choose',
      gitHistory: false,
    })
    const { view } = await scan()
    expect(view.state).toBe('done')
    expect(await refusal('scan:status', { id: first.id, from: 0 })).toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('the vault closing ends a running scan', async () => {
    const scans = new LeakScans({ store: services.store, clock: services.clock })
    const started = await scans.start(big, false)
    expect(started.state).toBe('running')
    await scans.dispose()
    expect(scans.status(started.id, 0).state).toBe('cancelled')
  })
})
