/**
 * The main window (DESIGN §6.4): sidebar, top bar, the centre (listing or a sidebar page), the
 * details drawer beside it, and the dialogs and toasts above everything.
 */
import { Dialogs } from './dialogs'
import { DetailsDrawer } from './details/details-drawer'
import { MainView } from './layout/main-view'
import { Sidebar } from './layout/sidebar'
import { Toasts } from './layout/toasts'
import { TopBar } from './layout/top-bar'
import { useVaultSync } from './layout/vault-sync'
import './layout/layout.css'

export function App(): React.JSX.Element {
  // The CLI and the lifecycle engine change the vault while the window is in the background.
  useVaultSync()

  return (
    <>
      <div className="app">
        <Sidebar />
        <div className="app__main">
          <TopBar />
          <div className="app__content">
            <main className="app__centre">
              <MainView />
            </main>
            <DetailsDrawer />
          </div>
        </div>
      </div>
      <Dialogs />
      <Toasts />
    </>
  )
}
