/** The centre of the window for a scope: its tabs, the deletion banner, and the table. */
import { scopeTabLabel } from '../components/labels'
import { useSecretsStore } from '../store/secrets-store'
import { DeletionBanner } from './deletion-banner'
import { EmptyScope, NoMatches } from './empty-state'
import { usePaintMarks } from './paint-marks'
import { ScopeTabs } from './scope-tabs'
import { SecretsTable } from './secrets-table'
import { useVisibleSecrets } from './visible-secrets'
import './listing.css'

const numberFormat = new Intl.NumberFormat()

export function ListingView(): React.JSX.Element {
  const secrets = useSecretsStore((s) => s.secrets)
  const scope = useSecretsStore((s) => s.scope)
  const { inScope, rows } = useVisibleSecrets()
  usePaintMarks(secrets, rows)
  const label = scopeTabLabel(scope)

  const count =
    rows.length === inScope.length
      ? `${numberFormat.format(inScope.length)} ${inScope.length === 1 ? 'secret' : 'secrets'}`
      : `${numberFormat.format(rows.length)} of ${numberFormat.format(inScope.length)}`

  return (
    <div className="listing">
      <DeletionBanner />
      <ScopeTabs
        aside={
          <span className="listing__count" aria-live="polite">
            {count}
          </span>
        }
      >
        <SecretsTable
          rows={rows}
          label={`Secrets in ${label}`}
          empty={inScope.length === 0 ? <EmptyScope scopeLabel={label} /> : <NoMatches />}
        />
      </ScopeTabs>
    </div>
  )
}
