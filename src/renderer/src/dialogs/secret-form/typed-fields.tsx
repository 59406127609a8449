import type { ReactNode } from 'react'
import { TYPE_FIELDS, type CredentialType } from '../../../../shared/domain'
import { FIELD_LABELS } from '../../../../shared/secret-rules'
import { Field } from '../ui/field'
import type { FieldErrors } from '../ui/field-errors'
import { SecretInput } from '../ui/secret-input'
import type { FormMode } from './form-rules'

export const KEEP_HINT = 'Leave empty to keep the current value'

const PLACEHOLDERS: Partial<Record<string, string>> = {
  headerName: 'X-API-Key',
  clientId: 'my-service',
  url: 'https://auth.example.com/oauth/token',
}

/** A bearer token travels in the Authorization header (RFC 6750); an API key's header varies. */
function placeholderOf(type: CredentialType, key: string): string | undefined {
  if (type === 'bearer-token' && key === 'headerName') return 'Authorization'
  return PLACEHOLDERS[key]
}

const HINTS: Partial<Record<string, string>> = {
  url: 'The OAuth 2.0 token endpoint: https://, or http:// on localhost only.',
}

interface TypedFieldsProps {
  type: CredentialType
  values: Record<string, string>
  errors: FieldErrors
  mode: FormMode
  onChange: (key: string, value: string) => void
}

/** The non-secret then the secret fields of a type, in the order and words of DESIGN.md §1.1. */
export function TypedFields({ type, values, errors, mode, onChange }: TypedFieldsProps): ReactNode {
  const { plain, secret } = TYPE_FIELDS[type]
  return (
    <>
      {plain.map((key) => (
        <Field key={key} label={labelOf(key)} hint={HINTS[key]} error={errors[key]}>
          {(control) => (
            <input
              {...control}
              className="dlg-input"
              type={key === 'url' ? 'url' : 'text'}
              inputMode={key === 'url' ? 'url' : undefined}
              autoComplete="off"
              spellCheck={false}
              placeholder={placeholderOf(type, key)}
              value={values[key] ?? ''}
              onChange={(event) => onChange(key, event.target.value)}
            />
          )}
        </Field>
      ))}
      {secret.map((key) => (
        <Field
          key={key}
          label={labelOf(key)}
          hint={mode === 'edit' ? KEEP_HINT : undefined}
          error={errors[key]}
        >
          {(control) => (
            <SecretInput
              {...control}
              placeholder={mode === 'edit' ? 'Unchanged' : undefined}
              value={values[key] ?? ''}
              onChange={(value) => onChange(key, value)}
            />
          )}
        </Field>
      ))}
    </>
  )
}

function labelOf(key: string): string {
  return (FIELD_LABELS as Record<string, string>)[key] ?? key
}
