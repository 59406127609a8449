import type { ReactNode } from 'react'
import { Field } from '../ui/field'
import { todayUtc } from '../ui/format'

interface ExpirationFieldProps {
  value: string
  error?: string | undefined
  onChange: (value: string) => void
}

/** "Expiration date": optional, a calendar day that ends in UTC (src/shared/secret-rules.ts). */
export function ExpirationField({ value, error, onChange }: ExpirationFieldProps): ReactNode {
  return (
    <Field
      label="Expiration date"
      optional
      hint="Safehold reminds you 30, 7 and 1 days before. The day ends at midnight UTC."
      error={error}
    >
      {(control) => (
        <input
          {...control}
          className="dlg-input dlg-input--date"
          type="date"
          min={todayUtc()}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}
