/**
 * Creating and unlocking a vault: finds the key where the header says it is kept (OS keychain or
 * passphrase) and refuses plainly when it cannot; it never invents or weakens a key.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { fromFsError, SafeholdError } from '../../shared/errors'
import { checkProfileNames } from '../../shared/name-text'
import type { KeychainPort } from '../keychain/keychain'
import { DEFAULT_SETTINGS, type Profile, type VaultState } from './vault-state'
import { KEY_BYTES, newVaultKey, tampered } from './vault-crypto'
import {
  headerExists,
  readHeader,
  writeHeader,
  FORMAT,
  VERSION,
  type VaultHeader,
} from './vault-header'
import {
  checkPassphraseStrength,
  keyCheckOf,
  keychainAccount,
  unwrapWithPassphrase,
  wrapWithPassphrase,
} from './vault-key'
import { VaultStore, type StoreOptions } from './vault-store'
import { listBackups, type BackupInfo } from './vault-backups'
import { restoreBackup } from './vault-restore'
import { checkVaultFolder } from './vault-safety'

export interface KeySources extends StoreOptions {
  keychain: KeychainPort
  /** The passphrase the user supplied (environment or stdin), if any. */
  passphrase: string | null
}

export interface OpenedVault {
  store: VaultStore
  header: VaultHeader
  /** "GNOME Keyring", "Passphrase", … — what protects the key, for the UI and `safehold profile`. */
  protection: string
}

export interface CreateOptions {
  profile: Profile
  /** With a passphrase the key is wrapped by it; without, it goes into the OS keychain. */
  passphrase: string | null
  now: Date
}

const NO_KEYCHAIN_ADVICE =
  'Create the vault with a passphrase instead: "safehold init --passphrase-stdin" (or set SAFEHOLD_PASSPHRASE).'

export async function createVault(
  dir: string,
  options: CreateOptions,
  sources: KeySources,
): Promise<OpenedVault> {
  // The first run (app or `safehold init`) applies the name rule that `profile` applies later.
  options = { ...options, profile: { ...options.profile, ...checkProfileNames(options.profile) } }
  if (headerExists(dir)) {
    throw new SafeholdError(
      'VAULT_EXISTS',
      `A vault already exists in ${dir}; nothing was changed.`,
    )
  }
  if (existsSync(dir) && readdirSync(dir).some((name) => !name.startsWith('vault.'))) {
    throw new SafeholdError(
      'VAULT_EXISTS',
      `${dir} already holds other files; choose an empty folder for the vault (--vault DIR).`,
    )
  }
  const vaultId = randomUUID()
  const key = newVaultKey()
  let passphrase = null
  if (options.passphrase !== null) {
    checkPassphraseStrength(options.passphrase)
    passphrase = await wrapWithPassphrase(key, vaultId, options.passphrase)
  } else {
    await storeInKeychain(sources.keychain, vaultId, key)
  }
  const header: VaultHeader = {
    format: FORMAT,
    version: VERSION,
    vaultId,
    createdAt: options.now.toISOString(),
    keyCheck: keyCheckOf(key, vaultId),
    keyProtection: { keychain: passphrase === null, passphrase },
  }
  const state: VaultState = {
    profile: options.profile,
    workspaces: [],
    secrets: {},
    fingerprintKey: randomBytes(KEY_BYTES).toString('base64'),
    audit: [
      { at: options.now.toISOString(), actor: options.profile.user, action: 'vault-created' },
    ],
    notifications: [],
    settings: { ...DEFAULT_SETTINGS },
  }
  let store: VaultStore
  try {
    store = VaultStore.create(dir, vaultId, key, state, sources)
    // The header goes last: a vault without one was never created and may be created again.
    writeHeader(dir, header)
  } catch (error) {
    throw fromFsError(error, 'the vault folder')
  }
  return { store, header, protection: describeProtection(header, sources.keychain) }
}

async function storeInKeychain(
  keychain: KeychainPort,
  vaultId: string,
  key: Buffer,
): Promise<void> {
  const account = keychainAccount(vaultId)
  const encoded = key.toString('base64')
  try {
    await keychain.set(account, encoded)
    if ((await keychain.get(account)) !== encoded) {
      throw new SafeholdError('KEYCHAIN_UNAVAILABLE', 'The keychain did not keep the vault key.')
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\.$/, '') : String(error)
    throw new SafeholdError(
      'KEYCHAIN_UNAVAILABLE',
      `Cannot keep the vault key in the OS keychain: ${reason}. ${NO_KEYCHAIN_ADVICE}`,
    )
  }
}

/**
 * Opens the vault. With `onlyNames`, only the secrets of those names are read (see
 * VaultStore.openForNames): for handing out values quickly.
 */
export async function openVault(
  dir: string,
  sources: KeySources,
  onlyNames?: readonly string[],
): Promise<OpenedVault> {
  // Before the header is read: a FIFO or a link in its place must not hang or mislead.
  const notices = checkVaultFolder(dir)
  const header = readHeader(dir)
  const key = await unlockKey(header, sources)
  const store = await VaultStore.open(dir, header.vaultId, key, sources, onlyNames ?? null)
  store.tell(notices)
  if (header.keyCheck === undefined) addKeyCheck(dir, header, key)
  return { store, header, protection: describeProtection(header, sources.keychain) }
}

/** A vault made before headers carried a key check gets one once its key has opened it. */
function addKeyCheck(dir: string, header: VaultHeader, key: Buffer): void {
  try {
    writeHeader(dir, { ...header, keyCheck: keyCheckOf(key, header.vaultId) })
  } catch {
    // Best effort, like any tidying on a read: the next open tries again.
  }
}

/**
 * The backups of the vault in `dir`. Needs no key and reads nothing of the live files, so it
 * works when they are damaged or rolled back: it is what the VAULT_TAMPERED advice sends one to.
 */
export function listVaultBackups(dir: string): BackupInfo[] {
  checkVaultFolder(dir)
  readHeader(dir)
  return listBackups(dir)
}

/** Makes backup `id` the live vault again, whatever state the live files are in. */
export async function restoreVault(
  dir: string,
  sources: KeySources,
  id: string,
  now: Date,
): Promise<void> {
  checkVaultFolder(dir)
  const header = readHeader(dir)
  const key = await unlockKey(header, sources)
  await restoreBackup(dir, header.vaultId, key, id, now, sources.marks)
}

async function unlockKey(header: VaultHeader, sources: KeySources): Promise<Buffer> {
  const { key, fromKeychain } = await findKey(header, sources)
  if (header.keyCheck === undefined || header.keyCheck === keyCheckOf(key, header.vaultId))
    return key
  // The passphrase's key is sealed in the header itself: not matching it, the header was edited.
  if (!fromKeychain) throw tampered('header (vault.json)')
  throw new SafeholdError(
    'KEY_MISMATCH',
    `The key in the OS keychain (${sources.keychain.label}) does not open this vault: the keychain item belongs to another vault or was replaced. Nothing was read. Put back the keychain item "${keychainAccount(header.vaultId)}" (service Safehold) from a backup of your keychain, or open a copy of the vault that has a passphrase.`,
  )
}

async function findKey(
  header: VaultHeader,
  sources: KeySources,
): Promise<{ key: Buffer; fromKeychain: boolean }> {
  const { keychain, passphrase } = header.keyProtection
  if (passphrase && sources.passphrase !== null) {
    const key = await unwrapWithPassphrase(passphrase, header.vaultId, sources.passphrase)
    return { key, fromKeychain: false }
  }
  if (keychain) {
    let encoded: string | null
    try {
      encoded = await sources.keychain.get(keychainAccount(header.vaultId))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new SafeholdError(
        'KEYCHAIN_UNAVAILABLE',
        `This vault's key is kept in the OS keychain, which cannot be reached: ${reason}`,
      )
    }
    if (encoded !== null) {
      const key = Buffer.from(encoded, 'base64')
      if (key.length === KEY_BYTES) return { key, fromKeychain: true }
    }
    if (!passphrase) {
      throw new SafeholdError(
        'KEY_UNAVAILABLE',
        `The OS keychain holds no key for this vault (${keychainAccount(header.vaultId)}). Without it the vault cannot be opened; restore the keychain item, or use a copy of the vault that has a passphrase.`,
      )
    }
  }
  throw new SafeholdError(
    'KEY_UNAVAILABLE',
    'This vault is protected by a passphrase: set SAFEHOLD_PASSPHRASE or pass --passphrase-stdin.',
    'passphrase',
  )
}

export function describeProtection(header: VaultHeader, keychain: { label: string }): string {
  const ways = []
  if (header.keyProtection.keychain) ways.push(`Key in ${keychain.label}`)
  if (header.keyProtection.passphrase) ways.push('Passphrase')
  return ways.join(' and ')
}
