/**
 * The router over a vault session, called as the window calls it (from app://safehold/), with
 * functions that unwrap a success or a failure so a test reads as what the user saw.
 */
import { expect } from 'vitest'
import type { ErrorInfo } from '../../src/shared/errors'
import type { Channel, IpcRequest, IpcResponse, IpcResult } from '../../src/shared/ipc-contract'
import type { VaultSession } from '../../src/main/app/vault-session'
import { createIpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'

export const OWN_PAGE = { url: 'app://safehold/index.html' }

export function sessionRouter(session: VaultSession) {
  const router = createIpcRouter(session, {
    isOwnPage: sameOriginAs('app://safehold/'),
    log: () => undefined,
  })
  const answers: string[] = []
  const call = async <C extends Channel>(
    channel: C,
    request: IpcRequest<C>,
  ): Promise<IpcResult<IpcResponse<C>>> => {
    const result = (await router.dispatch(channel, request, OWN_PAGE)) as IpcResult<IpcResponse<C>>
    answers.push(JSON.stringify(result))
    return result
  }
  const ok = async <C extends Channel>(
    channel: C,
    request: IpcRequest<C>,
  ): Promise<IpcResponse<C>> => {
    const result = await call(channel, request)
    if (!result.ok)
      throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
    return result.value
  }
  const fails = async <C extends Channel>(
    channel: C,
    request: IpcRequest<C>,
  ): Promise<ErrorInfo> => {
    const result = await call(channel, request)
    expect(result.ok, `${channel} should have failed`).toBe(false)
    return (result as { ok: false; error: ErrorInfo }).error
  }
  return { router, call, ok, fails, answers }
}
