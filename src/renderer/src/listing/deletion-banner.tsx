/** The warning above the listing while any secret of the vault is due for deletion within 15 days. */
import { TriangleAlert } from 'lucide-react'
import { formatDate, relativeDays } from '../components/dates'
import { Button } from '../components/button'
import { scopeStringLabel } from '../components/labels'
import { useNow } from '../components/use-now'
import { useSecretsStore } from '../store/secrets-store'
import { deletionsWithin, upcomingEvents } from './upcoming-events'

export function DeletionBanner(): React.JSX.Element | null {
  const secrets = useSecretsStore((s) => s.secrets)
  const setView = useSecretsStore((s) => s.setView)
  const now = useNow()
  const deletions = deletionsWithin(upcomingEvents(secrets, now), 15, now)
  const first = deletions[0]
  if (!first) return null

  const message =
    deletions.length === 1
      ? `${first.secret.name} (${scopeStringLabel(first.secret.scope)}) will be deleted ${relativeDays(first.at, now)}, on ${formatDate(first.at)}.`
      : `${deletions.length} secrets will be deleted within 15 days; the first, ${first.secret.name}, ${relativeDays(first.at, now)}.`

  return (
    <section className="banner banner--warning" aria-label="Deletions within 15 days">
      <TriangleAlert className="banner__icon" aria-hidden="true" />
      <p className="banner__text">{message} Using a secret or cancelling its deletion keeps it.</p>
      <Button size="sm" onClick={() => setView('upcoming')}>
        Review
      </Button>
    </section>
  )
}
