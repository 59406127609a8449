/**
 * A new passphrase, typed twice (the welcome screen, Settings): masked, each with its own show
 * toggle. What the two must be is in new-passphrase.ts.
 */
import { Field } from '../dialogs/ui/field'
import { SecretInput } from '../dialogs/ui/secret-input'
import type { NewPassphrase } from './new-passphrase'

interface PassphraseFieldsProps {
  value: NewPassphrase
  onChange: (value: NewPassphrase) => void
  errors: { passphrase?: string | undefined; repeat?: string | undefined }
}

export function PassphraseFields({
  value,
  onChange,
  errors,
}: PassphraseFieldsProps): React.JSX.Element {
  return (
    <>
      <Field
        label="Passphrase"
        hint="At least 8 characters. Nobody can recover it for you: keep it somewhere safe."
        error={errors.passphrase}
      >
        {(control) => (
          <SecretInput
            {...control}
            value={value.passphrase}
            onChange={(passphrase) => onChange({ ...value, passphrase })}
          />
        )}
      </Field>
      <Field label="Repeat passphrase" error={errors.repeat}>
        {(control) => (
          <SecretInput
            {...control}
            value={value.repeat}
            onChange={(repeat) => onChange({ ...value, repeat })}
          />
        )}
      </Field>
    </>
  )
}
