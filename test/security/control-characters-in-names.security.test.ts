/**
 * Names of people and places follow one rule (DESIGN §1.1): `init --user "" --org ""`, names
 * with line breaks, ANSI escapes, bidi overrides or 100 KB were accepted by `init` and by
 * `profile:update` over IPC and then printed raw; "Pay ments" and "Pay ments " were two
 * workspaces. Now each is refused naming the field, nothing is written, and names are stored
 * NFC-normalized and trimmed; the app's first-run screen (vault:create) applies the same rule.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { VaultSession } from '../../src/main/app/vault-session'
import { createIpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { silentNotifier } from '../../src/main/lifecycle/notifier'
import { memoryClipboard } from '../../src/main/usage/clipboard'
import type { ProfileView } from '../../src/shared/secret-view'
import { fileDigests } from '../support/cli'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'
import { fixedClock } from '../support/vault-fixtures'

const HOSTILE: [string, string, RegExp][] = [
  ['empty', '', /is required/],
  ['only spaces', '   ', /is required/],
  ['a line break', 'Ann\nroot', /control characters/],
  ['an ANSI escape', 'Ann\u001b[31m', /control characters/],
  ['a C1 CSI', 'Ann\u009b2J', /control characters/],
  ['a bidi override', 'Ann\u202Enimda', /control characters/],
  ['a bidi isolate', '\u2066Ann', /control characters/],
  ['a zero-width space', 'An\u200Bn', /control characters/],
  ['100 KB', 'A'.repeat(100_000), /at most 64 characters/],
  ['65 characters', 'é'.repeat(65), /at most 64 characters/],
]
let root = ''
const keychain = memoryKeychain()

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'safehold-names-'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('safehold init', () => {
  it.each(HOSTILE)(
    'refuses a user name with %s, leaving no vault behind',
    async (_, name, message) => {
      const vault = join(root, `init-${Math.random().toString(36).slice(2)}`)
      for (const option of ['--user', '--org']) {
        const result = await runCliInProcess(['init', option, name], { vault, keychain })
        expect(oneLineError(result, 'INVALID_INPUT')).toMatch(message)
        expect(result.stderr).not.toContain(name.length > 3 ? name : '\u0000')
        expect(existsSync(vault) ? readdirSync(vault) : []).toEqual([])
      }
    },
  )

  it('stores names NFC-normalized and trimmed', async () => {
    const vault = join(root, 'nfc')
    await initInProcess(vault, keychain, ['--org', ' Cafe\u0301 Org '])
    const shown = await runCliInProcess(['profile', '--json'], { vault, keychain })
    expect((JSON.parse(shown.stdout) as ProfileView).organization).toBe('Caf\u00e9 Org')
  })
})

describe('safehold profile and workspace add', () => {
  let vault = ''
  beforeAll(async () => {
    vault = join(root, 'profile')
    await initInProcess(vault, keychain)
  })

  it.each(HOSTILE)('refuses %s as a user name or a workspace name', async (_, name, message) => {
    const before = fileDigests(vault)
    const user = await runCliInProcess(['profile', '--user', name], { vault, keychain })
    expect(oneLineError(user, 'INVALID_INPUT')).toMatch(message)
    const workspace = await runCliInProcess(['workspace', 'add', name], { vault, keychain })
    expect(oneLineError(workspace, 'INVALID_INPUT')).toMatch(message)
    expect(fileDigests(vault)).toEqual(before)
  })

  it('"Pay ments" and "pay ments " are one workspace', async () => {
    expect(
      (await runCliInProcess(['workspace', 'add', 'Pay ments'], { vault, keychain })).code,
    ).toBe(0)
    const before = fileDigests(vault)
    for (const again of ['pay ments ', ' PAY MENTS', 'Pay ments\u0020']) {
      const result = await runCliInProcess(['workspace', 'add', again], { vault, keychain })
      expect(oneLineError(result, 'WORKSPACE_EXISTS')).toMatch(/already exists/)
    }
    expect(fileDigests(vault)).toEqual(before)
    const list = await runCliInProcess(['workspace', 'list', '--json'], { vault, keychain })
    expect(JSON.parse(list.stdout)).toEqual(['Pay ments'])
  })
})

describe('profile:update over IPC', () => {
  let services: AppServices
  let dir = ''
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'safehold-names-ipc-'))
    services = await openAppServices({
      vaultDir: join(dir, 'vault'),
      keychain: memoryKeychain(),
      passphrase: null,
      clock: fixedClock(),
      clipboard: memoryClipboard(),
      createIfMissing: true,
    })
  })
  afterAll(() => {
    services?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each(HOSTILE.filter(([, name]) => name.length <= 128))(
    'refuses %s',
    async (_, user, message) => {
      const router = createIpcRouter(services, {
        isOwnPage: sameOriginAs('app://safehold/'),
        log: () => {},
      })
      const own = { url: 'app://safehold/index.html' }
      const before = fileDigests(join(dir, 'vault'))
      const result = await router.dispatch('profile:update', { user }, own)
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect((result as { error: { message: string } }).error.message).toMatch(message)
      expect(fileDigests(join(dir, 'vault'))).toEqual(before)
    },
  )
})

describe('vault:create (the welcome screen)', () => {
  // The first-run screen takes the same names as `init`: up to 256 characters cross the contract.
  it.each(HOSTILE.filter(([, name]) => name.length <= 256))(
    'refuses an organization or user name with %s, naming the field, and makes no vault',
    async (_, name, message) => {
      for (const field of ['organization', 'user'] as const) {
        const dir = join(root, `create-${Math.random().toString(36).slice(2)}`)
        const session = new VaultSession({
          vaultDir: dir,
          clock: fixedClock(),
          keychain,
          keychainStatus: () => Promise.resolve({ available: true, label: 'Test', reason: null }),
          notifier: silentNotifier,
        })
        await session.start({ passphrase: null })
        const router = createIpcRouter(session, {
          isOwnPage: sameOriginAs('app://safehold/'),
          log: () => {},
        })
        const request = { organization: 'Acme', user: 'Ada', protection: 'keychain', [field]: name }
        const result = await router.dispatch('vault:create', request, {
          url: 'app://safehold/index.html',
        })
        expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
        const text = (result as { error: { message: string } }).error.message
        expect(text).toMatch(message)
        if (name.trim().length > 0) expect(text).not.toContain(name)
        expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([])
        expect(session.currentPhase).toBe('no-vault')
      }
    },
  )
})
