/**
 * window.safehold as the window's code calls it, with one addition: an answer that says the vault
 * is locked or gone (VAULT_LOCKED, NO_VAULT) is reported, so the window looks at vault:state at
 * once instead of at its next poll. Every answer still goes, unchanged, to its caller.
 */
import type { IpcResult, SafeholdApi } from '../../../shared/ipc-contract'

const REFUSALS = new Set(['VAULT_LOCKED', 'NO_VAULT'])

/** Whether an answer refused a call because the vault is not open. */
export function refusedAsNotOpen(result: unknown): boolean {
  if (typeof result !== 'object' || result === null) return false
  const { ok, error } = result as Partial<IpcResult<unknown>> & { error?: { code?: unknown } }
  return ok === false && typeof error?.code === 'string' && REFUSALS.has(error.code)
}

type Method = (request: unknown) => Promise<unknown>

export function watchBridge(bridge: SafeholdApi, onRefused: () => void): SafeholdApi {
  const watched: Record<string, Record<string, Method>> = {}
  for (const [domain, methods] of Object.entries(
    bridge as Record<string, Record<string, Method>>,
  )) {
    const wrapped: Record<string, Method> = {}
    for (const [verb, method] of Object.entries(methods)) {
      wrapped[verb] = async (request) => {
        const result = await method(request)
        if (refusedAsNotOpen(result)) onRefused()
        return result
      }
    }
    watched[domain] = Object.freeze(wrapped)
  }
  // The same methods under the same names, each returning what the bridge returned.
  return Object.freeze(watched) as unknown as SafeholdApi
}
