import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { Eye, EyeOff } from 'lucide-react'

interface SecretInputProps {
  id?: string
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  placeholder?: string | undefined
  'aria-label'?: string
  'aria-describedby'?: string | undefined
  'aria-invalid'?: boolean | undefined
}

/**
 * A write-only value while it is typed (DESIGN.md §1.3): masked by default, with a show/hide
 * toggle. The input is uncontrolled on purpose: React mirrors a controlled input's value into the
 * `value` attribute, where CSS selectors and DOM dumps could read it; here it lives only in the
 * element's property and the form's state, and goes with them when the dialog closes.
 */
export function SecretInput({ value, onChange, onBlur, ...props }: SecretInputProps): ReactNode {
  const input = useRef<HTMLInputElement>(null)
  const [visible, setVisible] = useState(false)
  useLayoutEffect(() => {
    if (input.current && input.current.value !== value) input.current.value = value
  }, [value])
  return (
    <div className="dlg-secret">
      <input
        {...props}
        ref={input}
        className="dlg-input"
        type={visible ? 'text' : 'password'}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
      <button
        type="button"
        className="dlg-icon-button"
        aria-label="Show"
        aria-pressed={visible}
        title={visible ? 'Hide' : 'Show'}
        onClick={() => setVisible((shown) => !shown)}
      >
        {visible ? <EyeOff aria-hidden size={16} /> : <Eye aria-hidden size={16} />}
      </button>
    </div>
  )
}
