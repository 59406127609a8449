/**
 * The centre of the window for the secrets: the deletion banner, a heading that says what is
 * listed (the scope the sidebar chose, or search results from every scope), and the table.
 */
import { scopeTabLabel } from '../components/labels'
import { useSecretsStore } from '../store/secrets-store'
import { DeletionBanner } from './deletion-banner'
import { EmptyScope, NoMatches } from './empty-state'
import { usePaintMarks } from './paint-marks'
import { SecretsTable } from './secrets-table'
import { useVisibleSecrets } from './visible-secrets'
import './listing.css'

const numberFormat = new Intl.NumberFormat()

function countText(shown: number, of: number, searching: boolean): string {
  const noun = (n: number): string => (n === 1 ? 'secret' : 'secrets')
  if (searching) return `${numberFormat.format(shown)} ${noun(shown)} found`
  if (shown === of) return `${numberFormat.format(of)} ${noun(of)}`
  return `${numberFormat.format(shown)} of ${numberFormat.format(of)}`
}

export function ListingView(): React.JSX.Element {
  const secrets = useSecretsStore((s) => s.secrets)
  const scope = useSecretsStore((s) => s.scope)
  const { searching, needle, pool, rows } = useVisibleSecrets()
  usePaintMarks(secrets, rows)
  const label = scopeTabLabel(scope)
  const context = searching ? 'search' : scope.kind === 'organization' ? 'organization' : 'scope'

  return (
    <div className="listing">
      <DeletionBanner />
      <header className="listing__header">
        <h1 className="listing__title">{searching ? 'Search results' : label}</h1>
        {searching && <span className="listing__where">in every scope</span>}
        <span className="listing__count" aria-live="polite">
          {countText(rows.length, pool.length, searching)}
        </span>
      </header>
      <SecretsTable
        rows={rows}
        label={searching ? 'Search results in every scope' : `Secrets in ${label}`}
        context={context}
        needle={needle}
        empty={
          !searching && pool.length === 0 ? (
            <EmptyScope scopeLabel={label} />
          ) : (
            <NoMatches searching={searching} />
          )
        }
      />
    </div>
  )
}
