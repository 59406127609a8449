/**
 * "Test connection" over IPC (`secrets:test-connection`). The address and the CA file are checked
 * as the call arrives, the use is recorded in the vault queue, and the network test runs after the
 * call has left the queue, so a slow or silent server holds up no other call. The values the test
 * needs stay in main, in memory, for at most the test's time limit; what goes back is the result
 * in plain words, which the response schema keeps to its listed fields: never a value or a token.
 */
import type { AppServices } from '../app/app-services'
import {
  checkTestRequest,
  probeConnection,
  takeForTest,
  type CheckedRequest,
  type ReadyTest,
} from '../usage/connection-test'
import type { IpcHandlerSpec } from './ipc-handlers'

type Channel = 'secrets:test-connection'

export function connectionTestHandlers(services: AppServices): {
  'secrets:test-connection': IpcHandlerSpec<Channel>
} {
  const spec: IpcHandlerSpec<Channel, CheckedRequest, ReadyTest> = {
    vault: true,
    prepare: ({ url, ca }) =>
      Promise.resolve(
        checkTestRequest(
          { url, ca: ca === undefined ? undefined : Buffer.from(ca.dataBase64, 'base64') },
          { url: 'URL', ca: 'the CA file' },
        ),
      ),
    run: ({ id }, checked) => takeForTest(services.store, services.clock, { id }, checked),
    settle: (_request, ready) => probeConnection(ready),
  }
  return { 'secrets:test-connection': spec as unknown as IpcHandlerSpec<Channel> }
}
