/**
 * Settings for the lifecycle: how many days before an expiry reminders are sent, and — where this
 * system offers it (main reports null otherwise) — starting Safehold at login, so reminders still
 * arrive after a restart. Errors stay beside their field; a toast confirms a save.
 */
import { useEffect, useState, type FormEvent } from 'react'
import { Button } from '../components/button'
import { useSecretsStore } from '../store/secrets-store'
import { useSettingsStore, type SettingsView } from '../store/settings-store'
import { describeReminderDays, formatReminderDays, parseReminderDays } from './reminder-days'

export function ReminderSettings(): React.JSX.Element {
  const { settings, loadError, load } = useSettingsStore()
  useEffect(() => void load(), [load])
  if (loadError !== null) return <p className="field__error">{loadError}</p>
  if (settings === null) return <p className="field__hint">Loading…</p>
  return (
    <>
      <ExpiryRemindersForm key={settings.expiryReminderDays.join()} settings={settings} />
      {settings.launchAtLogin !== null && <LaunchAtLogin enabled={settings.launchAtLogin} />}
    </>
  )
}

function ExpiryRemindersForm({ settings }: { settings: SettingsView }): React.JSX.Element {
  const saved = formatReminderDays(settings.expiryReminderDays)
  const [text, setText] = useState(saved)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    const parsed = parseReminderDays(text)
    if (!parsed.ok) return setError(parsed.error)
    setBusy(true)
    const failure = await useSettingsStore.getState().save({ expiryReminderDays: parsed.days })
    setBusy(false)
    if (failure !== null) return setError(failure)
    setError(null)
    useSecretsStore
      .getState()
      .toast(`Expiry reminders: ${describeReminderDays(parsed.days)} before a secret expires.`)
  }

  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label className="field__label" htmlFor="expiry-reminders">
          Expiry reminders
        </label>
        <div className="settings-form__row">
          <input
            id="expiry-reminders"
            className="input"
            value={text}
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={`${error !== null ? 'expiry-reminders-error ' : ''}expiry-reminders-hint`}
            onChange={(event) => {
              setText(event.target.value)
              setError(null)
            }}
          />
          <Button type="submit" disabled={busy || text.trim() === saved}>
            Save reminders
          </Button>
        </div>
        {error !== null && (
          <p id="expiry-reminders-error" className="field__error">
            {error}
          </p>
        )}
        <p id="expiry-reminders-hint" className="field__hint">
          Days before a secret expires that a reminder is sent: up to 5 numbers from 1 to 365,
          separated by commas. A reminder also comes on the day it expires.
        </p>
      </div>
    </form>
  )
}

function LaunchAtLogin({ enabled }: { enabled: boolean }): React.JSX.Element {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function change(next: boolean): Promise<void> {
    setBusy(true)
    const failure = await useSettingsStore.getState().save({ launchAtLogin: next })
    setBusy(false)
    setError(failure)
    if (failure === null)
      useSecretsStore
        .getState()
        .toast(
          next
            ? 'Safehold will start when you log in.'
            : 'Safehold will no longer start when you log in.',
        )
  }

  return (
    <div className="field">
      <label className="settings-switch">
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          disabled={busy}
          aria-describedby={`${error !== null ? 'launch-at-login-error ' : ''}launch-at-login-hint`}
          onChange={(event) => void change(event.target.checked)}
        />
        <span className="field__label">Launch at login</span>
      </label>
      {error !== null && (
        <p id="launch-at-login-error" className="field__error">
          {error}
        </p>
      )}
      <p id="launch-at-login-hint" className="field__hint">
        Starts Safehold in the background when you log in, so reminders arrive even before you open
        its window.
      </p>
    </div>
  )
}
