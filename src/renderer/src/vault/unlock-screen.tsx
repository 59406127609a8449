/**
 * The unlock screen (DESIGN §6.3, §6.4): the vault's folder, and "Unlock" — with the "Passphrase"
 * field for a passphrase vault; alone for a keychain-only vault, saying what protects it, or
 * asking the OS to confirm the user (Touch ID). A wrong passphrase is said beside the field; after
 * five, main makes each try wait, and the screen counts the wait down with Unlock unavailable.
 * Nothing of the vault but its folder is shown.
 */
import { LockKeyhole } from 'lucide-react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Button } from '../components/button'
import { Field } from '../dialogs/ui/field'
import { FormAlert } from '../dialogs/ui/form-alert'
import { SecretInput } from '../dialogs/ui/secret-input'
import { secondsLeft, waitMessage } from './unlock-wait'
import { vaultWindow } from './vault-stores'
import type { VaultState } from './vault-window'

const LOCKED_BY: Record<NonNullable<VaultState['lockedBy']>, string> = {
  user: 'You locked it. Unlock to go on.',
  idle: 'It locked itself after a while without use.',
  system: 'It locked when the computer locked its screen or went to sleep.',
}

/** Seconds until the next try is taken, counted down from main's retryAfterMs. */
function useWait(state: VaultState): number {
  const [left, setLeft] = useState(0)
  useEffect(() => {
    // Main's word is the last: no wait left there is none here either.
    if (state.retryAfterMs <= 0) return setLeft(0)
    const until = Date.now() + state.retryAfterMs
    const tick = (): void => {
      const seconds = secondsLeft(until, Date.now())
      setLeft(seconds)
      if (seconds === 0) window.clearInterval(timer)
    }
    const timer = window.setInterval(tick, 250)
    tick()
    return () => window.clearInterval(timer)
  }, [state])
  return left
}

function howItUnlocks(state: VaultState): string | null {
  switch (state.unlockWith) {
    case 'keychain':
      return `This vault's key is in ${state.keychain.label}, which opens for anyone signed in to this computer as you. To require a passphrase, add one in Settings.`
    case 'os-verification':
      return 'Your computer asks you to confirm it is you (Touch ID) before Safehold unlocks.'
    default:
      return null
  }
}

export function UnlockScreen({ state }: { state: VaultState }): React.JSX.Element {
  const withPassphrase = state.unlockWith === 'passphrase' || state.unlockWith === null
  const [passphrase, setPassphrase] = useState('')
  const [error, setError] = useState<{ message: string; field: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const wait = useWait(state)
  const explanation = howItUnlocks(state)
  const focusField = (): void => form.current?.querySelector<HTMLInputElement>('input')?.focus()
  useEffect(focusField, [])

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (busy || wait > 0) return
    setBusy(true)
    setError(null)
    const result = await vaultWindow.getState().unlock(withPassphrase ? { passphrase } : {})
    if (result.ok) return
    setBusy(false)
    const { code, message } = result.error
    // The wait is counted down beside the field instead.
    if (code !== 'TOO_MANY_ATTEMPTS') {
      setError({ message, field: withPassphrase && result.error.field === 'passphrase' })
    }
    if (code === 'WRONG_PASSPHRASE') {
      setPassphrase('')
      focusField()
    }
  }

  const besideField = wait > 0 ? waitMessage(wait) : error?.field ? error.message : undefined
  return (
    <main className="vault-screen vault-screen--unlock">
      <div className="vault-screen__panel">
        <LockKeyhole className="vault-screen__mark" aria-hidden />
        <h1 className="vault-screen__title">Safehold is locked</h1>
        <p className="vault-screen__lead">
          {state.lockedBy === null ? 'Unlock to open the vault.' : LOCKED_BY[state.lockedBy]}
        </p>
        <form
          ref={form}
          className="vault-card vault-form"
          onSubmit={(event) => void submit(event)}
          noValidate
        >
          <dl className="vault-facts">
            <dt>Vault folder</dt>
            <dd className="mono vault-screen__path">{state.vaultDir}</dd>
          </dl>
          {explanation !== null && <p className="vault-card__text">{explanation}</p>}
          {withPassphrase && (
            <Field label="Passphrase" error={besideField}>
              {(control) => (
                <SecretInput
                  {...control}
                  value={passphrase}
                  onChange={(next) => {
                    setPassphrase(next)
                    if (error?.field) setError(null)
                  }}
                />
              )}
            </Field>
          )}
          {!withPassphrase && wait > 0 && <p className="dlg-error">{waitMessage(wait)}</p>}
          {error !== null && !error.field && <FormAlert tone="error">{error.message}</FormAlert>}
          <Button
            type="submit"
            variant="primary"
            className="vault-form__submit"
            disabled={busy || wait > 0}
          >
            Unlock
          </Button>
          <p className="vault-card__status" role="status">
            {busy ? 'Unlocking…' : ''}
          </p>
        </form>
      </div>
    </main>
  )
}
