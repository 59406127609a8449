/**
 * The previous value (DESIGN §1.1): what an edit replaced, kept 30 days and write-only like every
 * value, so only its fingerprint and dates are shown; "Restore previous value" opens a short
 * confirmation. Organization secrets are restored by an Account Holder or Manager only: the
 * renderer explains that, main enforces it.
 */
import { History } from 'lucide-react'
import type { SecretDetails } from '../../../shared/secret-view'
import { Button } from '../components/button'
import { useSecretsStore } from '../store/secrets-store'
import { Fact, VALUE_FINGERPRINT_LABEL, When } from './details-facts'

export function PreviousValue({
  secret,
  now,
}: {
  secret: SecretDetails
  now: number
}): React.JSX.Element | null {
  const role = useSecretsStore((s) => s.profile?.role)
  const openDialog = useSecretsStore((s) => s.openDialog)
  const previous = secret.previous
  if (previous === null) return null
  const forbidden = secret.scope === 'organization' && role === 'member'
  return (
    <section className="previous-value" aria-labelledby="previous-value-title">
      <h4 id="previous-value-title" className="previous-value__title">
        Previous value
      </h4>
      <dl className="facts">
        <Fact term={VALUE_FINGERPRINT_LABEL}>
          <span className="mono fingerprint">{previous.fingerprint}</span>
        </Fact>
        <Fact term="Replaced on">
          <When iso={previous.replacedAt} now={now} />
        </Fact>
        <Fact term="Purged on">
          <When iso={previous.purgesAt} now={now} />
        </Fact>
      </dl>
      <p className="drawer__note">
        An edit replaced it; it is kept 30 days, never shown, then purged. Restoring it swaps it
        with the current value, so a restore can itself be undone.
      </p>
      <div>
        <Button
          icon={<History />}
          disabled={forbidden}
          aria-describedby={forbidden ? 'previous-value-forbidden' : undefined}
          onClick={() => openDialog({ kind: 'restore-previous', id: secret.id })}
        >
          Restore previous value
        </Button>
      </div>
      {forbidden && (
        <p id="previous-value-forbidden" className="drawer__note">
          Only an Account Holder or Account Manager can restore the value of an organization secret;
          you are a Member.
        </p>
      )}
    </section>
  )
}
