import type { ReactNode } from 'react'
import { Field } from '../ui/field'

interface SecretNameFieldProps {
  value: string
  error?: string | undefined
  /** Shown under the error (the "Cancel deletion" offer for a name a scheduled secret holds). */
  after?: ReactNode
  onChange: (name: string) => void
}

/** "Secret name", the same field at registration and at rename. */
export function SecretNameField({
  value,
  error,
  after,
  onChange,
}: SecretNameFieldProps): ReactNode {
  return (
    <Field
      label="Secret name"
      hint='3–64 characters: letters, digits, "-", "_" and ".". Unique within its scope.'
      error={error}
      after={after}
    >
      {(control) => (
        <input
          {...control}
          className="dlg-input dlg-mono"
          autoComplete="off"
          spellCheck={false}
          placeholder="payments-api-key"
          data-autofocus
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}
