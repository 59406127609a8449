import { useState, type ReactNode } from 'react'
import type { SecretSummary } from '../../../../shared/secret-view'
import { useSecretsStore } from '../../store/secrets-store'
import { call } from '../ui/bridge'
import { FieldError } from '../ui/field'
import { Button } from '../../components/button'

interface NameTakenOfferProps {
  holder: SecretSummary
  /** Called once the old secret is kept; the message replaces the name error. */
  onKept: (message: string) => void
}

/**
 * A name held by a secret scheduled for deletion is still taken (DESIGN.md §1.1); instead of failing
 * mysteriously, offer to keep that secret by cancelling its deletion.
 */
export function NameTakenOffer({ holder, onKept }: NameTakenOfferProps): ReactNode {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  async function cancelDeletion(): Promise<void> {
    setBusy(true)
    const result = await call((bridge) => bridge.secrets.cancelDeletion({ id: holder.id }))
    setBusy(false)
    if (!result.ok) return setError(result.error.message)
    const { toast, refresh } = useSecretsStore.getState()
    toast(`The deletion of "${holder.name}" was cancelled; it is Active again.`, 'success')
    void refresh()
    onKept(`"${holder.name}" is kept and Active again. Choose another name for the new secret.`)
  }
  return (
    <div className="dlg-offer">
      <Button variant="secondary" size="sm" disabled={busy} onClick={() => void cancelDeletion()}>
        Cancel deletion
      </Button>
      <span className="dlg-hint">Keeps the existing “{holder.name}” instead.</span>
      <FieldError message={error} />
    </div>
  )
}
