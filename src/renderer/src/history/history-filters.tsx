/**
 * History's filters, the same as `safehold audit`'s: a secret's name, an action, a first day and a
 * scope. Each is a labelled native control (a search box, two selects, a date input), and main
 * applies them. The action select offers the actions the log holds, in words; the scope select,
 * the vault's scopes by name.
 */
import { FilterX } from 'lucide-react'
import { useMemo } from 'react'
import { Button } from '../components/button'
import { actionLabel } from '../details/history-words'
import { useSecretsStore } from '../store/secrets-store'
import { isFiltered } from './history-query'
import { useHistoryStore } from './history-store'

export function HistoryFilters(): React.JSX.Element {
  const filters = useHistoryStore((s) => s.filters)
  const actions = useHistoryStore((s) => s.page?.actions)
  const setFilter = useHistoryStore((s) => s.setFilter)
  const clearFilters = useHistoryStore((s) => s.clearFilters)
  const workspaces = useSecretsStore((s) => s.profile?.workspaces)
  const actionOptions = useMemo(() => {
    const known = new Set(actions ?? [])
    // A chosen action stays on offer even when the log no longer holds it.
    if (filters.action !== '') known.add(filters.action)
    return [...known]
      .map((action) => ({ action, label: actionLabel(action) }))
      .sort((a, b) => a.label.localeCompare(b.label))
  }, [actions, filters.action])

  return (
    <form
      className="history-filters"
      role="search"
      aria-label="Filter history"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="field history-filters__name">
        <label className="field__label" htmlFor="history-secret">
          Secret name
        </label>
        <input
          id="history-secret"
          className="input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          maxLength={128}
          placeholder="Any secret"
          value={filters.secret}
          onChange={(event) => setFilter('secret', event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="history-action">
          Action
        </label>
        <select
          id="history-action"
          className="input"
          value={filters.action}
          onChange={(event) => setFilter('action', event.target.value)}
        >
          <option value="">Every action</option>
          {actionOptions.map(({ action, label }) => (
            <option key={action} value={action}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="history-since">
          Since
        </label>
        <input
          id="history-since"
          className="input"
          type="date"
          value={filters.since}
          onChange={(event) => setFilter('since', event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="history-scope">
          Scope
        </label>
        <select
          id="history-scope"
          className="input"
          value={filters.scope}
          onChange={(event) => setFilter('scope', event.target.value)}
        >
          <option value="">Every scope</option>
          <option value="organization">Organization</option>
          {(workspaces ?? []).map((workspace) => (
            <option key={workspace} value={`workspace:${workspace}`}>
              Workspace {workspace}
            </option>
          ))}
          <option value="personal">Personal</option>
        </select>
      </div>
      {isFiltered(filters) && (
        <Button className="history-filters__clear" icon={<FilterX />} onClick={clearFilters}>
          Clear filters
        </Button>
      )}
    </form>
  )
}
