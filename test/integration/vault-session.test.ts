/**
 * The vault session through the router, on real vault files, as the welcome, unlock and Settings
 * screens call it: first run both ways (keychain, passphrase), a passphrase vault that starts
 * locked, unlock right and wrong, one unlock at a time, OS verification, Lock now, adding a
 * passphrase to a keychain vault, and "Open a vault folder…", which remembers a folder only once
 * its vault has opened. Names and passphrases follow the rules, and no message repeats them.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { unlock } from '../../src/main/app/session-requests'
import type { Keychain } from '../../src/main/keychain/keychain'
import { openVault } from '../../src/main/vault/vault-access'
import { readHeader } from '../../src/main/vault/vault-header'
import { keychainAccount } from '../../src/main/vault/vault-key'
import { testSession } from '../support/session-fixtures'
import { sessionRouter } from '../support/session-router'
import { makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const PASSPHRASE = 'correct horse battery staple'

afterEach(removeTempDirs)

function welcome(keychain?: Keychain) {
  const dir = join(makeTempDir('session'), 'vault')
  const made = testSession({ vaultDir: dir, ...(keychain === undefined ? {} : { keychain }) })
  return { dir, ...made, ...sessionRouter(made.session) }
}

async function passphraseVault(): Promise<string> {
  const first = welcome()
  await first.session.start({ passphrase: null })
  await first.ok('vault:create', {
    organization: 'Acme',
    user: 'Ada',
    protection: 'passphrase',
    passphrase: PASSPHRASE,
  })
  await first.ok('secrets:register', {
    type: 'api-key',
    name: 'stripe-live',
    scope: { kind: 'personal' },
    fields: { headerName: 'X-Api-Key', value: 'sk_live_session_0c4d' },
  })
  await first.session.lock('user')
  return first.dir
}

describe('first run', () => {
  it('without a vault shows the welcome phase, and every other channel says there is none', async () => {
    const { session, ok, fails, dir } = welcome()
    await session.start({ passphrase: null })
    expect(await ok('vault:state', {})).toEqual({
      phase: 'no-vault',
      vaultDir: dir,
      protection: null,
      hasPassphrase: false,
      unlockWith: null,
      keychain: { available: true, label: 'Test keychain', reason: null },
      retryAfterMs: 0,
      lockedBy: null,
    })
    expect(await fails('secrets:list', {})).toMatchObject({ code: 'NO_VAULT' })
    expect(await ok('vault:touch', {})).toEqual({ locksInMs: null })
    expect(existsSync(dir)).toBe(false)
  })

  it('creates a keychain vault with the names given, and opens it', async () => {
    const { session, ok, fails, dir, keychain } = welcome()
    await session.start({ passphrase: null })
    const state = await ok('vault:create', {
      organization: ' Acme Corp ',
      user: 'Ada Admin',
      protection: 'keychain',
    })
    expect(state).toMatchObject({ phase: 'open', protection: 'Key in Test keychain' })
    expect((await ok('app:state', {})).profile).toMatchObject({
      organization: 'Acme Corp',
      user: 'Ada Admin',
      role: 'account-holder',
    })
    const header = readHeader(dir)
    expect(keychain.get(keychainAccount(header.vaultId))).not.toBeNull()
    expect(
      await fails('vault:create', { organization: 'Again', user: 'Ada', protection: 'keychain' }),
    ).toMatchObject({ code: 'VAULT_EXISTS' })
    expect((await ok('vault:touch', {})).locksInMs).toBe(10 * 60_000)
  })

  it('creates a passphrase vault: the passphrase is required and must be strong enough', async () => {
    const { session, ok, fails, dir } = welcome()
    await session.start({ passphrase: null })
    const request = { organization: 'Acme', user: 'Ada', protection: 'passphrase' as const }
    expect(await fails('vault:create', request)).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'passphrase',
      message: 'Enter the passphrase.',
    })
    const weak = await fails('vault:create', { ...request, passphrase: 'short' })
    expect(weak).toMatchObject({ code: 'INVALID_INPUT', field: 'passphrase' })
    expect(weak.message).not.toContain('short')
    expect(existsSync(dir)).toBe(false)
    expect(await ok('vault:create', { ...request, passphrase: PASSPHRASE })).toMatchObject({
      phase: 'open',
      protection: 'Passphrase',
    })
    expect(readHeader(dir).keyProtection).toMatchObject({ keychain: false })
  })

  it('refuses a keychain vault with a passphrase, and names without a name, naming the field', async () => {
    const { session, fails, dir } = welcome()
    await session.start({ passphrase: null })
    expect(
      await fails('vault:create', {
        organization: 'Acme',
        user: 'Ada',
        protection: 'keychain',
        passphrase: PASSPHRASE,
      }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'passphrase' })
    expect(
      await fails('vault:create', { organization: '  ', user: 'Ada', protection: 'keychain' }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'organization' })
    expect(
      await fails('vault:create', { organization: 'Acme', user: '', protection: 'keychain' }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'user' })
    expect(existsSync(dir)).toBe(false)
  })

  it('where the keychain cannot keep the key, creates nothing and offers the passphrase', async () => {
    const broken: Keychain = {
      label: 'GNOME Keyring',
      get: () => null,
      set: () => {
        throw new Error('Platform failure: DBus error: no Secret Service')
      },
      delete: () => undefined,
    }
    const { session, fails, dir } = welcome(broken)
    await session.start({ passphrase: null })
    const error = await fails('vault:create', {
      organization: 'Acme',
      user: 'Ada',
      protection: 'keychain',
    })
    expect(error).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', field: 'protection' })
    expect(error.message).toBe(
      'GNOME Keyring could not keep the vault key, so no vault was created. Choose a passphrase instead.',
    )
    expect(existsSync(join(dir, 'vault.json'))).toBe(false)
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([])
  })
})

describe('a passphrase vault', () => {
  it('starts locked without its passphrase; a wrong one is refused beside the field', async () => {
    const dir = await passphraseVault()
    const { session, ok, fails } = testSessionRouter(dir)
    await session.start({ passphrase: null })
    expect(await ok('vault:state', {})).toMatchObject({
      phase: 'locked',
      protection: 'Passphrase',
      unlockWith: 'passphrase',
      lockedBy: null,
    })
    expect(await fails('secrets:list', {})).toMatchObject({ code: 'VAULT_LOCKED' })
    expect(await fails('vault:unlock', {})).toMatchObject({ field: 'passphrase' })
    const wrong = await fails('vault:unlock', { passphrase: 'not the passphrase at all' })
    expect(wrong).toMatchObject({ code: 'WRONG_PASSPHRASE', field: 'passphrase' })
    expect(wrong.message).not.toContain('not the passphrase')
    expect(session.currentPhase).toBe('locked')
    expect(await ok('vault:unlock', { passphrase: PASSPHRASE })).toMatchObject({ phase: 'open' })
    expect((await ok('secrets:list', {})).map((s) => s.name)).toEqual(['stripe-live'])
  })

  it('opens at once when its passphrase is given at start (SAFEHOLD_PASSPHRASE)', async () => {
    const dir = await passphraseVault()
    const { session } = testSessionRouter(dir)
    await session.start({ passphrase: PASSPHRASE })
    expect(session.currentPhase).toBe('open')
  })

  it('whose folder vanished while locked leaves the welcome screen, not an unlock that cannot work', async () => {
    const dir = await passphraseVault()
    const { session, ok, fails } = testSessionRouter(dir)
    await session.start({ passphrase: null })
    rmSync(dir, { recursive: true, force: true })
    expect(await fails('vault:unlock', { passphrase: PASSPHRASE })).toMatchObject({
      code: 'NO_VAULT',
    })
    expect(await ok('vault:state', {})).toMatchObject({ phase: 'no-vault', protection: null })
  })

  it('unlocks one at a time: a second unlock while one runs is refused at once', async () => {
    const dir = await passphraseVault()
    const { session } = testSessionRouter(dir)
    await session.start({ passphrase: null })
    const first = unlock(session, { passphrase: PASSPHRASE })
    await expect(unlock(session, { passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'VAULT_BUSY',
    })
    expect(await first).toMatchObject({ phase: 'open' })
  })
})

function testSessionRouter(dir: string, keychain?: Keychain) {
  const made = testSession({ vaultDir: dir, ...(keychain === undefined ? {} : { keychain }) })
  return { ...made, ...sessionRouter(made.session) }
}

describe('a keychain-only vault', () => {
  it('unlocks with OS verification where there is one, and stays locked when it is refused', async () => {
    const first = welcome()
    await first.session.start({ passphrase: null })
    await first.ok('vault:create', { organization: 'Acme', user: 'Ada', protection: 'keychain' })
    let answer = false
    const verified: string[] = []
    const made = testSession({
      vaultDir: first.dir,
      keychain: first.keychain,
      osVerification: {
        available: () => true,
        verify: (reason) => {
          verified.push(reason)
          return Promise.resolve(answer)
        },
      },
    })
    const { ok, fails } = sessionRouter(made.session)
    await made.session.start({ passphrase: null })
    expect(await ok('vault:lock', {})).toMatchObject({
      phase: 'locked',
      unlockWith: 'os-verification',
      lockedBy: 'user',
    })
    expect(await fails('vault:unlock', {})).toMatchObject({ code: 'PERMISSION_DENIED' })
    expect(made.session.currentPhase).toBe('locked')
    answer = true
    expect(await ok('vault:unlock', {})).toMatchObject({ phase: 'open' })
    expect(verified).toEqual(['unlock Safehold', 'unlock Safehold'])
  })

  it('gains a passphrase in Settings, which then unlocks it; the keychain still opens it for the CLI', async () => {
    const first = welcome()
    await first.session.start({ passphrase: null })
    await first.ok('vault:create', { organization: 'Acme', user: 'Ada', protection: 'keychain' })
    const weak = await first.fails('vault:add-passphrase', { passphrase: 'short' })
    expect(weak).toMatchObject({ code: 'INVALID_INPUT', field: 'passphrase' })
    expect(await first.ok('vault:state', {})).toMatchObject({ hasPassphrase: false })
    expect(await first.ok('app:state', {})).toMatchObject({
      profile: { protection: 'Key in Test keychain' },
    })
    expect(await first.ok('vault:add-passphrase', { passphrase: PASSPHRASE })).toMatchObject({
      phase: 'open',
      protection: 'Key in Test keychain and Passphrase',
      hasPassphrase: true,
    })
    // The sidebar reads the profile: it names the new protection at once, without a restart.
    expect(await first.ok('app:state', {})).toMatchObject({
      profile: { protection: 'Key in Test keychain and Passphrase' },
    })
    expect(await first.fails('vault:add-passphrase', { passphrase: PASSPHRASE })).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'This vault already has a passphrase; nothing was changed.',
    })
    const history = first.session.services().store.state.audit.map((entry) => entry.action)
    expect(history).toContain('passphrase-added')
    expect(await first.ok('vault:lock', {})).toMatchObject({ unlockWith: 'passphrase' })
    expect(
      await first.fails('vault:unlock', { passphrase: 'wrong passphrase here' }),
    ).toMatchObject({ code: 'WRONG_PASSPHRASE' })
    expect(await first.ok('vault:unlock', { passphrase: PASSPHRASE })).toMatchObject({
      phase: 'open',
    })
    await first.session.close()
    // The next start asks for it; the keychain alone still opens the vault for the CLI.
    const next = testSessionRouter(first.dir, first.keychain)
    await next.session.start({ passphrase: null })
    expect(next.session.currentPhase).toBe('locked')
    const cli = await openVault(first.dir, { keychain: first.keychain, passphrase: null })
    expect(cli.protection).toBe('Key in Test keychain and Passphrase')
  })
})

describe('Open a vault folder…', () => {
  it('cancelled changes nothing; a keychain vault opens at once and is remembered', async () => {
    const other = welcome()
    await other.session.start({ passphrase: null })
    await other.ok('vault:create', { organization: 'Other', user: 'Ada', protection: 'keychain' })
    await other.session.close()
    const { session, ok, picks, remembered, dir } = welcome(other.keychain)
    await session.start({ passphrase: null })
    expect(await ok('vault:open-folder', {})).toMatchObject({
      cancelled: true,
      state: { phase: 'no-vault', vaultDir: dir },
    })
    picks.push(other.dir)
    expect(await ok('vault:open-folder', {})).toMatchObject({
      cancelled: false,
      state: { phase: 'open', vaultDir: other.dir },
    })
    expect((await ok('app:state', {})).profile.organization).toBe('Other')
    expect(remembered).toEqual([other.dir])
  })

  it('a passphrase vault is opened locked, and remembered only once its passphrase opens it', async () => {
    const passphraseDir = await passphraseVault()
    const { session, ok, fails, picks, remembered } = welcome()
    await session.start({ passphrase: null })
    picks.push(passphraseDir)
    expect(await ok('vault:open-folder', {})).toMatchObject({
      cancelled: false,
      state: { phase: 'locked', vaultDir: passphraseDir, unlockWith: 'passphrase' },
    })
    expect(remembered).toEqual([])
    await fails('vault:unlock', { passphrase: 'not this one, no' })
    expect(remembered).toEqual([])
    await ok('vault:unlock', { passphrase: PASSPHRASE })
    expect(remembered).toEqual([passphraseDir])
  })

  it('is refused while a vault is open: lock first', async () => {
    const { session, ok, fails, picks } = welcome()
    await session.start({ passphrase: null })
    await ok('vault:create', { organization: 'Acme', user: 'Ada', protection: 'keychain' })
    picks.push('/')
    expect(await fails('vault:open-folder', {})).toMatchObject({ code: 'INVALID_INPUT' })
    expect(picks).toEqual(['/'])
  })
})

describe('create into the folder of the session', () => {
  it('refuses a folder that holds other files', async () => {
    const { session, fails, dir } = welcome()
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    await session.start({ passphrase: null })
    expect(
      await fails('vault:create', { organization: 'Acme', user: 'Ada', protection: 'keychain' }),
    ).toMatchObject({ code: 'VAULT_EXISTS' })
    expect(readdirSync(dir)).toEqual(['notes.txt'])
  })
})
