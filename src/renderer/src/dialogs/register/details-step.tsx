import type { ReactNode } from 'react'
import { FileUp, PencilLine } from 'lucide-react'
import type { CertificateDraft } from '../secret-form/certificate-draft'
import { CertificateFields } from '../secret-form/certificate-fields'
import { ExpirationField } from '../secret-form/expiration-field'
import { KvEditor } from '../secret-form/kv-editor'
import { KvFileZone } from '../secret-form/kv-file-zone'
import { NotesField } from '../secret-form/notes-field'
import { SecretNameField } from '../secret-form/secret-name-field'
import { TagsField } from '../secret-form/tags-field'
import { TypedFields } from '../secret-form/typed-fields'
import { ChoiceCards } from '../ui/choice-cards'
import type { FieldErrors } from '../ui/field-errors'
import type { WizardDraft } from './wizard-model'

interface DetailsStepProps {
  draft: WizardDraft
  errors: FieldErrors
  certificate: CertificateDraft
  onChange: (change: Partial<WizardDraft>, fields?: string[]) => void
  /** An error found as the user types (a tag the rule refuses), shown beside its field. */
  onFieldError: (field: string, message: string) => void
  /** Offered beside a name held by a secret scheduled for deletion (DESIGN.md §1.1). */
  cancelDeletionOffer?: ReactNode
}

/** Step 3: the name, the type's fields, then the optional notes and tags (DESIGN.md §1.1). */
export function DetailsStep(props: DetailsStepProps): ReactNode {
  const { draft, errors, certificate, onChange } = props
  return (
    <>
      <SecretNameField
        value={draft.name}
        error={errors['name']}
        after={props.cancelDeletionOffer}
        onChange={(name) => onChange({ name }, ['name'])}
      />
      {draft.type === 'certificate' && (
        <CertificateFields draft={certificate} errors={errors} mode="register" />
      )}
      {draft.type === 'key-value' && <KeyValueFields {...props} />}
      {draft.type !== null && draft.type !== 'certificate' && draft.type !== 'key-value' && (
        <TypedFields
          type={draft.type}
          values={draft.fields}
          errors={errors}
          mode="register"
          onChange={(key, value) => onChange({ fields: { ...draft.fields, [key]: value } }, [key])}
        />
      )}
      {draft.type !== null && draft.type !== 'certificate' && (
        <ExpirationField
          value={draft.expiresAt}
          error={errors['expiresAt']}
          onChange={(expiresAt) => onChange({ expiresAt }, ['expiresAt'])}
        />
      )}
      <NotesField
        value={draft.notes}
        error={errors['notes']}
        onChange={(notes) => onChange({ notes }, ['notes'])}
      />
      <TagsField
        tags={draft.tags}
        text={draft.tagText}
        error={errors['tags']}
        onChange={(tags, tagText) => onChange({ tags, tagText }, ['tags'])}
        onProblem={(problem) => props.onFieldError('tags', problem)}
      />
    </>
  )
}

function KeyValueFields({ draft, errors, onChange }: DetailsStepProps): ReactNode {
  const rowErrors = (): string[] => Object.keys(errors).filter((key) => key.startsWith('pair'))
  return (
    <>
      <ChoiceCards
        label="Registration method"
        value={draft.kvMethod}
        onChange={(kvMethod) => onChange({ kvMethod }, rowErrors())}
        variant="chips"
        columns={2}
        choices={[
          { value: 'manual', label: 'Manual', icon: <PencilLine size={16} /> },
          { value: 'file', label: 'File', icon: <FileUp size={16} /> },
        ]}
      />
      {draft.kvMethod === 'manual' ? (
        <KvEditor
          rows={draft.manualRows}
          errors={errors}
          onChange={(manualRows) => onChange({ manualRows }, rowErrors())}
        />
      ) : (
        <>
          <KvFileZone
            fileName={draft.kvFileName}
            rowCount={draft.fileRows.length}
            onRows={(fileRows, kvFileName) => onChange({ fileRows, kvFileName }, rowErrors())}
            onClear={() => onChange({ fileRows: [], kvFileName: null }, rowErrors())}
          />
          {draft.fileRows.length > 0 ? (
            <KvEditor
              rows={draft.fileRows}
              errors={errors}
              onChange={(fileRows) => onChange({ fileRows }, rowErrors())}
            />
          ) : (
            errors['pairs'] && <p className="dlg-error">{errors['pairs']}</p>
          )}
        </>
      )}
    </>
  )
}
