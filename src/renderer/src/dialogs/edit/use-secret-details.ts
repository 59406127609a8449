import { useEffect, useState } from 'react'
import type { SecretDetails } from '../../../../shared/secret-view'
import { call } from '../ui/bridge'

export type DetailsState =
  | { status: 'loading' }
  | { status: 'ready'; details: SecretDetails }
  | { status: 'error'; message: string }

/** A secret's metadata from main (`secrets.show`): fields, keys, facts and usages, never a value. */
export function useSecretDetails(id: string): DetailsState {
  const [state, setState] = useState<DetailsState>({ status: 'loading' })
  useEffect(() => {
    let live = true
    void call((bridge) => bridge.secrets.show({ id })).then((result) => {
      if (!live) return
      setState(
        result.ok
          ? { status: 'ready', details: result.value }
          : { status: 'error', message: result.error.message },
      )
    })
    return () => {
      live = false
    }
  }, [id])
  return state
}
