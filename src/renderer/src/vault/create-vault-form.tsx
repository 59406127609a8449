/**
 * The welcome screen's "Create a vault": the organization's name and the user's, and how the key
 * is kept (the OS keychain, or a passphrase typed twice). Main checks every rule and names the
 * field it refuses (organization, user, protection, passphrase); the error stands beside it.
 */
import { useState, type FormEvent } from 'react'
import { Button } from '../components/button'
import { ChoiceCards } from '../dialogs/ui/choice-cards'
import { Field } from '../dialogs/ui/field'
import { FORM, routeError, without, type FieldErrors } from '../dialogs/ui/field-errors'
import { FormAlert } from '../dialogs/ui/form-alert'
import { useSecretsStore } from '../store/secrets-store'
import { repeatError, type NewPassphrase } from './new-passphrase'
import { PassphraseFields } from './passphrase-fields'
import { protectionOffer, type KeychainStatus, type Protection } from './protection-choices'
import { vaultWindow } from './vault-stores'

const FIELDS = ['organization', 'user', 'protection', 'passphrase'] as const

export function CreateVaultForm({ keychain }: { keychain: KeychainStatus }): React.JSX.Element {
  const offer = protectionOffer(keychain)
  const [organization, setOrganization] = useState('')
  const [user, setUser] = useState('')
  const [protection, setProtection] = useState<Protection>(offer.initial)
  const [secret, setSecret] = useState<NewPassphrase>({ passphrase: '', repeat: '' })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const withPassphrase = protection === 'passphrase'

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy) return
    const repeat = withPassphrase ? repeatError(secret) : undefined
    if (repeat !== undefined) return setErrors({ repeat })
    setErrors({})
    setBusy(true)
    const result = await vaultWindow.getState().create({
      organization,
      user,
      protection,
      ...(withPassphrase ? { passphrase: secret.passphrase } : {}),
    })
    if (result.ok) {
      useSecretsStore.getState().toast('Your vault is ready. You are its Account Holder.')
      return
    }
    setBusy(false)
    setErrors(routeError(result.error, FIELDS))
  }

  return (
    <form className="vault-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="vault-form__pair">
        <Field label="Organization name" error={errors['organization']}>
          {(control) => (
            <input
              {...control}
              className="dlg-input"
              value={organization}
              autoComplete="organization"
              autoFocus
              onChange={(event) => {
                setOrganization(event.target.value)
                setErrors((current) => without(current, 'organization'))
              }}
            />
          )}
        </Field>
        <Field label="Your name" error={errors['user']}>
          {(control) => (
            <input
              {...control}
              className="dlg-input"
              value={user}
              autoComplete="name"
              onChange={(event) => {
                setUser(event.target.value)
                setErrors((current) => without(current, 'user'))
              }}
            />
          )}
        </Field>
      </div>
      {offer.notice !== null && <FormAlert tone="info">{offer.notice}</FormAlert>}
      <ChoiceCards
        label="Vault key"
        value={protection}
        onChange={(next) => {
          setProtection(next)
          setErrors((current) => without(current, 'protection', 'passphrase', 'repeat'))
        }}
        choices={offer.choices}
        columns={1}
        error={errors['protection']}
      />
      {withPassphrase && (
        <PassphraseFields
          value={secret}
          onChange={(next) => {
            setSecret(next)
            setErrors((current) => without(current, 'passphrase', 'repeat'))
          }}
          errors={{ passphrase: errors['passphrase'], repeat: errors['repeat'] }}
        />
      )}
      {errors[FORM] !== undefined && <FormAlert tone="error">{errors[FORM]}</FormAlert>}
      <Button type="submit" variant="primary" className="vault-form__submit" disabled={busy}>
        {busy ? 'Creating the vault…' : 'Create vault'}
      </Button>
    </form>
  )
}
