import { useState, type FormEvent, type ReactNode } from 'react'
import { LoaderCircle } from 'lucide-react'
import type { SecretSummary } from '../../../../shared/secret-view'
import { useSecretsStore } from '../../store/secrets-store'
import { call } from '../ui/bridge'
import { DialogShell } from '../ui/dialog-shell'
import { FormAlert } from '../ui/form-alert'
import { formatDate } from '../ui/format'
import { MissingSecret } from './missing-secret'
import { Button } from '../../components/button'

/** "Cancel deletion" with its own confirmation (DESIGN.md §2); the secret becomes Active again. */
export function CancelDeletionDialog({ id }: { id: string }): ReactNode {
  const secret = useSecretsStore((s) => s.secrets.find((candidate) => candidate.id === id))
  const closeDialog = useSecretsStore((s) => s.closeDialog)
  if (!secret) return <MissingSecret title="Cancel deletion" onClose={closeDialog} />
  return <CancelDeletionForm secret={secret} />
}

function CancelDeletionForm({ secret }: { secret: SecretSummary }): ReactNode {
  const { closeDialog, refresh, toast } = useSecretsStore.getState()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    const result = await call((bridge) => bridge.secrets.cancelDeletion({ id: secret.id }))
    setBusy(false)
    if (!result.ok) return setError(result.error.message)
    toast(`The deletion of "${secret.name}" was cancelled; it is Active again.`, 'success')
    closeDialog()
    void refresh()
  }

  const when = secret.deletesAt ? ` on ${formatDate(secret.deletesAt)}` : ''
  return (
    <DialogShell
      title="Keep this secret?"
      subtitle={`"${secret.name}" is scheduled for deletion${when}.`}
      size="small"
      busy={busy}
      onClose={closeDialog}
    >
      <form className="dlg-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="dlg-body">
          {error && <FormAlert tone="error">{error}</FormAlert>}
          <p className="dlg-text">
            Cancelling the deletion keeps “{secret.name}” with its values. It counts as activity, so
            the secret becomes Active again and no reminder about this deletion will follow.
          </p>
        </div>
        <footer className="dlg-footer">
          <Button variant="ghost" onClick={closeDialog} disabled={busy}>
            Keep scheduled
          </Button>
          <span className="dlg-footer-gap" />
          <Button type="submit" variant="primary" disabled={busy} data-autofocus>
            {busy && <LoaderCircle aria-hidden size={16} className="dlg-spin" />} Cancel deletion
          </Button>
        </footer>
      </form>
    </DialogShell>
  )
}
