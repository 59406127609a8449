/**
 * The main window (DESIGN §6.4): sidebar, top bar, the centre (listing or a sidebar page), the
 * details drawer beside it, and the dialogs and toasts above everything.
 */
import { useEffect } from 'react'
import { Dialogs } from './dialogs'
import { DetailsDrawer } from './details/details-drawer'
import { MainView } from './layout/main-view'
import { Sidebar } from './layout/sidebar'
import { Toasts } from './layout/toasts'
import { TopBar } from './layout/top-bar'
import { useSecretsStore } from './store/secrets-store'
import './layout/layout.css'

export function App(): React.JSX.Element {
  const refresh = useSecretsStore((s) => s.refresh)

  useEffect(() => {
    void refresh()
    // The CLI may have changed the vault while the window was in the background.
    const onFocus = (): void => void refresh()
    window.addEventListener('focus', onFocus)
    return () => window.removeEventListener('focus', onFocus)
  }, [refresh])

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
