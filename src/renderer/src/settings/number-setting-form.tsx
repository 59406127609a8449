/**
 * A setting that is one whole number in a range (Lock after N minutes, keep the audit log N days):
 * the field, its unit, a Save button enabled by a change, the error beside the field and a hint.
 * The number is checked here against the range main enforces before anything is sent.
 */
import { useState, type FormEvent } from 'react'
import { Button } from '../components/button'
import { useSecretsStore } from '../store/secrets-store'
import type { ParsedNumber } from './whole-number'

interface NumberSettingFormProps {
  id: string
  label: string
  unit: string
  hint: string
  button: string
  saved: number
  parse: (text: string) => ParsedNumber
  /** Sends the value to main; resolves with an error message, or null once saved. */
  save: (value: number) => Promise<string | null>
  /** What the toast says once it is saved. */
  savedText: (value: number) => string
}

export function NumberSettingForm(props: NumberSettingFormProps): React.JSX.Element {
  const { id, saved } = props
  const [text, setText] = useState(String(saved))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    const parsed = props.parse(text)
    if (!parsed.ok) return setError(parsed.error)
    setBusy(true)
    const failure = await props.save(parsed.value)
    setBusy(false)
    if (failure !== null) return setError(failure)
    setError(null)
    useSecretsStore.getState().toast(props.savedText(parsed.value))
  }

  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {props.label}
        </label>
        <div className="settings-form__row">
          <input
            id={id}
            className="input"
            value={text}
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={`${error !== null ? `${id}-error ` : ''}${id}-hint`}
            onChange={(event) => {
              setText(event.target.value)
              setError(null)
            }}
          />
          <span className="settings-form__unit" aria-hidden="true">
            {props.unit}
          </span>
          <Button type="submit" disabled={busy || text.trim() === String(saved)}>
            {props.button}
          </Button>
        </div>
        {error !== null && (
          <p id={`${id}-error`} className="field__error">
            {error}
          </p>
        )}
        <p id={`${id}-hint`} className="field__hint">
          {props.hint}
        </p>
      </div>
    </form>
  )
}
