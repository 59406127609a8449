/**
 * What a new user sees instead of rows: what a secret is and what to do first. A second variant
 * says that the search or filters hide every secret, with a way back.
 */
import { FileUp, Plus, SearchX, ShieldPlus } from 'lucide-react'
import { Button } from '../components/button'
import { useSecretsStore } from '../store/secrets-store'
import { useListingStore } from './listing-store'

export function EmptyScope({ scopeLabel }: { scopeLabel: string }): React.JSX.Element {
  const openDialog = useSecretsStore((s) => s.openDialog)
  return (
    <div className="empty-state">
      <ShieldPlus className="empty-state__icon" aria-hidden="true" />
      <h2 className="empty-state__title">No secrets in {scopeLabel} yet</h2>
      <p className="empty-state__text">
        A secret is a credential your systems use: an API key, a bearer token, OAuth client
        credentials, a client certificate or a set of key/value pairs. Safehold keeps it encrypted
        on this machine, shows you where it is used, and reminds you before it expires or is
        deleted. Once registered, its value is never shown again; you copy it or hand it to a
        program instead.
      </p>
      <div className="empty-state__actions">
        <Button variant="primary" icon={<Plus />} onClick={() => openDialog({ kind: 'register' })}>
          Register your first secret
        </Button>
        <Button icon={<FileUp />} onClick={() => openDialog({ kind: 'import-env' })}>
          Import .env
        </Button>
      </div>
    </div>
  )
}

export function NoMatches({ searching }: { searching: boolean }): React.JSX.Element {
  const clearFilters = useListingStore((s) => s.clearFilters)
  return (
    <div className="empty-state empty-state--compact">
      <SearchX className="empty-state__icon" aria-hidden="true" />
      <h2 className="empty-state__title">No secrets match</h2>
      <p className="empty-state__text">
        {searching
          ? 'Nothing in any scope matches the search and filters.'
          : 'Nothing in this scope matches the filters.'}
      </p>
      <div className="empty-state__actions">
        <Button onClick={clearFilters}>
          {searching ? 'Clear search and filters' : 'Clear filters'}
        </Button>
      </div>
    </div>
  )
}
