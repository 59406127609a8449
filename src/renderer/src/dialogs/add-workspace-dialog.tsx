import { useState, type FormEvent, type ReactNode } from 'react'
import { LoaderCircle } from 'lucide-react'
import { workspaceNameSchema } from '../../../shared/secret-rules'
import { useSecretsStore } from '../store/secrets-store'
import { call } from './ui/bridge'
import { DialogShell } from './ui/dialog-shell'
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
    if (invalid) return setErrors({ name: invalid })
    setBusy(true)
    const result = await call((bridge) => bridge.workspaces.add({ name }))
    setBusy(false)
    if (!result.ok) return setErrors(routeError(result.error, ['name']))
    setProfile(result.value)
    toast(`Added workspace "${name}".`, 'success')
    closeDialog()
    void refresh()
  }

  return (
    <DialogShell title="Add workspace" size="small" busy={busy} onClose={closeDialog}>
      <form className="dlg-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="dlg-body">
          {errors[FORM] && <FormAlert tone="error">{errors[FORM]}</FormAlert>}
          <Field
            label="Workspace name"
            hint='1–64 characters: letters, digits, spaces, "-", "_" and ".".'
            error={errors['name']}
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
          <Button variant="ghost" onClick={closeDialog} disabled={busy}>
            Cancel
          </Button>
          <span className="dlg-footer-gap" />
          <Button type="submit" variant="primary" disabled={busy}>
            {busy && <LoaderCircle aria-hidden size={16} className="dlg-spin" />} Add workspace
          </Button>
        </footer>
      </form>
    </DialogShell>
  )
}
