/**
 * Shared helpers for the vault tests: throwaway vault folders with a known raw key (no scrypt, no
 * OS keychain), a seeded PRNG so random tests reproduce, and file walking for the at-rest checks.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { memoryKeychain, type Keychain } from '../../src/main/keychain/keychain'
import type { Clock } from '../../src/main/lifecycle/clock'
import { SecretsService } from '../../src/main/secrets/secrets-service'
import { createVault } from '../../src/main/vault/vault-access'
import { keychainAccount } from '../../src/main/vault/vault-key'
import type { Profile } from '../../src/main/vault/vault-state'
import type { VaultStore } from '../../src/main/vault/vault-store'

export const TEST_PROFILE: Profile = {
  organization: 'Acme Test Org',
  user: 'Vault Tester',
  role: 'account-holder',
}

/** A clock that stands still unless told to move; registrations never depend on the wall clock. */
export function fixedClock(at = '2030-01-15T09:00:00.000Z'): Clock & { set(iso: string): void } {
  let now = new Date(at)
  return {
    now: () => new Date(now),
    set: (iso: string) => {
      now = new Date(iso)
    },
  }
}

const made: string[] = []

/** A fresh private temporary folder; removeTempDirs() deletes every one made so far. */
export function makeTempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `safehold-${label}-`))
  made.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export interface TestVault {
  dir: string
  vaultId: string
  /** The raw 256-bit vault key, as the keychain holds it. */
  key: Buffer
  keychain: Keychain
  store: VaultStore
  service: SecretsService
  clock: ReturnType<typeof fixedClock>
}

/** Creates a keychain-protected vault in `dir` (which must not hold a vault yet). */
export async function createTestVault(dir: string): Promise<TestVault> {
  const keychain = memoryKeychain()
  const clock = fixedClock()
  const { store, header, protection } = await createVault(
    dir,
    { profile: TEST_PROFILE, passphrase: null, now: clock.now() },
    { keychain, passphrase: null },
  )
  const encoded = keychain.get(keychainAccount(header.vaultId))
  if (encoded === null) throw new Error('createVault left no key in the keychain')
  return {
    dir,
    vaultId: header.vaultId,
    key: Buffer.from(encoded, 'base64'),
    keychain,
    store,
    service: new SecretsService(store, clock, protection),
    clock,
  }
}

/** A keychain holding `key` for `vaultId`, so a copied vault folder can be opened by openVault. */
export function keychainWith(vaultId: string, key: Buffer): Keychain {
  const keychain = memoryKeychain()
  keychain.set(keychainAccount(vaultId), key.toString('base64'))
  return keychain
}

export function copyVault(from: string, to: string): void {
  cpSync(from, to, { recursive: true })
}

/** Every regular file under `dir`, recursively, as paths relative to `dir`. */
export function listFiles(dir: string, prefix = ''): string[] {
  const files: string[] = []
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? join(prefix, entry.name) : entry.name
    if (entry.isDirectory()) files.push(...listFiles(dir, relative))
    else files.push(relative)
  }
  return files
}

/** Every folder under `dir` (not `dir` itself), recursively, relative to `dir`. */
export function listFolders(dir: string, prefix = ''): string[] {
  const folders: string[] = []
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue
    const relative = prefix ? join(prefix, entry.name) : entry.name
    folders.push(relative, ...listFolders(dir, relative))
  }
  return folders
}

export function modeOf(path: string): number {
  return statSync(path).mode & 0o777
}

/** mulberry32: small, fast and good enough to pick test cases reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The seed for a randomized test: from the environment variable `name` when set (to replay a
 * failure), otherwise fresh. It is printed either way so a failing run can be repeated.
 */
export function testSeed(name: string): number {
  const given = process.env[name]
  const seed =
    given !== undefined && given !== '' ? Number(given) >>> 0 : (Math.random() * 2 ** 32) >>> 0
  console.info(`${name}=${seed} (set it to replay this run)`)
  return seed
}

export function randomInt(random: () => number, below: number): number {
  return Math.floor(random() * below)
}
