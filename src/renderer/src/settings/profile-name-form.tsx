/** Settings: the local user's name, as it appears in the audit log and the sidebar. */
import { useState, type FormEvent } from 'react'
import type { ProfileView } from '../../../shared/secret-view'
import { Button } from '../components/button'
import { api, useSecretsStore } from '../store/secrets-store'

export function ProfileNameForm({ profile }: { profile: ProfileView }): React.JSX.Element {
  const [name, setName] = useState(profile.user)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const changed = name.trim() !== profile.user && name.trim() !== ''

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    setBusy(true)
    const result = await api().profile.update({ user: name.trim() })
    setBusy(false)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setError(null)
    useSecretsStore.getState().setProfile(result.value)
    useSecretsStore.getState().toast('Name saved')
  }

  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label className="field__label" htmlFor="profile-name">
          Your name
        </label>
        <div className="settings-form__row">
          <input
            id="profile-name"
            className="input"
            value={name}
            autoComplete="name"
            aria-invalid={error !== null}
            aria-describedby={error !== null ? 'profile-name-error' : undefined}
            onChange={(event) => {
              setName(event.target.value)
              setError(null)
            }}
          />
          <Button type="submit" disabled={busy || !changed}>
            Save name
          </Button>
        </div>
        {error !== null && (
          <p id="profile-name-error" className="field__error">
            {error}
          </p>
        )}
      </div>
    </form>
  )
}
