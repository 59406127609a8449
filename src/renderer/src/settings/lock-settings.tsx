/**
 * Settings for locking (DESIGN §4): "Lock after" N idle minutes, which main applies at once, and
 * — for a vault whose key is only in the OS keychain — adding a passphrase for unlocking, with a
 * line saying what protects the vault until then: the OS session. Typed passphrases count as
 * typed data, so Lock now asks before it throws them away.
 */
import { useEffect, useState, type FormEvent } from 'react'
import { Button } from '../components/button'
import { useDirtyForm } from '../dialogs/ui/dirty-form'
import { useSecretsStore } from '../store/secrets-store'
import { useSettingsStore } from '../store/settings-store'
import { repeatError, type NewPassphrase } from '../vault/new-passphrase'
import { PassphraseFields } from '../vault/passphrase-fields'
import { useVaultWindow, vaultWindow } from '../vault/vault-stores'
import { minutesWords, parseLockMinutes } from './lock-minutes'
import { NumberSettingForm } from './number-setting-form'

export function LockSettings(): React.JSX.Element {
  const { settings, loadError, load } = useSettingsStore()
  const vault = useVaultWindow((s) => s.state)
  useEffect(() => void load(), [load])
  return (
    <>
      {loadError !== null ? (
        <p className="field__error">{loadError}</p>
      ) : settings === null ? (
        <p className="field__hint">Loading…</p>
      ) : (
        <LockAfterForm key={settings.autoLockMinutes} minutes={settings.autoLockMinutes} />
      )}
      {vault !== null && !vault.hasPassphrase && (
        <AddPassphraseForm keychain={vault.keychain.label} />
      )}
    </>
  )
}

function LockAfterForm({ minutes }: { minutes: number }): React.JSX.Element {
  return (
    <NumberSettingForm
      id="lock-after"
      label="Lock after"
      unit="minutes"
      button="Save lock time"
      hint="Minutes without a key press or a click in this window, from 1 to 240. Safehold also locks when the computer locks its screen or goes to sleep."
      saved={minutes}
      parse={(text) => {
        const parsed = parseLockMinutes(text)
        return parsed.ok ? { ok: true, value: parsed.minutes } : parsed
      }}
      save={(value) => useSettingsStore.getState().save({ autoLockMinutes: value })}
      savedText={(value) => `Safehold locks after ${minutesWords(value)} without use.`}
    />
  )
}

function AddPassphraseForm({ keychain }: { keychain: string }): React.JSX.Element {
  const [secret, setSecret] = useState<NewPassphrase>({ passphrase: '', repeat: '' })
  const [errors, setErrors] = useState<{ passphrase?: string; repeat?: string }>({})
  const [busy, setBusy] = useState(false)
  useDirtyForm(secret.passphrase !== '' || secret.repeat !== '')

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy) return
    const repeat = repeatError(secret)
    if (repeat !== undefined) return setErrors({ repeat })
    setBusy(true)
    const result = await vaultWindow.getState().addPassphrase(secret.passphrase)
    setBusy(false)
    if (!result.ok) return setErrors({ passphrase: result.error.message })
    const { toast, refresh } = useSecretsStore.getState()
    toast('Passphrase added: Safehold asks for it whenever it starts or unlocks.')
    // The sidebar and the Vault card name what protects the key.
    await refresh()
  }

  return (
    <form
      className="settings-form vault-tokens lock-settings__passphrase"
      aria-labelledby="add-passphrase-title"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3 id="add-passphrase-title" className="lock-settings__title">
        Add a passphrase for unlocking
      </h3>
      <p className="field__hint">
        Until you do, this vault is as safe as your OS session: {keychain} hands its key to any
        program you run, so anyone at your unlocked computer can open it. With a passphrase,
        Safehold asks for it whenever it starts or unlocks; the <code>safehold</code> command still
        takes the key from the keychain.
      </p>
      <PassphraseFields
        value={secret}
        onChange={(next) => {
          setSecret(next)
          setErrors({})
        }}
        errors={errors}
      />
      <div>
        <Button type="submit" disabled={busy}>
          {busy ? 'Adding the passphrase…' : 'Add passphrase'}
        </Button>
      </div>
    </form>
  )
}
