/**
 * History's filters as the user sets them (text in a box, a day, a select's value) and as main
 * takes them (`audit:list`): empty filters are left out, a day is its local midnight as an instant
 * (the user's "since Dec 1" starts when Dec 1 starts where they are), and a scope is the scope
 * object the contract names. Pure, so it is tested without a window.
 */
import type { IpcRequest } from '../../../shared/ipc-contract'

export interface HistoryFilters {
  /** Part of a secret's name. */
  secret: string
  /** An audit action id ('used', 'edited'…), '' for every action. */
  action: string
  /** A day, YYYY-MM-DD as a date input gives it, '' for no limit. */
  since: string
  /** 'organization', 'personal' or 'workspace:NAME'; '' for every scope. */
  scope: string
}

export const NO_FILTERS: HistoryFilters = { secret: '', action: '', since: '', scope: '' }

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** The local midnight that starts `day` (YYYY-MM-DD), as an ISO instant; null for anything else. */
export function localMidnight(day: string): string | null {
  const match = DAY.exec(day)
  if (match === null) return null
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const start = new Date(year, month - 1, date)
  // new Date rolls 2026-02-31 over into March: such a day is not a day.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date)
    return null
  return start.toISOString()
}

export function historyRequest(filters: HistoryFilters): IpcRequest<'audit:list'> {
  const request: IpcRequest<'audit:list'> = {}
  const secret = filters.secret.trim()
  if (secret !== '') request.secret = secret.slice(0, 128)
  if (filters.action !== '') request.action = filters.action
  const since = localMidnight(filters.since)
  if (since !== null) request.since = since
  if (filters.scope === 'organization' || filters.scope === 'personal')
    request.scope = { kind: filters.scope }
  else if (filters.scope.startsWith('workspace:'))
    request.scope = { kind: 'workspace', workspace: filters.scope.slice('workspace:'.length) }
  return request
}

export function isFiltered(filters: HistoryFilters): boolean {
  return (
    filters.secret.trim() !== '' ||
    filters.action !== '' ||
    localMidnight(filters.since) !== null ||
    filters.scope !== ''
  )
}
