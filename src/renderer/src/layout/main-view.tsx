/** The centre of the window: loading, a load error, the listing, or a sidebar page. */
import { RefreshCw, ShieldAlert } from 'lucide-react'
import { Button } from '../components/button'
import { HistoryView } from '../history/history-view'
import { ListingView } from '../listing/listing-view'
import { UpcomingView } from '../listing/upcoming-view'
import { LeakScanView } from '../scan/leak-scan-view'
import { SettingsView } from '../settings/settings-view'
import { useSecretsStore } from '../store/secrets-store'

export function MainView(): React.JSX.Element {
  const { loading, error, view, profile, refresh } = useSecretsStore()

  if (loading && profile === null) {
    return <p className="centre-message">Opening the vault…</p>
  }
  if (error) {
    return (
      <div className="empty-state" role="alert">
        <ShieldAlert className="empty-state__icon empty-state__icon--danger" aria-hidden="true" />
        <h2 className="empty-state__title">The vault could not be read</h2>
        <p className="empty-state__text">{error.message}</p>
        <div className="empty-state__actions">
          <Button icon={<RefreshCw />} onClick={() => void refresh()}>
            Try again
          </Button>
        </div>
      </div>
    )
  }
  switch (view) {
    case 'upcoming':
      return <UpcomingView />
    case 'history':
      return <HistoryView />
    case 'leak-scan':
      return <LeakScanView />
    case 'settings':
      return <SettingsView />
    default:
      return <ListingView />
  }
}
