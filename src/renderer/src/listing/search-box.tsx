/**
 * The top bar's "Search secrets": as the user types, the listing shows the hits of every scope in
 * every non-secret field (visible-secrets.ts); emptying it returns to the sidebar's scope.
 */
import { Search, X } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { useSecretsStore } from '../store/secrets-store'
import { useListingStore } from './listing-store'
import { markSearchInput } from './paint-marks'
import { MAX_QUERY_LENGTH } from './search-index'

export function SearchBox(): React.JSX.Element {
  const query = useListingStore((s) => s.query)
  const setQuery = useListingStore((s) => s.setQuery)
  const inputRef = useRef<HTMLInputElement>(null)

  // Ctrl/Cmd+F and "/" jump to the search, as in most admin tools.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      const target = event.target as HTMLElement | null
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]')
      const find = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f'
      if (find || (event.key === '/' && !typing)) {
        // Radix dialogs carry role="dialog" (not aria-modal): an open one keeps its keys.
        if (document.querySelector('[role="dialog"]')) return
        event.preventDefault()
        inputRef.current?.focus()
        inputRef.current?.select()
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])

  function change(value: string): void {
    markSearchInput()
    setQuery(value)
    const { view, setView } = useSecretsStore.getState()
    if (view !== 'secrets') setView('secrets')
  }

  return (
    <div className="search-box">
      <Search className="search-box__icon" aria-hidden="true" />
      <input
        ref={inputRef}
        type="search"
        className="input search-box__input"
        aria-label="Search secrets"
        placeholder="Search secrets"
        value={query}
        maxLength={MAX_QUERY_LENGTH}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => change(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query !== '') {
            event.stopPropagation()
            change('')
          }
        }}
      />
      {query !== '' && (
        <button
          type="button"
          className="search-box__clear"
          aria-label="Clear search"
          onClick={() => {
            change('')
            inputRef.current?.focus()
          }}
        >
          <X aria-hidden="true" />
        </button>
      )}
      <kbd className="search-box__hint" aria-hidden="true">
        /
      </kbd>
    </div>
  )
}
