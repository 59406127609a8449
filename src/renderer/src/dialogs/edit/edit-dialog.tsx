import { useState, type FormEvent, type ReactNode } from 'react'
import { LoaderCircle } from 'lucide-react'
import { CREDENTIAL_TYPE_LABELS } from '../../../../shared/domain'
import type { SecretDetails } from '../../../../shared/secret-view'
import { useSecretsStore } from '../../store/secrets-store'
import { useCertificateDraft } from '../secret-form/certificate-draft'
import { call } from '../ui/bridge'
import { CancelButton, DialogShell } from '../ui/dialog-shell'
import { FORM, hasErrors, routeError, without, type FieldErrors } from '../ui/field-errors'
import { FormAlert } from '../ui/form-alert'
import { scopeText } from '../ui/format'
import { UsagesList } from '../ui/usages-list'
import { EditFields } from './edit-fields'
import { metadataDirty } from './edit-metadata'
import { checkEdit, EDIT_FIELDS, editRequest, initialEdit, type EditDraft } from './edit-model'
import { useSecretDetails } from './use-secret-details'
import { Button } from '../../components/button'

/**
 * "Edit": where the secret is used first, then its editable fields; "Save changes". Only what
 * changed is sent, and a form holding any unsaved change asks before it closes.
 */
export function EditDialog({ id }: { id: string }): ReactNode {
  const state = useSecretDetails(id)
  const closeDialog = useSecretsStore((s) => s.closeDialog)
  if (state.status !== 'ready') {
    return (
      <DialogShell title="Edit secret" onClose={closeDialog}>
        <div className="dlg-body">
          {state.status === 'loading' ? (
            <p className="dlg-loading">
              <LoaderCircle aria-hidden size={18} className="dlg-spin" /> Loading the secret…
            </p>
          ) : (
            <FormAlert tone="error">{state.message}</FormAlert>
          )}
        </div>
      </DialogShell>
    )
  }
  return <EditForm details={state.details} />
}

function EditForm({ details }: { details: SecretDetails }): ReactNode {
  const { closeDialog, refresh, toast } = useSecretsStore.getState()
  const secrets = useSecretsStore((s) => s.secrets)
  const [draft, setDraft] = useState<EditDraft>(() => initialEdit(details))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const certificate = useCertificateDraft(setErrors)

  function change(next: Partial<EditDraft>, fields: string[]): void {
    setDraft((current) => ({ ...current, ...next }))
    setErrors((current) => without(current, FORM, ...fields))
  }

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy) return
    const found = checkEdit(details, draft, secrets)
    if (certificate.cert.certificate && !(await certificate.check())) {
      return setErrors((current) => ({ ...current, ...found }))
    }
    setErrors(found)
    if (hasErrors(found)) return
    const request = editRequest(details, draft, certificate.cert)
    if (request === null) {
      toast('Nothing changed, so nothing was saved.', 'info')
      return closeDialog()
    }
    setBusy(true)
    const result = await call((bridge) => bridge.secrets.edit(request))
    setBusy(false)
    if (!result.ok) return setErrors(routeError(result.error, EDIT_FIELDS))
    setDraft(initialEdit(details))
    certificate.reset()
    const saved = result.value.secret
    toast(
      saved.name === details.name
        ? `Saved changes to "${saved.name}".`
        : `Saved changes; "${details.name}" is now "${saved.name}".`,
      'success',
    )
    for (const warning of result.value.warnings) toast(warning, 'info')
    closeDialog()
    void refresh()
  }

  const subtitle = `${details.name} · ${CREDENTIAL_TYPE_LABELS[details.type]} · ${scopeText(details.scope)}`
  return (
    <DialogShell
      title="Edit secret"
      subtitle={subtitle}
      size="large"
      busy={busy}
      dirty={
        editRequest(details, draft, certificate.cert) !== null || metadataDirty(details, draft)
      }
      onClose={closeDialog}
    >
      <form className="dlg-form" noValidate onSubmit={(event) => void save(event)}>
        <div className="dlg-body">
          <UsagesList usages={details.usages} />
          <section className="dlg-section" aria-labelledby="dlg-edit-fields" data-focus-first>
            <h3 id="dlg-edit-fields" className="dlg-section-title">
              Details
            </h3>
            {errors[FORM] && <FormAlert tone="error">{errors[FORM]}</FormAlert>}
            <EditFields
              details={details}
              draft={draft}
              errors={errors}
              secrets={secrets}
              change={change}
              setError={(field, message) =>
                setErrors((current) => ({ ...current, [field]: message }))
              }
              certificate={certificate}
            />
          </section>
        </div>
        <footer className="dlg-footer">
          <CancelButton disabled={busy} />
          <span className="dlg-footer-gap" />
          <Button type="submit" variant="primary" disabled={busy}>
            {busy && <LoaderCircle aria-hidden size={16} className="dlg-spin" />} Save changes
          </Button>
        </footer>
      </form>
    </DialogShell>
  )
}
