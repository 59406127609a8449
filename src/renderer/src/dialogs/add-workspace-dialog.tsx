import { useState, type FormEvent, type ReactNode } from 'react'
import { LoaderCircle } from 'lucide-react'
import { workspaceNameSchema } from '../../../shared/secret-rules'
import { useSecretsStore } from '../store/secrets-store'
import { call } from './ui/bridge'
import { CancelButton, DialogShell } from './ui/dialog-shell'
import { Field } from './ui/field'
import { FORM, routeError, ruleError, type FieldErrors } from './ui/field-errors'
import { FormAlert } from './ui/form-alert'
import { Button } from '../components/button'

/** "Add workspace": a named workspace of the vault (DESIGN.md §1.2). */
export function AddWorkspaceDialog(): ReactNode {
  const { closeDialog, refresh, setProfile, toast } = useSecretsStore.getState()
  const [name, setName] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy) return
    const invalid = ruleError(workspaceNameSchema, name)
    if (invalid) return setErrors({ workspace: invalid })
    setBusy(true)
    const result = await call((bridge) => bridge.workspaces.add({ name }))
    setBusy(false)
    if (!result.ok) return setErrors(routeError(result.error, ['workspace']))
    setProfile(result.value)
    toast(`Added workspace "${name}".`, 'success')
    closeDialog()
    void refresh()
  }

  return (
    <DialogShell
      title="Add workspace"
      size="small"
      busy={busy}
      dirty={name.trim() !== ''}
      onClose={closeDialog}
    >
      <form className="dlg-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="dlg-body">
          {errors[FORM] && <FormAlert tone="error">{errors[FORM]}</FormAlert>}
          <Field
            label="Workspace name"
            hint="1–64 characters, unique in this vault."
            error={errors['workspace']}
          >
            {(control) => (
              <input
                {...control}
                className="dlg-input"
                autoComplete="off"
                value={name}
                onChange={(event) => {
                  setName(event.target.value)
                  setErrors({})
                }}
              />
            )}
          </Field>
        </div>
        <footer className="dlg-footer">
          <CancelButton disabled={busy} />
          <span className="dlg-footer-gap" />
          <Button type="submit" variant="primary" disabled={busy}>
            {busy && <LoaderCircle aria-hidden size={16} className="dlg-spin" />} Add workspace
          </Button>
        </footer>
      </form>
    </DialogShell>
  )
}
