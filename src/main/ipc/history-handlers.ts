/**
 * History over IPC (`audit:list`): the vault's audit log, filtered in main as `safehold audit`
 * filters it, newest first and at most a page of it, so a log of years never crosses whole. The
 * filters arrive parsed by the contract's schema; entries hold names, labels and dates, never a
 * value.
 */
import type { AppServices } from '../app/app-services'
import { auditPage, type AuditFilter } from '../secrets/audit-filter'
import type { IpcHandler, IpcRequestOf } from './ipc-handlers'

function toAuditFilter(request: IpcRequestOf<'audit:list'>): AuditFilter {
  const { secret, since, action, scope } = request
  return {
    ...(secret === undefined ? {} : { secret }),
    ...(since === undefined ? {} : { since: Date.parse(since) }),
    ...(action === undefined ? {} : { action }),
    ...(scope === undefined ? {} : { scope }),
  }
}

export function historyHandlers(services: AppServices): { 'audit:list': IpcHandler<'audit:list'> } {
  const { store } = services
  return {
    'audit:list': async (request) => {
      // Another process (the CLI) may have written to the log since we last looked.
      await store.refresh()
      return auditPage(store.state, toAuditFilter(request))
    },
  }
}
