/**
 * The first run (DESIGN §6.4): there is no vault yet. Two ways in — create one here, or open the
 * folder of an existing vault (made by `safehold init`, or copied from another computer). Nothing
 * of any vault is shown, and no environment variable is needed.
 */
import { FolderOpen, ShieldCheck } from 'lucide-react'
import { useState } from 'react'
import { Button } from '../components/button'
import { FieldError } from '../dialogs/ui/field'
import { CreateVaultForm } from './create-vault-form'
import { vaultWindow } from './vault-stores'
import type { VaultState } from './vault-window'

function OpenFolder(): React.JSX.Element {
  const [error, setError] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)

  async function open(): Promise<void> {
    setBusy(true)
    setError(undefined)
    const result = await vaultWindow.getState().openFolder()
    setBusy(false)
    // A cancelled pick changes nothing and says nothing.
    if (!result.ok) setError(result.error.message)
  }

  return (
    <section className="vault-card" aria-labelledby="welcome-open">
      <h2 id="welcome-open" className="vault-card__title">
        Already have a vault?
      </h2>
      <p id="welcome-open-hint" className="vault-card__text">
        Open the folder of a vault made by <code>safehold init</code> or copied from another
        computer. Safehold checks it first and changes nothing in it.
      </p>
      <div>
        <Button
          icon={<FolderOpen />}
          disabled={busy}
          aria-describedby={error ? 'welcome-open-error welcome-open-hint' : 'welcome-open-hint'}
          onClick={() => void open()}
        >
          Open a vault folder…
        </Button>
      </div>
      <FieldError id="welcome-open-error" message={error} />
    </section>
  )
}

export function WelcomeScreen({ state }: { state: VaultState }): React.JSX.Element {
  return (
    <main className="vault-screen vault-screen--welcome">
      <div className="welcome">
        <div className="welcome__intro">
          <ShieldCheck className="vault-screen__mark" aria-hidden />
          <h1 className="vault-screen__title">Welcome to Safehold</h1>
          <p className="vault-screen__lead">
            Safehold keeps the credentials your systems use encrypted on this computer, and reminds
            you before anything expires or is deleted. Start with a vault.
          </p>
          <OpenFolder />
        </div>
        <section className="vault-card" aria-labelledby="welcome-create">
          <h2 id="welcome-create" className="vault-card__title">
            Create a vault
          </h2>
          <p className="vault-card__text">
            In <span className="mono vault-screen__path">{state.vaultDir}</span>. You become its
            Account Holder.
          </p>
          <CreateVaultForm keychain={state.keychain} />
        </section>
      </div>
    </main>
  )
}
