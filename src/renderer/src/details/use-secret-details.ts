/**
 * Loads a secret's details and history from main. `version` changes whenever the listing's copy
 * of the secret changes (an edit, a use, a schedule), so the drawer never shows stale facts.
 */
import { useEffect, useState } from 'react'
import type { ErrorInfo } from '../../../shared/errors'
import type { IpcResponse } from '../../../shared/ipc-contract'
import type { SecretDetails } from '../../../shared/secret-view'
import { api } from '../store/secrets-store'

export type HistoryEntry = IpcResponse<'secrets:history'>[number]

export interface SecretDetailsState {
  details: SecretDetails | null
  history: HistoryEntry[] | null
  error: ErrorInfo | null
}

export function useSecretDetails(id: string, version: string): SecretDetailsState {
  const [state, setState] = useState<SecretDetailsState & { id: string }>({
    id,
    details: null,
    history: null,
    error: null,
  })

  useEffect(() => {
    let current = true
    void Promise.all([api().secrets.show({ id }), api().secrets.history({ id })]).then(
      ([shown, history]) => {
        if (!current) return
        setState({
          id,
          details: shown.ok ? shown.value : null,
          history: history.ok ? history.value : null,
          error: !shown.ok ? shown.error : !history.ok ? history.error : null,
        })
      },
    )
    return () => {
      current = false
    }
  }, [id, version])

  // While another secret's data is still on its way, show nothing of the previous one.
  return state.id === id ? state : { details: null, history: null, error: null }
}
