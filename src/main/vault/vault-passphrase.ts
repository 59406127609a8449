/**
 * A keychain vault gains a passphrase that unlocks it as well (Settings' "Add a passphrase"): the
 * vault key, wrapped under the passphrase, joins the header, which is rewritten atomically under
 * the vault's lock. The keychain keeps its copy, so the `safehold` command still opens the vault
 * from it; the app, finding a passphrase in the header, asks for it when it starts and unlocks.
 */
import { SafeholdError } from '../../shared/errors'
import type { Clock } from '../lifecycle/clock'
import { readHeader, writeHeader, type VaultHeader } from './vault-header'
import { checkPassphraseStrength, keyCheckOf, wrapWithPassphrase } from './vault-key'
import { withVaultLock } from './vault-lock'
import { checkVaultFolder } from './vault-safety'
import type { VaultStore } from './vault-store'

function alreadyProtected(): SafeholdError {
  return new SafeholdError(
    'INVALID_INPUT',
    'This vault already has a passphrase; nothing was changed.',
    'passphrase',
  )
}

export async function addPassphrase(
  store: VaultStore,
  passphrase: string,
  clock: Clock,
): Promise<VaultHeader> {
  checkPassphraseStrength(passphrase)
  if (readHeader(store.dir).keyProtection.passphrase !== null) throw alreadyProtected()
  // scrypt takes a second on the thread pool: done before the lock, which it would hold up.
  const wrapped = await store.wrapKey(async (key, vaultId) => ({
    protection: await wrapWithPassphrase(key, vaultId, passphrase),
    keyCheck: keyCheckOf(key, vaultId),
  }))
  const header = await withVaultLock(store.dir, () => {
    checkVaultFolder(store.dir)
    const current = readHeader(store.dir)
    if (current.keyProtection.passphrase !== null) throw alreadyProtected()
    // The header must still be this vault's, for this key: else the wrapped key would not open it.
    if (
      current.vaultId !== store.vaultId ||
      (current.keyCheck ?? wrapped.keyCheck) !== wrapped.keyCheck
    ) {
      throw new SafeholdError(
        'VAULT_TAMPERED',
        "The vault's header changed while the passphrase was added; nothing was changed.",
      )
    }
    const next: VaultHeader = {
      ...current,
      keyCheck: wrapped.keyCheck,
      keyProtection: { keychain: current.keyProtection.keychain, passphrase: wrapped.protection },
    }
    writeHeader(store.dir, next)
    return next
  })
  await store.transact((state) => ({
    ops: [
      {
        op: 'audit',
        entry: {
          at: clock.now().toISOString(),
          actor: state.profile.user,
          action: 'passphrase-added',
        },
      },
    ],
    result: null,
  }))
  return header
}
