import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { CalendarClock, LoaderCircle, Trash2 } from 'lucide-react'
import { CREDENTIAL_TYPE_LABELS } from '../../../../shared/domain'
import type { SecretSummary } from '../../../../shared/secret-view'
import { useSecretsStore } from '../../store/secrets-store'
import { call } from '../ui/bridge'
import { ChoiceCards } from '../ui/choice-cards'
import { CancelButton, DialogShell } from '../ui/dialog-shell'
import { FormAlert } from '../ui/form-alert'
import { formatDate, scopeText } from '../ui/format'
import { submitOnEnterInRadio } from '../ui/focus'
import { UsagesList } from '../ui/usages-list'
import { MissingSecret } from './missing-secret'
import { Button } from '../../components/button'

type Choice = 'now' | 'schedule'

const CONFIRM_WORD = 'DELETE'
const DAY = 24 * 60 * 60 * 1000

/**
 * "Delete secret" (DESIGN.md §2): delete now or schedule the deletion, after seeing where the
 * secret is used and typing exactly DELETE. Neither choice is made for the user: the button
 * stays disabled until one is chosen, unless the user chose before opening (`choice`).
 */
export function DeleteDialog({ id, choice }: { id: string; choice: Choice | null }): ReactNode {
  const secret = useSecretsStore((s) => s.secrets.find((candidate) => candidate.id === id))
  const closeDialog = useSecretsStore((s) => s.closeDialog)
  if (!secret) return <MissingSecret title="Delete secret" onClose={closeDialog} />
  return <DeleteForm secret={secret} initial={choice} />
}

function DeleteForm({
  secret,
  initial,
}: {
  secret: SecretSummary
  initial: Choice | null
}): ReactNode {
  const { closeDialog, refresh, toast } = useSecretsStore.getState()
  const scheduled = secret.status === 'scheduled-for-deletion'
  const [choice, setChoice] = useState<Choice | null>(
    initial === 'schedule' && scheduled ? null : initial,
  )
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const confirmId = useId()
  const confirmed = typed === CONFIRM_WORD

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!confirmed || busy || choice === null) return
    setBusy(true)
    const request = { id: secret.id, confirm: CONFIRM_WORD } as const
    const result =
      choice === 'now'
        ? await call((bridge) => bridge.secrets.deleteNow(request))
        : await call((bridge) => bridge.secrets.scheduleDeletion(request))
    setBusy(false)
    if (!result.ok) return setError(result.error.message)
    if (choice === 'now') toast(`Deleted "${secret.name}".`, 'success')
    else {
      const due = 'deletesAt' in result.value ? result.value.deletesAt : null
      const when = due ?? new Date(Date.now() + 30 * DAY).toISOString()
      toast(`"${secret.name}" is scheduled for deletion on ${formatDate(when)}.`, 'success')
    }
    closeDialog()
    void refresh()
  }

  const subtitle = `${secret.name} · ${CREDENTIAL_TYPE_LABELS[secret.type]} · ${scopeText(secret.scope)}`
  return (
    <DialogShell title="Delete secret" subtitle={subtitle} busy={busy} onClose={closeDialog}>
      <form
        className="dlg-form"
        noValidate
        onSubmit={(event) => void submit(event)}
        onKeyDown={submitOnEnterInRadio}
      >
        <div className="dlg-body">
          {error && <FormAlert tone="error">{error}</FormAlert>}
          <ChoiceCards
            label="How to delete"
            hideLabel
            value={choice}
            onChange={(next) => {
              setChoice(next)
              setError(undefined)
            }}
            columns={2}
            tone="danger"
            choices={[
              {
                value: 'now',
                label: 'Delete now',
                description: 'Gone at once: nothing can use it from this moment.',
                icon: <Trash2 size={20} />,
              },
              {
                value: 'schedule',
                label: 'Schedule deletion',
                description: 'Deleted in 30 days unless it is used or you cancel.',
                icon: <CalendarClock size={20} />,
                disabled: scheduled,
                reason: scheduled
                  ? `Already scheduled: it will be deleted on ${formatDate(secret.deletesAt)}.`
                  : undefined,
              },
            ]}
          />
          <UsagesList usages={secret.usages} />
          <FormAlert tone="warning" live={false}>
            <strong>This cannot be undone.</strong>
            <span>
              {choice === 'schedule'
                ? `When the deletion is carried out, "${secret.name}" and its values are gone for good. Until then, using it or "Cancel deletion" keeps it.`
                : `Once deleted, "${secret.name}" and its values are gone for good, and every consumer listed above loses access.`}
            </span>
          </FormAlert>
          <div className="dlg-field">
            <label htmlFor={confirmId} className="dlg-label">
              Type DELETE to confirm
            </label>
            <input
              id={confirmId}
              className="dlg-input dlg-mono dlg-confirm"
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
            />
          </div>
        </div>
        <footer className="dlg-footer">
          <CancelButton disabled={busy} />
          <span className="dlg-footer-gap" />
          {choice === null && (
            <span className="dlg-footer-hint">Choose Delete now or Schedule deletion.</span>
          )}
          <Button type="submit" variant="danger" disabled={!confirmed || busy || choice === null}>
            {busy && <LoaderCircle aria-hidden size={16} className="dlg-spin" />}
            Delete secret
          </Button>
        </footer>
      </form>
    </DialogShell>
  )
}
