import { useId, type ReactNode } from 'react'
import { CircleAlert } from 'lucide-react'

/** What a field's control needs to be named and described by its label, hint and error. */
export interface FieldControl {
  id: string
  'aria-describedby': string | undefined
  'aria-invalid': boolean | undefined
}

interface FieldProps {
  /** The accessible name, exactly as DESIGN.md §1.1 spells it. */
  label: string
  hint?: string | undefined
  error?: string | undefined
  /** Shown beside the label, outside it, so the accessible name stays exact. */
  optional?: boolean
  /** Extra content under the control (e.g. a "Cancel deletion" offer beside a name error). */
  after?: ReactNode
  children: (control: FieldControl) => ReactNode
}

/** A label, its control, a hint and the error that belongs to it. */
export function Field({ label, hint, error, optional, after, children }: FieldProps): ReactNode {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ')
  return (
    <div className="dlg-field" data-invalid={error ? '' : undefined}>
      <div className="dlg-label-row">
        <label htmlFor={id} className="dlg-label">
          {label}
        </label>
        {optional && <span className="dlg-optional">Optional</span>}
      </div>
      {children({
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {hint && (
        <p id={hintId} className="dlg-hint">
          {hint}
        </p>
      )}
      <FieldError id={errorId} message={error} />
      {after}
    </div>
  )
}

export function FieldError({
  id,
  message,
}: {
  id?: string
  message?: string | undefined
}): ReactNode {
  if (!message) return null
  return (
    <p id={id} className="dlg-error">
      <CircleAlert aria-hidden size={14} />
      <span>{message}</span>
    </p>
  )
}
