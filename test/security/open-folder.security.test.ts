/**
 * Threat: "Open a vault folder…" pointed at something that is not a vault the user can trust: a
 * symbolic link (which could be swapped for another folder later), a FIFO (which would hang any
 * read), a folder with no vault, a vault folder with a link or a FIFO planted inside, or an older
 * copy of the vault put back (which would silently undo deletions). Each is refused with a clear
 * error; the session stays where it was, nothing is remembered, and not a byte or a mode of the
 * chosen folder changes. A passphrase vault's copy can only be checked with its key: it waits
 * locked, is refused at unlock, and is never remembered.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Keychain } from '../../src/main/keychain/keychain'
import { SecretsService } from '../../src/main/secrets/secrets-service'
import { createVault } from '../../src/main/vault/vault-access'
import { folderTree } from '../support/folder-tree'
import { testSession } from '../support/session-fixtures'
import { sessionRouter } from '../support/session-router'
import {
  createTestVault,
  fixedClock,
  makeTempDir,
  removeTempDirs,
  TEST_PROFILE,
} from '../support/vault-fixtures'

afterEach(removeTempDirs)

const PASSPHRASE = 'open folder passphrase'

/** A session on its welcome screen, and the folder it started on. */
async function welcome(keychain?: Keychain) {
  const start = join(makeTempDir('open-folder-start'), 'vault')
  const made = testSession({ vaultDir: start, ...(keychain === undefined ? {} : { keychain }) })
  const routed = sessionRouter(made.session)
  await made.session.start({ passphrase: null })
  return { start, ...made, ...routed }
}

async function keychainVault(label: string) {
  const vault = await createTestVault(join(makeTempDir(label), 'vault'))
  await vault.service.register({
    type: 'api-key',
    name: 'stripe-live',
    scope: { kind: 'personal' },
    fields: { headerName: 'X-Api-Key', value: 'sk_live_open_folder_01' },
  })
  vault.store.close()
  return vault
}

/** Picks `target`; expects the refusal `code`, and that nothing changed anywhere. */
async function refusedPick(
  target: string,
  code: string,
  keychain?: Keychain,
  watched: string = target,
): Promise<string> {
  const screen = await welcome(keychain)
  const before = folderTree(watched)
  screen.picks.push(target)
  const started = performance.now()
  const error = await screen.fails('vault:open-folder', {})
  expect(performance.now() - started).toBeLessThan(2000)
  expect(error.code).toBe(code)
  expect(await screen.ok('vault:state', {})).toMatchObject({
    phase: 'no-vault',
    vaultDir: screen.start,
  })
  expect(screen.remembered).toEqual([])
  expect(folderTree(watched)).toEqual(before)
  return error.message
}

describe('Open a vault folder… refuses', () => {
  it('a symbolic link to a vault folder', async () => {
    const vault = await keychainVault('link-target')
    const link = join(makeTempDir('link'), 'vault-link')
    symlinkSync(vault.dir, link)
    const message = await refusedPick(link, 'VAULT_UNSAFE', vault.keychain, vault.dir)
    expect(message).toContain('symbolic link')
  })

  it('a FIFO, at once', async () => {
    const fifo = join(makeTempDir('fifo'), 'vault')
    execFileSync('mkfifo', [fifo])
    expect(await refusedPick(fifo, 'NOT_A_FILE', undefined, join(fifo, '..'))).toContain(
      'not a folder',
    )
  })

  it('a folder without a vault, leaving its loose modes loose', async () => {
    const folder = makeTempDir('no-vault')
    writeFileSync(join(folder, 'notes.txt'), 'hello', { mode: 0o644 })
    chmodSync(folder, 0o755)
    const message = await refusedPick(folder, 'VAULT_NOT_FOUND')
    expect(message).toContain('holds no Safehold vault')
  })

  it('a vault folder with a FIFO planted in place of its journal, tightening nothing', async () => {
    const vault = await keychainVault('fifo-inside')
    chmodSync(join(vault.dir, 'vault.snapshot'), 0o644)
    rmSync(join(vault.dir, 'vault.journal'))
    execFileSync('mkfifo', [join(vault.dir, 'vault.journal')])
    const message = await refusedPick(vault.dir, 'VAULT_UNSAFE', vault.keychain)
    expect(message).toContain('"vault.journal" is not a regular file')
  })

  it('a vault folder with a symbolic link planted inside', async () => {
    const vault = await keychainVault('link-inside')
    const outside = join(makeTempDir('outside'), 'journal')
    copyFileSync(join(vault.dir, 'vault.journal'), outside)
    rmSync(join(vault.dir, 'vault.journal'))
    symlinkSync(outside, join(vault.dir, 'vault.journal'))
    const message = await refusedPick(vault.dir, 'VAULT_UNSAFE', vault.keychain)
    expect(message).toContain('"vault.journal" is a symbolic link')
  })

  it('an older copy of a keychain vault put back over the newer one', async () => {
    const vault = await createTestVault(join(makeTempDir('rolled-back'), 'vault'))
    await vault.service.register({
      type: 'api-key',
      name: 'kept',
      scope: { kind: 'personal' },
      fields: { headerName: 'X-Api-Key', value: 'sk_live_kept_0001' },
    })
    const older = makeTempDir('older')
    for (const name of ['vault.snapshot', 'vault.journal']) {
      copyFileSync(join(vault.dir, name), join(older, name))
    }
    await vault.service.register({
      type: 'api-key',
      name: 'later',
      scope: { kind: 'personal' },
      fields: { headerName: 'X-Api-Key', value: 'sk_live_later_0002' },
    })
    vault.store.close()
    for (const name of ['vault.snapshot', 'vault.journal']) {
      copyFileSync(join(older, name), join(vault.dir, name))
    }
    const message = await refusedPick(vault.dir, 'VAULT_ROLLED_BACK', vault.keychain)
    expect(message).toMatch(/older than the newest state this machine has seen/)
  })
})

describe('an older copy of a passphrase vault', () => {
  it('waits locked, is refused at unlock, and is never remembered', async () => {
    const dir = join(makeTempDir('rolled-back-passphrase'), 'vault')
    const clock = fixedClock(new Date(Date.now() + 60_000).toISOString())
    const screen = await welcome()
    const created = await createVault(
      dir,
      { profile: TEST_PROFILE, passphrase: PASSPHRASE, now: clock.now() },
      { keychain: screen.keychain, passphrase: null },
    )
    const service = new SecretsService(created.store, clock, created.protection)
    const register = (name: string) =>
      service.register({
        type: 'api-key',
        name,
        scope: { kind: 'personal' },
        fields: { headerName: 'X-Api-Key', value: `sk_live_${name}_0003` },
      })
    await register('kept')
    const older = makeTempDir('older-passphrase')
    mkdirSync(older, { recursive: true })
    for (const name of ['vault.snapshot', 'vault.journal']) {
      copyFileSync(join(dir, name), join(older, name))
    }
    await register('later')
    created.store.close()
    for (const name of ['vault.snapshot', 'vault.journal']) {
      copyFileSync(join(older, name), join(dir, name))
    }
    const before = folderTree(dir)
    screen.picks.push(dir)
    expect(await screen.ok('vault:open-folder', {})).toMatchObject({
      state: { phase: 'locked', vaultDir: dir },
    })
    expect(await screen.fails('vault:unlock', { passphrase: PASSPHRASE })).toMatchObject({
      code: 'VAULT_ROLLED_BACK',
    })
    expect(screen.session.currentPhase).toBe('locked')
    expect(await screen.fails('secrets:list', {})).toMatchObject({ code: 'VAULT_LOCKED' })
    expect(screen.remembered).toEqual([])
    expect(folderTree(dir)).toEqual(before)
  })
})
