/**
 * The quick switcher: Ctrl/Cmd+K anywhere in the window opens a dialog (Radix: modal, focus
 * trapped, Escape closes) with a search field over every secret of every scope and a listbox of
 * the best hits. The field keeps focus while ArrowUp/ArrowDown (Ctrl+Home/End) move the active option
 * (aria-activedescendant); Enter or a click opens the secret: its scope, its row selected and
 * scrolled into view, the drawer open with focus in it.
 */
import * as Dialog from '@radix-ui/react-dialog'
import { CornerDownLeft, Search, Star } from 'lucide-react'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { CREDENTIAL_TYPE_LABELS } from '../../../shared/domain'
import { scopeStringLabel } from '../components/labels'
import { TypeIcon } from '../components/type-icon'
import { useSecretsStore } from '../store/secrets-store'
import { useListingStore } from './listing-store'
import { MarkedName, MatchLine } from './match-text'
import { buildSearchIndex, findMatch, MAX_QUERY_LENGTH, normalizeQuery } from './search-index'
import { switcherResults } from './switcher-results'
import { sortSecrets } from './table-columns'
import './quick-switcher.css'

const LIST_ID = 'quick-switcher-list'
const optionId = (index: number): string => `quick-switcher-option-${index}`

export function QuickSwitcher(): React.JSX.Element {
  const [open, setOpen] = useState(false)

  useEffect(() => {
    function onKeyDown(event: globalThis.KeyboardEvent): void {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'k') {
        return
      }
      event.preventDefault()
      // Another dialog is the user's business first; the switcher does not stack on top of it.
      const dialog = document.querySelector('[role="dialog"]')
      if (dialog && !dialog.classList.contains('switcher')) return
      setOpen(true)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        {open && <SwitcherContent onClose={() => setOpen(false)} />}
      </Dialog.Portal>
    </Dialog.Root>
  )
}

function SwitcherContent({ onClose }: { onClose: () => void }): React.JSX.Element {
  const secrets = useSecretsStore((s) => s.secrets)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const chosen = useRef(false)
  const listRef = useRef<HTMLUListElement>(null)
  const needle = normalizeQuery(query)
  const byName = useMemo(() => sortSecrets(secrets, 'name', 'asc'), [secrets])
  const index = useMemo(() => buildSearchIndex(secrets), [secrets])
  const results = useMemo(() => switcherResults(byName, index, needle), [byName, index, needle])
  const shown = results.secrets
  const current = Math.min(active, Math.max(0, shown.length - 1))

  useEffect(() => {
    listRef.current?.querySelector(`#${optionId(current)}`)?.scrollIntoView({ block: 'nearest' })
  }, [current])

  function choose(id: string): void {
    chosen.current = true
    onClose()
    useListingStore.getState().showSecret(id, { focusDrawer: true })
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    const last = shown.length - 1
    const moves: Record<string, number> = {
      ArrowDown: current >= last ? 0 : current + 1,
      ArrowUp: current <= 0 ? last : current - 1,
      Home: 0,
      End: last,
    }
    const move = moves[event.key]
    if (move !== undefined && (event.key.startsWith('Arrow') || event.ctrlKey)) {
      event.preventDefault()
      setActive(Math.max(0, move))
      return
    }
    const target = shown[current]
    if (event.key === 'Enter' && target) {
      event.preventDefault()
      choose(target.id)
    }
  }

  return (
    <Dialog.Content
      className="switcher"
      aria-describedby="quick-switcher-help"
      // Once a secret is chosen, focus goes to its drawer, not back to where it was.
      onCloseAutoFocus={(event) => {
        if (chosen.current) event.preventDefault()
      }}
      // The details drawer closes on Escape too; this Escape is the switcher's alone.
      onEscapeKeyDown={(event) => event.stopPropagation()}
    >
      <Dialog.Title className="visually-hidden">Go to secret</Dialog.Title>
      <div className="switcher__field">
        <Search className="switcher__icon" aria-hidden="true" />
        <input
          className="switcher__input"
          role="combobox"
          aria-label="Find a secret"
          aria-expanded="true"
          aria-controls={LIST_ID}
          aria-autocomplete="list"
          aria-activedescendant={shown.length > 0 ? optionId(current) : undefined}
          placeholder="Go to a secret in any scope"
          value={query}
          maxLength={MAX_QUERY_LENGTH}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setQuery(event.target.value)
            setActive(0)
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul className="switcher__list" id={LIST_ID} role="listbox" aria-label="Secrets" ref={listRef}>
        {shown.map((secret, i) => {
          const match = findMatch(secret, needle)
          return (
            <li
              key={secret.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className={
                i === current ? 'switcher__option switcher__option--active' : 'switcher__option'
              }
              onMouseMove={() => {
                if (i !== current) setActive(i)
              }}
              onClick={() => choose(secret.id)}
            >
              <TypeIcon type={secret.type} />
              <span className="switcher__text">
                <span className="switcher__name">
                  <span className="switcher__name-text">
                    <MarkedName name={secret.name} needle={needle} />
                  </span>
                  {secret.favourite && (
                    <Star className="switcher__star" aria-label="Favourite" role="img" />
                  )}
                </span>
                <span className="switcher__meta">
                  {scopeStringLabel(secret.scope)} · {CREDENTIAL_TYPE_LABELS[secret.type]}
                </span>
                {match !== null && match.label !== 'Secret name' && (
                  <MatchLine id={`${optionId(i)}-match`} match={match} />
                )}
              </span>
              {i === current && <CornerDownLeft className="switcher__enter" aria-hidden="true" />}
            </li>
          )
        })}
      </ul>
      <p className="switcher__footer" id="quick-switcher-help">
        {shown.length === 0
          ? 'No secret in any scope matches.'
          : results.total > shown.length
            ? `The first ${shown.length} of ${results.total.toLocaleString()} secrets; type more to narrow them.`
            : `${results.total.toLocaleString()} ${results.total === 1 ? 'secret' : 'secrets'}.`}{' '}
        Arrow keys move, Enter opens, Escape closes.
      </p>
    </Dialog.Content>
  )
}
