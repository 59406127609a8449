/** Calls to window.safehold as values: a missing bridge or a broken channel is an error, not a throw. */
import type { IpcResult } from '../../../../shared/ipc-contract'
import { api } from '../../store/secrets-store'
import type { SafeholdApi } from '../../../../shared/ipc-contract'

export async function call<T>(
  request: (bridge: SafeholdApi) => Promise<IpcResult<T>>,
): Promise<IpcResult<T>> {
  try {
    return await request(api())
  } catch (caught) {
    const reason = caught instanceof Error ? caught.message : 'the request failed'
    return {
      ok: false,
      error: { code: 'IO_ERROR', message: `Safehold could not reach the vault: ${reason}` },
    }
  }
}
