/**
 * Threat: the welcome screen's "Create vault" writing over what is already there. Between the
 * screen appearing and the click, another process (`safehold init`, a sync tool) may have put a
 * vault in the folder; or the folder holds the user's own files, a planted link where the header
 * goes, a file or a FIFO where the folder should be. A new vault would replace the existing one's
 * header and keychain item — losing it — or mix into someone else's files. Each is refused, and
 * the folder, its files and the existing vault's keychain item stay as they were.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { keychainAccount } from '../../src/main/vault/vault-key'
import { folderTree } from '../support/folder-tree'
import { testSession } from '../support/session-fixtures'
import { sessionRouter } from '../support/session-router'
import { createTestVault, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

afterEach(removeTempDirs)

const CREATE = { organization: 'Acme', user: 'Ada', protection: 'keychain' } as const

async function welcomeOn(dir: string, keychain = memoryKeychain()) {
  const made = testSession({ vaultDir: dir, keychain })
  const routed = sessionRouter(made.session)
  await made.session.start({ passphrase: null })
  return { ...made, ...routed }
}

describe('Create vault refuses', () => {
  it('a folder where a vault appeared after the welcome screen, keeping that vault whole', async () => {
    const dir = join(makeTempDir('create-raced'), 'vault')
    const screen = await welcomeOn(dir)
    expect(screen.session.currentPhase).toBe('no-vault')
    // Meanwhile another process makes a vault there, its key in the same keychain.
    const theirs = await createTestVault(dir)
    theirs.store.close()
    const account = keychainAccount(theirs.vaultId)
    const item = screen.keychain.get(account)
    const before = folderTree(dir)
    const error = await screen.fails('vault:create', CREATE)
    expect(error).toMatchObject({ code: 'VAULT_EXISTS' })
    expect(error.message).toBe('The vault folder already holds a vault; nothing was created.')
    expect(folderTree(dir)).toEqual(before)
    expect(screen.keychain.get(account)).toBe(item)
    expect(screen.session.currentPhase).toBe('no-vault')
  })

  it("a folder holding the user's own files", async () => {
    const dir = makeTempDir('create-files')
    writeFileSync(join(dir, 'taxes-2030.pdf'), 'private')
    const screen = await welcomeOn(dir)
    const before = folderTree(dir)
    const error = await screen.fails('vault:create', CREATE)
    expect(error).toMatchObject({ code: 'VAULT_EXISTS' })
    expect(error.message).toContain('holds other files')
    expect(folderTree(dir)).toEqual(before)
  })

  it('a folder where a link was planted in place of the header', async () => {
    const dir = makeTempDir('create-link')
    const elsewhere = join(makeTempDir('create-link-target'), 'vault.json')
    symlinkSync(elsewhere, join(dir, 'vault.json'))
    const screen = await welcomeOn(dir)
    const before = folderTree(dir)
    expect(await screen.fails('vault:create', CREATE)).toMatchObject({ code: 'VAULT_EXISTS' })
    expect(folderTree(dir)).toEqual(before)
    expect(existsSync(elsewhere)).toBe(false)
  })

  it('a file or a FIFO where the folder should be, at once', async () => {
    const parent = makeTempDir('create-special')
    writeFileSync(join(parent, 'file'), 'a file')
    execFileSync('mkfifo', [join(parent, 'fifo')])
    for (const name of ['file', 'fifo']) {
      const screen = await welcomeOn(join(parent, name))
      const before = folderTree(parent)
      const started = performance.now()
      expect(await screen.fails('vault:create', CREATE)).toMatchObject({ code: 'NOT_A_FILE' })
      expect(performance.now() - started).toBeLessThan(2000)
      expect(folderTree(parent)).toEqual(before)
    }
  })

  it('but creates the vault in an empty folder, or one that does not exist yet', async () => {
    const empty = makeTempDir('create-empty')
    mkdirSync(join(empty, 'ok'))
    for (const dir of [join(empty, 'ok'), join(empty, 'new', 'vault')]) {
      const screen = await welcomeOn(dir)
      expect(await screen.ok('vault:create', CREATE)).toMatchObject({ phase: 'open' })
    }
  })
})
