import { useState, type FormEvent, type ReactNode } from 'react'
import { LoaderCircle } from 'lucide-react'
import { CREDENTIAL_TYPE_LABELS } from '../../../../shared/domain'
import type { SecretDetails } from '../../../../shared/secret-view'
import { useSecretsStore } from '../../store/secrets-store'
import { useCertificateDraft } from '../secret-form/certificate-draft'
import { CertificateFactsView } from '../secret-form/certificate-facts'
import { CertificateFields } from '../secret-form/certificate-fields'
import { ExpirationField } from '../secret-form/expiration-field'
import { KvEditor } from '../secret-form/kv-editor'
import { KEEP_HINT, TypedFields } from '../secret-form/typed-fields'
import { call } from '../ui/bridge'
import { CancelButton, DialogShell } from '../ui/dialog-shell'
import { FORM, hasErrors, routeError, without, type FieldErrors } from '../ui/field-errors'
import { FormAlert } from '../ui/form-alert'
import { scopeText } from '../ui/format'
import { UsagesList } from '../ui/usages-list'
import { checkEdit, EDIT_FIELDS, editRequest, initialEdit, type EditDraft } from './edit-model'
import { useSecretDetails } from './use-secret-details'
import { Button } from '../../components/button'

/** "Edit": where the secret is used first, then its editable fields; "Save changes". */
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
    const found = checkEdit(details, draft)
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
    toast(`Saved changes to "${result.value.secret.name}".`, 'success')
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
      dirty={editRequest(details, draft, certificate.cert) !== null}
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
              change={change}
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

interface EditFieldsProps {
  details: SecretDetails
  draft: EditDraft
  errors: FieldErrors
  change: (next: Partial<EditDraft>, fields: string[]) => void
  certificate: ReturnType<typeof useCertificateDraft>
}

function EditFields({ details, draft, errors, change, certificate }: EditFieldsProps): ReactNode {
  if (details.type === 'certificate') {
    return (
      <>
        {details.certificate && (
          <CertificateFactsView
            title="Current certificate"
            facts={details.certificate}
            hasPrivateKey={details.hasPrivateKey}
          />
        )}
        <CertificateFields draft={certificate} errors={errors} mode="edit" />
      </>
    )
  }
  const pairErrors = Object.keys(errors).filter((key) => key.startsWith('pair'))
  return (
    <>
      {details.type === 'key-value' ? (
        <>
          <p className="dlg-note">{KEEP_HINT}. New keys need a value.</p>
          <KvEditor
            rows={draft.rows}
            errors={errors}
            onChange={(rows) => change({ rows }, pairErrors)}
          />
        </>
      ) : (
        <TypedFields
          type={details.type}
          values={draft.fields}
          errors={errors}
          mode="edit"
          onChange={(key, value) => change({ fields: { ...draft.fields, [key]: value } }, [key])}
        />
      )}
      <ExpirationField
        value={draft.expiresAt}
        error={errors['expiresAt']}
        onChange={(expiresAt) => change({ expiresAt }, ['expiresAt'])}
      />
    </>
  )
}
