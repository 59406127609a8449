/**
 * History (DESIGN §3, §6.4): the vault's audit log, newest first — every action with its time, the
 * secret it was about, who did it (the user, or the consumer of a use) and what changed, in the
 * UI's words: field labels ("Header name"), never field ids, and actions in words. Never a value.
 * Filtered as `safehold audit` is (history-filters.tsx), in main; a long log scrolls in a
 * virtualised list.
 */
import { ScrollText } from 'lucide-react'
import { useCallback, useEffect, useRef } from 'react'
import { formatDateTime } from '../components/dates'
import { VirtualList } from '../components/virtual-list'
import { actionLabel, detailText } from '../details/history-words'
import { useSecretsStore } from '../store/secrets-store'
import { HistoryFilters } from './history-filters'
import { isFiltered } from './history-query'
import { useHistoryStore, type AuditPage, type AuditRow } from './history-store'
import './history.css'

/** Typing in the name box asks main once the user pauses, not on every key. */
const TYPING_PAUSE_MS = 200

function HistoryRow({ entry }: { entry: AuditRow }): React.JSX.Element {
  const detail = entry.detail === undefined ? '' : detailText(entry.action, entry.detail)
  return (
    <div className="history-row">
      <time className="history-row__time" dateTime={entry.at}>
        {formatDateTime(entry.at)}
      </time>
      <span className="history-row__action">{actionLabel(entry.action)}</span>
      {entry.secret === null ? (
        <span className="history-row__secret history-row__secret--vault">Vault</span>
      ) : (
        <span className="history-row__secret">{entry.secret}</span>
      )}
      <span className="history-row__actor">by {entry.actor}</span>
      {detail !== '' && <span className="history-row__detail">{detail}</span>}
    </div>
  )
}

function countText(page: AuditPage, filtered: boolean): string {
  const { total, entries } = page
  const noun = total === 1 ? 'entry' : 'entries'
  const matching = filtered ? ` ${total === 1 ? 'matches' : 'match'} these filters` : ''
  if (entries.length < total) {
    return `${total.toLocaleString()} ${noun}${matching}; the newest ${entries.length.toLocaleString()} are listed. Narrow the filters to see older ones.`
  }
  return `${total.toLocaleString()} ${noun}${matching}.`
}

const entryKey = (entry: AuditRow, index: number): string => `${entry.at}-${index}`
const renderEntry = (entry: AuditRow): React.JSX.Element => <HistoryRow entry={entry} />

export function HistoryView(): React.JSX.Element {
  const filters = useHistoryStore((s) => s.filters)
  const page = useHistoryStore((s) => s.page)
  const error = useHistoryStore((s) => s.error)
  const load = useHistoryStore((s) => s.load)
  // The secrets list is read again on focus and every minute: uses made meanwhile show up then.
  const secrets = useSecretsStore((s) => s.secrets)
  const filtered = isFiltered(filters)

  const shownSecret = useRef<string | null>(null)
  useEffect(() => {
    const typing = shownSecret.current !== null && shownSecret.current !== filters.secret
    shownSecret.current = filters.secret
    if (!typing) {
      void load()
      return
    }
    const timer = window.setTimeout(() => void load(), TYPING_PAUSE_MS)
    return () => window.clearTimeout(timer)
  }, [filters, secrets, load])

  const key = useCallback(entryKey, [])

  return (
    <section className="page page--fill history" aria-labelledby="history-title">
      <header className="page__header">
        <h1 id="history-title" className="page__title">
          History
        </h1>
        <p className="page__subtitle">
          Everything done in the vault, newest first: who did what, and every use and refusal.
          Values are never recorded.
        </p>
      </header>
      <HistoryFilters />
      {error !== null && (
        <p className="history__error" role="alert">
          {error.message}
        </p>
      )}
      {page === null ? (
        <p className="section-empty">Loading history…</p>
      ) : (
        <>
          <p className="history__count" role="status">
            {page.total === 0 && filtered
              ? 'No entries match these filters.'
              : countText(page, filtered)}
            {filters.scope !== '' &&
              ' A deleted secret’s entries are listed under Every scope only: the log does not keep its scope.'}
          </p>
          {page.entries.length === 0 ? (
            <div className="empty-state empty-state--compact">
              <ScrollText className="empty-state__icon" aria-hidden="true" />
              <h2 className="empty-state__title">
                {filtered ? 'Nothing matches' : 'Nothing recorded yet'}
              </h2>
              <p className="empty-state__text">
                {filtered
                  ? 'Change or clear the filters to see more of the log.'
                  : 'Registering, editing and using secrets will be listed here.'}
              </p>
            </div>
          ) : (
            <VirtualList
              items={page.entries}
              label="History entries"
              estimateSize={44}
              itemKey={key}
              renderItem={renderEntry}
            />
          )}
        </>
      )}
    </section>
  )
}
