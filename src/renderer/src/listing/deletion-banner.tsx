/**
 * The warning above the listing while any secret of the vault is due for deletion within 15 days
 * (overdue ones included). "Review" opens Upcoming showing exactly the deletions counted here.
 */
import { TriangleAlert } from 'lucide-react'
import { memo, useMemo } from 'react'
import { formatDate, relativeDays } from '../components/dates'
import { Button } from '../components/button'
import { scopeStringLabel } from '../components/labels'
import { useNow } from '../components/use-now'
import { useSecretsStore } from '../store/secrets-store'
import { BANNER_DAYS, deletionsWithin, vaultTimeline } from './vault-timeline'

// Memoised: the listing re-renders on every keystroke in the search box; the banner need not.
export const DeletionBanner = memo(function DeletionBanner(): React.JSX.Element | null {
  const secrets = useSecretsStore((s) => s.secrets)
  const showUpcoming = useSecretsStore((s) => s.showUpcoming)
  const now = useNow()
  const deletions = useMemo(
    () => deletionsWithin(vaultTimeline(secrets, now), BANNER_DAYS, now),
    [secrets, now],
  )
  const first = deletions[0]
  if (!first) return null

  const message =
    deletions.length === 1
      ? `${first.secret.name} (${scopeStringLabel(first.secret.scope)}) will be deleted ${relativeDays(first.at, now)}, on ${formatDate(first.at)}.`
      : `${deletions.length} secrets will be deleted within ${BANNER_DAYS} days; the first, ${first.secret.name}, ${relativeDays(first.at, now)}.`

  return (
    <section className="banner banner--warning" aria-label={`Deletions within ${BANNER_DAYS} days`}>
      <TriangleAlert className="banner__icon" aria-hidden="true" />
      <p className="banner__text">{message} Using a secret or cancelling its deletion keeps it.</p>
      <Button size="sm" onClick={() => showUpcoming('deletions-within-15-days')}>
        Review
      </Button>
    </section>
  )
})
