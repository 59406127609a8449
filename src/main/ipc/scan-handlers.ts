/**
 * "Scan a folder…" over IPC (`scan:*`). The folder comes from the OS picker in main (or is the
 * last scan's folder again), never from the page: the page only says whether to pick one and
 * whether to read git history. The picker may stay open for minutes, so it is asked before the call
 * joins the vault queue; the scan itself reads off the main thread (usage/leak-scans.ts), and the
 * page then asks how far it has got. What goes back is the folder, counts and places — file, line,
 * commit, secret name — which the response schema keeps to its listed fields.
 */
import type { AppServices } from '../app/app-services'
import type { IpcHandlerSpec } from './ipc-handlers'

interface Picked {
  folder: string | null
  gitHistory: boolean
}

export function scanHandlers(services: AppServices): {
  'scan:start': IpcHandlerSpec<'scan:start'>
  'scan:status': IpcHandlerSpec<'scan:status'>
  'scan:cancel': IpcHandlerSpec<'scan:cancel'>
} {
  const { scans } = services
  const start: IpcHandlerSpec<'scan:start', Picked> = {
    vault: true,
    prepare: async ({ folder, gitHistory }) => ({ folder: await scans.choose(folder), gitHistory }),
    run: async (_request, { folder, gitHistory }) => ({
      scan: folder === null ? null : await scans.start(folder, gitHistory),
    }),
  }
  return {
    'scan:start': start as unknown as IpcHandlerSpec<'scan:start'>,
    // Neither reads the vault: they answer at once, whatever else waits in the queue.
    'scan:status': { vault: false, run: ({ id, from }) => Promise.resolve(scans.status(id, from)) },
    'scan:cancel': { vault: false, run: ({ id }) => scans.cancel(id) },
  }
}
