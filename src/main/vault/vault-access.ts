/**
 * Creating and unlocking a vault: finds the key where the header says it is kept (OS keychain or
 * passphrase) and refuses plainly when it cannot; it never invents or weakens a key.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { SafeholdError } from '../../shared/errors'
import { checkProfileNames } from '../../shared/name-text'
import type { Keychain } from '../keychain/keychain'
import type { Profile, VaultState } from './vault-state'
import { KEY_BYTES, newVaultKey } from './vault-crypto'
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
  keychainAccount,
  unwrapWithPassphrase,
  wrapWithPassphrase,
} from './vault-key'
import { VaultStore } from './vault-store'

export interface KeySources {
  keychain: Keychain
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

export function createVault(dir: string, options: CreateOptions, sources: KeySources): OpenedVault {
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
    passphrase = wrapWithPassphrase(key, vaultId, options.passphrase)
  } else {
    storeInKeychain(sources.keychain, vaultId, key)
  }
  const header: VaultHeader = {
    format: FORMAT,
    version: VERSION,
    vaultId,
    createdAt: options.now.toISOString(),
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
  }
  const store = VaultStore.create(dir, vaultId, key, state)
  // The header goes last: a vault without one was never created and may be created again.
  writeHeader(dir, header)
  return { store, header, protection: describeProtection(header, sources.keychain) }
}

function storeInKeychain(keychain: Keychain, vaultId: string, key: Buffer): void {
  const account = keychainAccount(vaultId)
  const encoded = key.toString('base64')
  try {
    keychain.set(account, encoded)
    if (keychain.get(account) !== encoded) {
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
 * Opens the vault. With `onlyName`, only the secrets of that name are read (see
 * VaultStore.openForName): for handing out one value quickly.
 */
export async function openVault(
  dir: string,
  sources: KeySources,
  onlyName?: string,
): Promise<OpenedVault> {
  const header = readHeader(dir)
  const key = unlockKey(header, sources)
  const store =
    onlyName === undefined
      ? await VaultStore.open(dir, header.vaultId, key)
      : await VaultStore.openForName(dir, header.vaultId, key, onlyName)
  return { store, header, protection: describeProtection(header, sources.keychain) }
}

function unlockKey(header: VaultHeader, sources: KeySources): Buffer {
  const { keychain, passphrase } = header.keyProtection
  if (passphrase && sources.passphrase !== null) {
    return unwrapWithPassphrase(passphrase, header.vaultId, sources.passphrase)
  }
  if (keychain) {
    let encoded: string | null
    try {
      encoded = sources.keychain.get(keychainAccount(header.vaultId))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new SafeholdError(
        'KEYCHAIN_UNAVAILABLE',
        `This vault's key is kept in the OS keychain, which cannot be reached: ${reason}`,
      )
    }
    if (encoded !== null) {
      const key = Buffer.from(encoded, 'base64')
      if (key.length === KEY_BYTES) return key
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

export function describeProtection(header: VaultHeader, keychain: Keychain): string {
  const ways = []
  if (header.keyProtection.keychain) ways.push(`Key in ${keychain.label}`)
  if (header.keyProtection.passphrase) ways.push('Passphrase')
  return ways.join(' and ')
}
