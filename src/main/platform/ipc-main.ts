/**
 * Every IPC channel is answered by the router, which checks the sender frame, validates the
 * payload and returns errors as values. Nothing else is registered with ipcMain, and a failure the
 * router did not expect still crosses as a value, never as a thrown error with a stack trace.
 */
import type { IpcMain } from 'electron'
import { CHANNELS } from '../../shared/ipc-channels'
import type { IpcResult } from '../../shared/ipc-contract'

export interface IpcDispatcher {
  dispatch(channel: string, payload: unknown, sender: { url: string }): Promise<IpcResult<unknown>>
}

const UNEXPECTED: IpcResult<never> = {
  ok: false,
  error: { code: 'IO_ERROR', message: 'Safehold could not complete this request.' },
}

export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, router: IpcDispatcher): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      try {
        // A frame that navigated away or was destroyed has no URL: the router refuses ''.
        return await router.dispatch(channel, payload, { url: event.senderFrame?.url ?? '' })
      } catch {
        return UNEXPECTED
      }
    })
  }
}
