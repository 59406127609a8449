/** "Where it is used": each consumer with its first and last use and count, searchable (§3). */
import { Search } from 'lucide-react'
import { useState } from 'react'
import type { UsageView } from '../../../shared/secret-view'
import { formatDateTime } from '../components/dates'

export function UsagesSection({ usages }: { usages: readonly UsageView[] }): React.JSX.Element {
  const [query, setQuery] = useState('')
  const needle = query.trim().toLowerCase()
  const shown = usages
    .filter((usage) => usage.consumer.toLowerCase().includes(needle))
    .sort((a, b) => Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt))

  if (usages.length === 0) {
    return (
      <p className="section-empty">
        Not used yet. Uses by the <code>safehold</code> command, by a Spot, by Copy and by
        connection tests appear here.
      </p>
    )
  }

  return (
    <>
      <div className="section-search">
        <Search aria-hidden="true" className="section-search__icon" />
        <input
          type="search"
          className="input section-search__input"
          aria-label="Search where it is used"
          placeholder="Search consumers"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {shown.length === 0 ? (
        <p className="section-empty">No consumer matches “{query}”.</p>
      ) : (
        <ul className="usage-list" aria-label="Where it is used">
          {shown.map((usage) => (
            <li key={usage.consumer} className="usage">
              <span className="usage__consumer mono">{usage.consumer}</span>
              <span className="usage__count">
                {usage.count.toLocaleString()} {usage.count === 1 ? 'use' : 'uses'}
              </span>
              <span className="usage__dates">
                First <time dateTime={usage.firstUsedAt}>{formatDateTime(usage.firstUsedAt)}</time>
                {' · '}
                Last <time dateTime={usage.lastUsedAt}>{formatDateTime(usage.lastUsedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
