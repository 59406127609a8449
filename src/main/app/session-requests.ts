/**
 * What the welcome, unlock and Settings screens ask of the vault session: create a vault, open a
 * vault folder, unlock, add a passphrase. Each checks its input in main and runs in the vault
 * queue; a refused request changes nothing, and no message repeats what the user typed.
 */
import { resolve } from 'node:path'
import { isSafeholdError, SafeholdError } from '../../shared/errors'
import type { IpcRequest } from '../../shared/ipc-contract'
import { checkProfileNames } from '../../shared/name-text'
import { checkPassphraseStrength } from '../vault/vault-key'
import { addPassphrase as addPassphraseToVault } from '../vault/vault-passphrase'
import { checkNewVaultFolder, checkPickedFolder } from './session-folders'
import { noVaultError, type SessionState, type VaultSession } from './vault-session'

function passphraseRequired(): SafeholdError {
  return new SafeholdError('INVALID_INPUT', 'Enter the passphrase.', 'passphrase')
}

/** The welcome screen's "Create vault": only where there is no vault, only into an empty folder. */
export async function createVault(
  session: VaultSession,
  request: IpcRequest<'vault:create'>,
): Promise<SessionState> {
  const names = checkProfileNames(request)
  const given = request.passphrase ?? ''
  let passphrase: string | null = null
  if (request.protection === 'passphrase') {
    if (given === '') throw passphraseRequired()
    checkPassphraseStrength(given)
    passphrase = given
  } else if (given !== '') {
    throw new SafeholdError(
      'INVALID_INPUT',
      'A vault whose key is in the OS keychain takes no passphrase now; add one later in Settings.',
      'passphrase',
    )
  }
  return session.queue.run(async () => {
    if (session.currentPhase !== 'no-vault') {
      throw new SafeholdError('VAULT_EXISTS', 'Safehold already has a vault; nothing was created.')
    }
    checkNewVaultFolder(session.vaultDir)
    try {
      await session.enter(session.vaultDir, {
        create: { ...names, role: 'account-holder' },
        passphrase,
      })
    } catch (error) {
      if (isSafeholdError(error) && error.code === 'KEYCHAIN_UNAVAILABLE') {
        const status = await session.deps.keychainStatus()
        throw new SafeholdError(
          'KEYCHAIN_UNAVAILABLE',
          `${status.label} could not keep the vault key, so no vault was created. Choose a passphrase instead.`,
          'protection',
        )
      }
      throw error
    }
    return session.state()
  })
}

/** "Open a vault folder…": the OS picker, then the folder's checks; a cancelled pick changes nothing. */
export async function openFolder(
  session: VaultSession,
): Promise<{ state: SessionState; cancelled: boolean }> {
  const refuseWhileOpen = (): void => {
    if (session.currentPhase === 'open') {
      throw new SafeholdError(
        'INVALID_INPUT',
        'Lock Safehold before opening another vault folder; nothing was changed.',
      )
    }
  }
  refuseWhileOpen()
  // Outside the queue: the dialog may stay open for minutes.
  const picked = (await session.deps.folderPicker?.pick('vault')) ?? null
  if (picked === null) return { state: await session.state(), cancelled: true }
  return session.queue.run(async () => {
    refuseWhileOpen()
    const dir = resolve(picked)
    const header = checkPickedFolder(dir)
    if (header.keyProtection.passphrase !== null) {
      // Its rollback and tamper checks need the key: they run at unlock, and only a vault that
      // opens is remembered.
      session.switchLocked(dir, header)
    } else {
      // Opened at once: a rolled-back or tampered copy is refused here, and nothing changes.
      await session.enter(dir, { passphrase: null }, { remember: true })
    }
    return { state: await session.state(), cancelled: false }
  })
}

/**
 * The unlock screen: a passphrase vault takes its passphrase (a wrong one counts toward the
 * delay), a keychain-only vault OS verification where there is one, else the keychain alone.
 * Unlocking opens the vault again, with the rollback and tamper checks of a start.
 */
export async function unlock(
  session: VaultSession,
  request: IpcRequest<'vault:unlock'>,
): Promise<SessionState> {
  if (session.currentPhase === 'no-vault') throw noVaultError()
  if (session.currentPhase === 'open') return session.state()
  // Refused at once, before any derivation: no guess is tried while it must wait.
  session.throttle.check()
  const done = session.beginUnlock()
  try {
    await session.queue.run(async () => {
      if (session.currentPhase !== 'locked') return
      session.reinspect()
      const how = session.unlockWith()
      if (how === 'passphrase') {
        const passphrase = request.passphrase ?? ''
        if (passphrase === '') throw passphraseRequired()
        try {
          await session.enter(session.vaultDir, { passphrase })
        } catch (error) {
          if (isSafeholdError(error) && error.code === 'WRONG_PASSPHRASE') session.throttle.failed()
          throw error
        }
        session.throttle.succeeded()
        return
      }
      if (how === 'os-verification') {
        const verification = session.deps.osVerification
        const verified = (await verification?.verify('unlock Safehold').catch(() => false)) ?? false
        if (!verified) {
          throw new SafeholdError(
            'PERMISSION_DENIED',
            'Your identity was not confirmed, so Safehold stays locked. Try again.',
          )
        }
      }
      // Else the keychain alone: the OS session is what protects a keychain-only vault.
      await session.enter(session.vaultDir, { passphrase: null })
    })
  } finally {
    done()
  }
  return session.state()
}

/** Settings: a keychain-only vault gains a passphrase, which from then on unlocks it. */
export async function addPassphrase(
  session: VaultSession,
  request: IpcRequest<'vault:add-passphrase'>,
): Promise<SessionState> {
  checkPassphraseStrength(request.passphrase)
  return session.queue.run(async () => {
    const services = session.services()
    session.setHeader(
      await addPassphraseToVault(services.store, request.passphrase, session.deps.clock),
    )
    return session.state()
  })
}
