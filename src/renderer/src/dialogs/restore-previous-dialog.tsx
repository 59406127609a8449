import { useState, type FormEvent, type ReactNode } from 'react'
import { LoaderCircle } from 'lucide-react'
import type { SecretDetails } from '../../../shared/secret-view'
import { Button } from '../components/button'
import { useSecretsStore } from '../store/secrets-store'
import { useSecretDetails } from './edit/use-secret-details'
import { call } from './ui/bridge'
import { CancelButton, DialogShell } from './ui/dialog-shell'
import { FormAlert } from './ui/form-alert'
import { formatDateTime } from './ui/format'

/**
 * "Restore previous value" (DESIGN §1.1): one step, after a short confirmation that says what
 * happens. The two values swap, so the current one becomes the previous one and the restore can
 * be undone the same way; every consumer gets the restored value from then on.
 */
export function RestorePreviousDialog({ id }: { id: string }): ReactNode {
  const state = useSecretDetails(id)
  const closeDialog = useSecretsStore((s) => s.closeDialog)
  if (state.status === 'ready' && state.details.previous !== null)
    return <RestoreForm details={state.details} />
  return (
    <DialogShell title="Restore the previous value?" size="small" onClose={closeDialog}>
      <div className="dlg-body">
        {state.status === 'loading' ? (
          <p className="dlg-loading">
            <LoaderCircle aria-hidden size={18} className="dlg-spin" /> Loading the secret…
          </p>
        ) : (
          <FormAlert tone="error">
            {state.status === 'error'
              ? state.message
              : 'This secret has no previous value any more: it is kept for 30 days after an edit replaces it.'}
          </FormAlert>
        )}
      </div>
    </DialogShell>
  )
}

function RestoreForm({ details }: { details: SecretDetails }): ReactNode {
  const { closeDialog, refresh, toast } = useSecretsStore.getState()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const previous = details.previous!

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    const result = await call((bridge) => bridge.secrets.restorePrevious({ id: details.id }))
    setBusy(false)
    if (!result.ok) return setError(result.error.message)
    const { secret, warnings } = result.value
    const undoUntil = secret.previous ? ` until ${formatDateTime(secret.previous.purgesAt)}` : ''
    toast(
      `Restored the previous value of "${secret.name}" (fingerprint ${secret.fingerprint}). The value it replaced can be restored${undoUntil}.`,
      'success',
    )
    for (const warning of warnings) toast(warning, 'info')
    closeDialog()
    void refresh()
  }

  return (
    <DialogShell
      title="Restore the previous value?"
      subtitle={`"${details.name}" goes back to the value replaced on ${formatDateTime(previous.replacedAt)}.`}
      size="small"
      busy={busy}
      onClose={closeDialog}
    >
      <form className="dlg-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="dlg-body">
          {error && <FormAlert tone="error">{error}</FormAlert>}
          <dl className="dlg-summary" aria-label="Values">
            <div className="dlg-summary-row">
              <dt>Restored value</dt>
              <dd>
                <span className="dlg-mono">{previous.fingerprint}</span>{' '}
                <span className="dlg-muted">(fingerprint)</span>
              </dd>
            </div>
            <div className="dlg-summary-row">
              <dt>Current value</dt>
              <dd>
                <span className="dlg-mono">{details.fingerprint}</span>{' '}
                <span className="dlg-muted">(fingerprint)</span>
              </dd>
            </div>
          </dl>
          <p className="dlg-text">
            The current value becomes the previous value, kept for 30 days, so you can undo this the
            same way. Every consumer — <code>safehold get</code> and <code>run</code>, Spots, Copy —
            gets the restored value from now on.
          </p>
        </div>
        <footer className="dlg-footer">
          <CancelButton disabled={busy} />
          <span className="dlg-footer-gap" />
          <Button type="submit" variant="primary" disabled={busy} data-autofocus>
            {busy && <LoaderCircle aria-hidden size={16} className="dlg-spin" />} Restore previous
            value
          </Button>
        </footer>
      </form>
    </DialogShell>
  )
}
