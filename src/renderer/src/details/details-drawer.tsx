/**
 * The details drawer beside the table (DESIGN §6.4): name, type, status; the actions; Details
 * (with notes, tags and the previous value), Where it is used and History. It is a complementary region, not a modal: the table stays usable.
 * Escape (anywhere but an open dialog or menu) closes it and returns focus to the secret's row.
 */
import { X } from 'lucide-react'
import { useEffect, useRef, type ReactNode } from 'react'
import { CREDENTIAL_TYPE_LABELS } from '../../../shared/domain'
import { IconButton } from '../components/button'
import { scopeStringLabel } from '../components/labels'
import { StatusBadge } from '../components/status-badge'
import { TypeIcon } from '../components/type-icon'
import { useNow } from '../components/use-now'
import { closeDetails, focusTableIfLost, takeDrawerFocus } from '../listing/row-focus'
import { useSecretsStore } from '../store/secrets-store'
import { DetailsActions } from './details-actions'
import { DetailsFacts } from './details-facts'
import { HistorySection } from './history-section'
import { PreviousValue } from './previous-value'
import { UsagesSection } from './usages-section'
import { useSecretDetails } from './use-secret-details'
import './details.css'

function Section({ title, children }: { title: string; children: ReactNode }): React.JSX.Element {
  const id = `drawer-section-${title.toLowerCase().replace(/\W+/g, '-')}`
  return (
    <section className="drawer__section" aria-labelledby={id}>
      <h3 id={id} className="drawer__section-title">
        {title}
      </h3>
      {children}
    </section>
  )
}

export function DetailsDrawer(): React.JSX.Element | null {
  const selectedId = useSecretsStore((s) => s.selectedId)
  const summary = useSecretsStore((s) => s.secrets.find((secret) => secret.id === s.selectedId))
  if (selectedId === null || summary === undefined) return null
  const version = `${summary.updatedAt}|${summary.lastUsedAt}|${summary.status}|${summary.deletesAt}`
  return <DrawerBody key={selectedId} id={selectedId} version={version} />
}

function DrawerBody({ id, version }: { id: string; version: string }): React.JSX.Element {
  const { details, history, error } = useSecretDetails(id, version)
  const summary = useSecretsStore((s) => s.secrets.find((secret) => secret.id === id))
  const dialogOpen = useSecretsStore((s) => s.dialog !== null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const now = useNow()

  useEffect(() => {
    if (takeDrawerFocus()) headingRef.current?.focus()
    return focusTableIfLost
  }, [])

  // Escape closes the drawer from anywhere in the window, unless a dialog or a menu takes it.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== 'Escape' || event.defaultPrevented || dialogOpen) return
      const target = event.target as HTMLElement | null
      if (target?.closest('[role="menu"], [role="dialog"]')) return
      // Escape in a search box with text clears the text first.
      if (target instanceof HTMLInputElement && target.type === 'search' && target.value !== '')
        return
      event.preventDefault()
      closeDetails()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [dialogOpen])

  const name = details?.name ?? summary?.name ?? ''
  const type = details?.type ?? summary?.type
  const status = details?.status ?? summary?.status

  return (
    <aside className="drawer" aria-labelledby="drawer-title">
      <header className="drawer__header">
        <div className="drawer__title-row">
          {type && (
            <span className="drawer__type-icon">
              <TypeIcon type={type} />
            </span>
          )}
          <h2 id="drawer-title" className="drawer__title" tabIndex={-1} ref={headingRef}>
            {name}
          </h2>
          <IconButton label="Close details" icon={<X />} onClick={closeDetails} />
        </div>
        <div className="drawer__subtitle">
          {type && <span>{CREDENTIAL_TYPE_LABELS[type]}</span>}
          {summary && <span className="muted">· {scopeStringLabel(summary.scope)}</span>}
          {status && <StatusBadge status={status} />}
        </div>
      </header>

      {error && (
        <p className="drawer__error" role="alert">
          {error.message}
        </p>
      )}
      {details && <DetailsActions secret={details} />}

      <div className="drawer__body">
        {details ? (
          <>
            <Section title="Details">
              <DetailsFacts secret={details} now={now} />
              <PreviousValue secret={details} now={now} />
            </Section>
            <Section title="Where it is used">
              <UsagesSection usages={details.usages} />
            </Section>
            <Section title="History">
              <HistorySection history={history} />
            </Section>
          </>
        ) : (
          !error && <p className="section-empty">Loading…</p>
        )}
      </div>
    </aside>
  )
}
