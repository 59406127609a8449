import { useId, useMemo, useState, type ReactNode } from 'react'
import { Search } from 'lucide-react'
import type { UsageView } from '../../../../shared/secret-view'
import { consumerText, formatDateTime, plural } from './format'

/** "Where it is used" (DESIGN.md §3): every consumer with first use, last use and count, searchable. */
export function UsagesList({ usages }: { usages: readonly UsageView[] }): ReactNode {
  const id = useId()
  const [query, setQuery] = useState('')
  const shown = useMemo(() => {
    const wanted = query.trim().toLowerCase()
    const sorted = [...usages].sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt))
    if (!wanted) return sorted
    return sorted.filter(
      (usage) =>
        usage.consumer.toLowerCase().includes(wanted) ||
        consumerText(usage.consumer).toLowerCase().includes(wanted),
    )
  }, [usages, query])
  return (
    <section className="dlg-section" aria-labelledby={`${id}-title`}>
      <div className="dlg-section-head">
        <h3 id={`${id}-title`} className="dlg-section-title">
          Where it is used
        </h3>
        <span className="dlg-count">{plural(usages.length, 'consumer')}</span>
      </div>
      {usages.length === 0 ? (
        <p className="dlg-empty">
          Not used yet: no program, Spot or connection test has read this secret.
        </p>
      ) : (
        <>
          <div className="dlg-search">
            <Search aria-hidden size={15} />
            <input
              type="search"
              className="dlg-input"
              aria-label="Search usages"
              placeholder="Search usages"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => {
                // Enter here filters; it must not submit the dialog's form.
                if (event.key === 'Enter') event.preventDefault()
              }}
            />
          </div>
          <ul className="dlg-usages" aria-label="Where it is used">
            {shown.map((usage) => (
              <li key={usage.consumer} className="dlg-usage">
                <span className="dlg-usage-name">{consumerText(usage.consumer)}</span>
                <span className="dlg-usage-meta">
                  {plural(usage.count, 'use')} · last {formatDateTime(usage.lastUsedAt)} · first{' '}
                  {formatDateTime(usage.firstUsedAt)}
                </span>
              </li>
            ))}
          </ul>
          {shown.length === 0 && <p className="dlg-empty">No consumer matches “{query}”.</p>}
        </>
      )}
    </section>
  )
}
