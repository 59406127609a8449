/**
 * The window follows the vault as main reports it (src/renderer/src/vault/): it forgets all it
 * held of the vault whenever it leaves the open vault or comes back to one; a poll answered
 * before a lock cannot undo the lock; a call refused as locked makes the window look at once; and
 * a refused unlock looks again, to learn the wait main imposes.
 */
import { describe, expect, it } from 'vitest'
import type { IpcResult, SafeholdApi } from '../../src/shared/ipc-contract'
import { refusedAsNotOpen, watchBridge } from '../../src/renderer/src/vault/watched-bridge'
import {
  createVaultWindow,
  crossesVault,
  type VaultState,
} from '../../src/renderer/src/vault/vault-window'

function state(phase: VaultState['phase'], extra: Partial<VaultState> = {}): VaultState {
  return {
    phase,
    vaultDir: '/vaults/acme',
    protection: phase === 'no-vault' ? null : 'Passphrase',
    hasPassphrase: phase !== 'no-vault',
    unlockWith: phase === 'locked' ? 'passphrase' : null,
    keychain: { available: true, label: 'GNOME Keyring', reason: null },
    retryAfterMs: 0,
    lockedBy: null,
    ...extra,
  }
}

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value })

/** A vault channel answered when the test says so, in any order. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

function fakeVault(overrides: Partial<SafeholdApi['vault']> = {}) {
  const answers: VaultState[] = []
  const vault = {
    state: () => Promise.resolve(ok(answers.shift() ?? state('open'))),
    create: () => Promise.resolve(ok(state('open'))),
    openFolder: () => Promise.resolve(ok({ state: state('locked'), cancelled: false })),
    unlock: () => Promise.resolve(ok(state('open'))),
    lock: () => Promise.resolve(ok(state('locked', { lockedBy: 'user' }))),
    touch: () => Promise.resolve(ok({ locksInMs: 600_000 })),
    addPassphrase: () => Promise.resolve(ok(state('open'))),
    ...overrides,
  }
  let forgotten = 0
  const store = createVaultWindow({ vault: () => vault, forget: () => forgotten++ })
  return { store, answers, forgotten: () => forgotten }
}

describe('the window and the phase main reports', () => {
  it('forgets the vault whenever it passes into or out of the open vault, and only then', () => {
    expect(crossesVault(null, state('open'))).toBe(false)
    expect(crossesVault(state('open'), state('locked'))).toBe(true)
    expect(crossesVault(state('locked'), state('open'))).toBe(true)
    expect(crossesVault(state('no-vault'), state('open'))).toBe(true)
    expect(crossesVault(state('open'), state('open'))).toBe(false)
    expect(crossesVault(state('locked'), state('locked', { retryAfterMs: 4000 }))).toBe(false)
    expect(crossesVault(state('no-vault'), state('locked'))).toBe(false)
  })

  it('follows a lock made by main at its next check, forgetting what it held', async () => {
    const { store, answers, forgotten } = fakeVault()
    answers.push(state('open'), state('locked', { lockedBy: 'idle' }))
    await store.getState().check()
    expect(store.getState().state?.phase).toBe('open')
    expect(forgotten()).toBe(0)
    await store.getState().check()
    expect(store.getState().state).toMatchObject({ phase: 'locked', lockedBy: 'idle' })
    expect(forgotten()).toBe(1)
  })

  it('drops a poll answered "open" after the user locked: the lock stands', async () => {
    const polled = deferred<IpcResult<VaultState>>()
    const { store, forgotten } = fakeVault({ state: () => polled.promise })
    store.setState({ state: state('open') })
    const check = store.getState().check()
    await store.getState().lock()
    polled.resolve(ok(state('open')))
    await check
    expect(store.getState().state).toMatchObject({ phase: 'locked', lockedBy: 'user' })
    expect(forgotten()).toBe(1)
  })

  it('does not poll while an action is on its way: the action answers for the phase', async () => {
    const unlocking = deferred<IpcResult<VaultState>>()
    let polls = 0
    const { store } = fakeVault({
      unlock: () => unlocking.promise,
      state: () => {
        polls++
        return Promise.resolve(ok(state('locked')))
      },
    })
    store.setState({ state: state('locked') })
    const unlock = store.getState().unlock({ passphrase: 'typed' })
    await store.getState().check()
    expect(polls).toBe(0)
    unlocking.resolve(ok(state('open')))
    await unlock
    expect(store.getState().state?.phase).toBe('open')
  })

  it('after a refused unlock, asks again to learn the wait main now imposes', async () => {
    const { store, answers } = fakeVault({
      unlock: () =>
        Promise.resolve({
          ok: false,
          error: {
            code: 'WRONG_PASSPHRASE',
            message: 'The passphrase is not the one that protects this vault.',
            field: 'passphrase',
          },
        }),
    })
    store.setState({ state: state('locked') })
    answers.push(state('locked', { retryAfterMs: 1000 }))
    const result = await store.getState().unlock({ passphrase: 'wrong' })
    expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } })
    expect(store.getState().state?.retryAfterMs).toBe(1000)
  })

  it('a vault opened from the welcome screen follows the folder pick, and a cancelled one changes nothing', async () => {
    const { store, forgotten } = fakeVault({
      openFolder: () => Promise.resolve(ok({ state: state('no-vault'), cancelled: true })),
    })
    store.setState({ state: state('no-vault') })
    expect(await store.getState().openFolder()).toMatchObject({
      ok: true,
      value: { cancelled: true },
    })
    expect(store.getState().state?.phase).toBe('no-vault')
    expect(forgotten()).toBe(0)
  })

  it('says main cannot be reached rather than guessing a phase', async () => {
    const { store } = fakeVault({ state: () => Promise.reject(new Error('connection refused')) })
    await store.getState().check()
    expect(store.getState().state).toBeNull()
    expect(store.getState().unreachable).toBe(
      'Safehold could not reach the vault: connection refused',
    )
  })
})

describe('calls refused because the vault is not open', () => {
  it('are told at once, and every answer reaches its caller unchanged', async () => {
    const locked = { ok: false, error: { code: 'VAULT_LOCKED', message: 'Safehold is locked.' } }
    const answers: Record<string, unknown> = {
      list: locked,
      show: { ok: false, error: { code: 'NOT_FOUND', message: 'No such secret.' } },
      state: ok(state('locked')),
    }
    const bridge = {
      secrets: {
        list: () => Promise.resolve(answers['list']),
        show: () => Promise.resolve(answers['show']),
      },
      vault: { state: () => Promise.resolve(answers['state']) },
    } as unknown as SafeholdApi
    let told = 0
    const watched = watchBridge(bridge, () => told++)
    expect(await watched.secrets.list({})).toBe(locked)
    expect(told).toBe(1)
    expect(await watched.secrets.show({ id: 'x' })).toBe(answers['show'])
    expect(await watched.vault.state({})).toBe(answers['state'])
    expect(told).toBe(1)
  })

  it('are VAULT_LOCKED and NO_VAULT, and nothing else', () => {
    expect(refusedAsNotOpen({ ok: false, error: { code: 'VAULT_LOCKED', message: '' } })).toBe(true)
    expect(refusedAsNotOpen({ ok: false, error: { code: 'NO_VAULT', message: '' } })).toBe(true)
    expect(refusedAsNotOpen({ ok: false, error: { code: 'IO_ERROR', message: '' } })).toBe(false)
    expect(refusedAsNotOpen({ ok: true, value: { code: 'VAULT_LOCKED' } })).toBe(false)
    expect(refusedAsNotOpen(null)).toBe(false)
  })
})
