/**
 * The confirmation before the Account Holder gives the role up (DESIGN §1.2): it says what the new
 * role may do and that the Holder cannot promote itself back, then calls profile:update with
 * confirmDemotion. Keep is the safe answer, and Escape's.
 */
import { useState, type FormEvent, type ReactNode } from 'react'
import { LoaderCircle } from 'lucide-react'
import { ROLE_LABELS, type Role } from '../../../shared/domain'
import { Button } from '../components/button'
import { CancelButton, DialogShell } from '../dialogs/ui/dialog-shell'
import { FormAlert } from '../dialogs/ui/form-alert'
import { giveUpHolderRole } from '../store/profile-actions'
import { useSecretsStore } from '../store/secrets-store'
import { ROLE_RULES, withArticle } from './role-words'

export function ChangeRoleDialog({ role }: { role: Role }): ReactNode {
  const { closeDialog, toast } = useSecretsStore.getState()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const label = ROLE_LABELS[role]

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    const failure = await giveUpHolderRole(role)
    setBusy(false)
    if (failure !== null) return setError(failure.message)
    toast(`You are now ${withArticle(label)}.`, 'success')
    closeDialog()
  }

  return (
    <DialogShell
      title="Give up the Account Holder role?"
      subtitle={`You would be ${withArticle(label)}.`}
      size="small"
      busy={busy}
      onClose={closeDialog}
    >
      <form className="dlg-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="dlg-body">
          {error && <FormAlert tone="error">{error}</FormAlert>}
          <FormAlert tone="warning" live={false}>
            <strong>You cannot promote yourself back.</strong>
            <span>
              As {withArticle(label)} you can no longer change roles, so you cannot make yourself
              Account Holder again.
            </span>
          </FormAlert>
          <p className="dlg-text">
            <strong>{label}:</strong> {ROLE_RULES[role]}
          </p>
        </div>
        <footer className="dlg-footer">
          <CancelButton disabled={busy} first />
          <span className="dlg-footer-gap" />
          <Button type="submit" variant="danger" disabled={busy}>
            {busy && <LoaderCircle aria-hidden size={16} className="dlg-spin" />} Change role
          </Button>
        </footer>
      </form>
    </DialogShell>
  )
}
