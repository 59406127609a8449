/**
 * The edit form's fields: the name, an organization secret's availability, the type's own fields
 * and expiry, then notes and tags. Secret fields start empty and an empty one keeps its value.
 */
import type { ReactNode } from 'react'
import type { SecretDetails, SecretSummary } from '../../../../shared/secret-view'
import { AvailabilityField } from '../secret-form/availability-field'
import type { useCertificateDraft } from '../secret-form/certificate-draft'
import { CertificateFactsView } from '../secret-form/certificate-facts'
import { CertificateFields } from '../secret-form/certificate-fields'
import { ExpirationField } from '../secret-form/expiration-field'
import { KvEditor } from '../secret-form/kv-editor'
import { nameHolder } from '../secret-form/name-holder'
import { NameTakenOffer } from '../secret-form/name-taken-offer'
import { NotesField } from '../secret-form/notes-field'
import { SecretNameField } from '../secret-form/secret-name-field'
import { TagsField } from '../secret-form/tags-field'
import { KEEP_HINT, TypedFields } from '../secret-form/typed-fields'
import type { FieldErrors } from '../ui/field-errors'
import type { EditDraft } from './edit-model'

export interface EditFieldsProps {
  details: SecretDetails
  draft: EditDraft
  errors: FieldErrors
  secrets: readonly SecretSummary[]
  change: (next: Partial<EditDraft>, fields: string[]) => void
  setError: (field: string, message: string) => void
  certificate: ReturnType<typeof useCertificateDraft>
}

export function EditFields(props: EditFieldsProps): ReactNode {
  const { details, draft, errors, change } = props
  const holder = errors['name']
    ? nameHolder(draft.name, details.scope, props.secrets, details.id)
    : undefined
  return (
    <>
      <SecretNameField
        value={draft.name}
        error={errors['name']}
        onChange={(name) => change({ name }, ['name'])}
        after={
          holder?.status === 'scheduled-for-deletion' ? (
            <NameTakenOffer holder={holder} onKept={(message) => props.setError('name', message)} />
          ) : undefined
        }
      />
      {details.scope === 'organization' && (
        <AvailabilityField
          value={draft.availability}
          error={errors['availability']}
          onChange={(availability) => change({ availability }, ['availability'])}
        />
      )}
      <ContentFields {...props} />
      <NotesField
        value={draft.notes}
        error={errors['notes']}
        onChange={(notes) => change({ notes }, ['notes'])}
      />
      <TagsField
        tags={draft.tags}
        text={draft.tagText}
        error={errors['tags']}
        onChange={(tags, tagText) => change({ tags, tagText }, ['tags'])}
        onProblem={(problem) => props.setError('tags', problem)}
      />
    </>
  )
}

/** The type's own fields: a certificate's files, Key/Value rows, or the typed fields. */
function ContentFields({
  details,
  draft,
  errors,
  change,
  certificate,
}: EditFieldsProps): ReactNode {
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
