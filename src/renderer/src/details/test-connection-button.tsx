/**
 * "Test connection" in the details (DESIGN §6.3, §6.4), shown only for a secret that can be
 * tested. Client credentials are tested at once against their own token endpoint; the others open
 * a dialog that asks for the address. Each test is a use by connection-test, done in main.
 */
import { LoaderCircle, PlugZap } from 'lucide-react'
import type { ReactNode } from 'react'
import type { SecretDetails } from '../../../shared/secret-view'
import { Button } from '../components/button'
import { canTestConnection, needsAddress, useConnectionTests } from '../store/connection-tests'
import { useSecretsStore } from '../store/secrets-store'
import { ConnectionResult } from './connection-result'

/** The Spot a secret is reserved for: a connection test would be refused (DESIGN §3). */
export function reservedSpot(secret: SecretDetails): string | null {
  return secret.availability?.startsWith('spot:') ? secret.availability.slice(5) : null
}

export function TestConnectionButton({ secret }: { secret: SecretDetails }): ReactNode {
  const openDialog = useSecretsStore((s) => s.openDialog)
  const running = useConnectionTests((s) => s.running[secret.id] === true)
  if (!canTestConnection(secret)) return null
  const spot = reservedSpot(secret)

  async function testNow(): Promise<void> {
    const answer = await useConnectionTests.getState().test(secret.id, {})
    if (!answer.ok) useSecretsStore.getState().toast(answer.error.message, 'error')
  }

  return (
    <Button
      icon={running ? <LoaderCircle className="dlg-spin" /> : <PlugZap />}
      disabled={running || spot !== null}
      title={
        spot !== null
          ? `Only the Spot ${spot} may use this secret; a connection test would be refused`
          : needsAddress(secret.type)
            ? 'Test the credential against an address you give'
            : 'Ask the token endpoint for a token; the token is not shown'
      }
      onClick={() =>
        needsAddress(secret.type)
          ? openDialog({ kind: 'test-connection', id: secret.id })
          : void testNow()
      }
    >
      Test connection
    </Button>
  )
}

/** The secret's last test result, under the drawer's buttons. */
export function LastConnectionResult({ id }: { id: string }): ReactNode {
  const result = useConnectionTests((s) => s.results[id])
  return result ? <ConnectionResult result={result} /> : null
}
