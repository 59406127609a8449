/**
 * The vault:* channels: the session's own, answered in every phase (the welcome, unlock and lock
 * screens call them before any vault is open). None runs as a queued vault step: each request
 * that opens, closes or changes the vault takes its turn in the vault queue itself, so that an
 * unlock's refusal during a delay, or a touch, is answered at once.
 */
import { addPassphrase, createVault, openFolder, unlock } from '../app/session-requests'
import type { VaultSession } from '../app/vault-session'
import type { IpcHandlerSpec, VaultChannel } from './ipc-handlers'

export function vaultHandlers(session: VaultSession): {
  [C in VaultChannel]: IpcHandlerSpec<C>
} {
  return {
    'vault:state': { vault: false, run: () => session.state() },
    'vault:create': { vault: false, run: (request) => createVault(session, request) },
    'vault:open-folder': { vault: false, run: () => openFolder(session) },
    'vault:unlock': { vault: false, run: (request) => unlock(session, request) },
    'vault:lock': { vault: false, run: () => session.lock('user') },
    'vault:touch': { vault: false, run: () => Promise.resolve(session.touch()) },
    'vault:add-passphrase': { vault: false, run: (request) => addPassphrase(session, request) },
  }
}
