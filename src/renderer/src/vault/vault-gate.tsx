/**
 * The window follows the vault (DESIGN §6.4): no vault → the welcome screen, locked → the unlock
 * screen, open → the app. Nothing of the vault is rendered before it is open. Main decides every
 * change; the window asks where the vault stands every couple of seconds, when it gains focus,
 * and at once when a call is refused as locked (vault-stores.ts).
 */
import { ShieldAlert } from 'lucide-react'
import { useEffect } from 'react'
import { App } from '../app'
import { LockQuestion, useLockShortcut } from './lock-now'
import { UnlockScreen } from './unlock-screen'
import { useActivity } from './use-activity'
import { useVaultWindow, vaultWindow } from './vault-stores'
import { WelcomeScreen } from './welcome-screen'
import './vault-screens.css'

/** How often the window asks main whether the vault is still open. */
export const CHECK_EVERY_MS = 2_000

function useVaultChecks(): void {
  useEffect(() => {
    const check = (): void => void vaultWindow.getState().check()
    check()
    const timer = window.setInterval(check, CHECK_EVERY_MS)
    window.addEventListener('focus', check)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('focus', check)
    }
  }, [])
}

/** The app over an open vault, with what only an open vault has: Lock now and the idle touch. */
function OpenVault(): React.JSX.Element {
  useLockShortcut()
  useActivity()
  return (
    <>
      <App />
      <LockQuestion />
    </>
  )
}

export function VaultGate(): React.JSX.Element {
  useVaultChecks()
  const state = useVaultWindow((s) => s.state)
  const unreachable = useVaultWindow((s) => s.unreachable)

  if (state === null) {
    if (unreachable === null) return <p className="centre-message">Opening Safehold…</p>
    return (
      <main className="vault-screen">
        <div className="vault-screen__panel" role="alert">
          <ShieldAlert className="vault-screen__mark vault-screen__mark--danger" aria-hidden />
          <h1 className="vault-screen__title">Safehold cannot reach its vault</h1>
          <p className="vault-screen__lead">{unreachable}</p>
        </div>
      </main>
    )
  }
  switch (state.phase) {
    case 'no-vault':
      return <WelcomeScreen state={state} />
    case 'locked':
      return <UnlockScreen state={state} />
    case 'open':
      return <OpenVault />
  }
}
