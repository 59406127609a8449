/**
 * Where the window stands, as main says (DESIGN §6.4): no vault, locked or open. Main decides
 * every change — the user's Lock now, the idle timer, the OS, the tray — and the window follows
 * what vault:state answers, asked every couple of seconds, on focus and whenever a call is refused
 * as locked. Whenever the window passes into or out of the open vault, it forgets all it held of
 * the vault (`forget`), so nothing of one open vault outlives it on screen or in memory.
 *
 * An answer to a check that was asked before the last action answered (or while one runs) is out
 * of date and dropped: a poll answered "open" just before a lock must not undo the lock.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { IpcRequest, IpcResponse, IpcResult, SafeholdApi } from '../../../shared/ipc-contract'

export type VaultState = IpcResponse<'vault:state'>
export type VaultPhase = VaultState['phase']

export interface VaultWindow {
  /** The last state main gave; null until the first answer. */
  state: VaultState | null
  /** Why main could not be asked, shown in place of any screen until it answers. */
  unreachable: string | null
  /** Asks main where the vault stands now. */
  check: () => Promise<void>
  create: (request: IpcRequest<'vault:create'>) => Promise<IpcResult<VaultState>>
  openFolder: () => Promise<IpcResult<IpcResponse<'vault:open-folder'>>>
  unlock: (request: IpcRequest<'vault:unlock'>) => Promise<IpcResult<VaultState>>
  lock: () => Promise<IpcResult<VaultState>>
  addPassphrase: (passphrase: string) => Promise<IpcResult<VaultState>>
}

export interface VaultWindowDeps {
  /** window.safehold.vault, asked for at each call. */
  vault: () => SafeholdApi['vault']
  /** Drops everything the window holds of the vault: secrets, profile, dialogs, toasts, … */
  forget: () => void
}

/** True when the window passes from a screen outside the vault to the open vault, or back. */
export function crossesVault(previous: VaultState | null, next: VaultState): boolean {
  return previous !== null && (previous.phase === 'open') !== (next.phase === 'open')
}

function unreachable<T>(caught: unknown): IpcResult<T> {
  const reason = caught instanceof Error ? caught.message : 'the request failed'
  return {
    ok: false,
    error: { code: 'IO_ERROR', message: `Safehold could not reach the vault: ${reason}` },
  }
}

export function createVaultWindow(deps: VaultWindowDeps): StoreApi<VaultWindow> {
  // Actions answered so far, and actions still waiting for their answer.
  let answered = 0
  let running = 0

  const ask = async <T>(request: (vault: SafeholdApi['vault']) => Promise<IpcResult<T>>) => {
    try {
      return await request(deps.vault())
    } catch (caught) {
      return unreachable<T>(caught)
    }
  }

  return createStore<VaultWindow>((set, get) => {
    const apply = (next: VaultState): void => {
      if (crossesVault(get().state, next)) deps.forget()
      set({ state: next, unreachable: null })
    }

    /** Runs an action that may change the phase; its answer always applies. */
    const act = async <T>(
      request: (vault: SafeholdApi['vault']) => Promise<IpcResult<T>>,
      stateOf: (value: T) => VaultState,
    ): Promise<IpcResult<T>> => {
      running++
      try {
        const result = await ask(request)
        if (result.ok) apply(stateOf(result.value))
        return result
      } finally {
        running--
        answered++
      }
    }
    const same = (state: VaultState): VaultState => state

    return {
      state: null,
      unreachable: null,
      async check() {
        if (running > 0) return
        const asked = answered
        const result = await ask((vault) => vault.state({}))
        if (running > 0 || answered !== asked) return
        if (result.ok) apply(result.value)
        else set({ unreachable: result.error.message })
      },
      create: (request) => act((vault) => vault.create(request), same),
      openFolder: () =>
        act(
          (vault) => vault.openFolder({}),
          (value) => value.state,
        ),
      async unlock(request) {
        const result = await act((vault) => vault.unlock(request), same)
        // A refusal may have started a wait (retryAfterMs), or the folder may have gone.
        if (!result.ok) await get().check()
        return result
      },
      lock: () => act((vault) => vault.lock({}), same),
      addPassphrase: (passphrase) => act((vault) => vault.addPassphrase({ passphrase }), same),
    }
  })
}
