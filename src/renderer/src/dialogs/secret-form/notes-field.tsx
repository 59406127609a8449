import { useId, type ReactNode } from 'react'
import { checkNotes } from '../../../../shared/secret-rules'
import { Field } from '../ui/field'
import { notesCountText } from './notes-count'

interface NotesFieldProps {
  value: string
  /** An error from a check or from main; the text's own rule is checked here as it is typed. */
  error?: string | undefined
  onChange: (notes: string) => void
}

/**
 * "Notes": free text kept as metadata, never a value (DESIGN §1.1). The count of the 4 KiB is
 * live, and so is the shared rule: a note too long, or holding a control character, says so
 * beside the field while it is typed.
 */
export function NotesField({ value, error, onChange }: NotesFieldProps): ReactNode {
  const countId = useId()
  const checked = checkNotes(value)
  const problem = error ?? ('problem' in checked ? checked.problem : undefined)
  return (
    <Field
      label="Notes"
      optional
      hint="Anything that helps: what it is for, who owns it, how to rotate it. Not a place for values: notes are shown and searched."
      error={problem}
    >
      {(control) => (
        <>
          <textarea
            {...control}
            aria-describedby={[control['aria-describedby'], countId].filter(Boolean).join(' ')}
            className="dlg-input dlg-textarea"
            rows={4}
            spellCheck
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
          <p id={countId} className="dlg-count dlg-count--field">
            {notesCountText(value)}
          </p>
        </>
      )}
    </Field>
  )
}
