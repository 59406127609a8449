/**
 * History: the vault-wide audit log is not shown in the app yet. Say so plainly, and point to
 * what exists: each secret's own history in its details drawer.
 */
import { History } from 'lucide-react'

export function HistoryView(): React.JSX.Element {
  return (
    <section className="page" aria-labelledby="history-title">
      <header className="page__header">
        <h1 id="history-title" className="page__title">
          History
        </h1>
        <p className="page__subtitle">The audit log of the whole vault.</p>
      </header>
      <div className="empty-state empty-state--compact">
        <History className="empty-state__icon" aria-hidden="true" />
        <h2 className="empty-state__title">The vault-wide history view comes later</h2>
        <p className="empty-state__text">
          Every action on a secret is already recorded in the vault&apos;s audit log, with its time
          and actor and never with a value. For now, open a secret to see its own history.
        </p>
      </div>
    </section>
  )
}
