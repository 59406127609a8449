/**
 * The top bar: search, the filter menus, the notification bell, "Register secret" and the menu of
 * other ways to add (Import .env); and the quick switcher that Ctrl/Cmd+K opens from anywhere in
 * the window.
 */
import { Plus } from 'lucide-react'
import { Button } from '../components/button'
import { StatusFilterMenu, TagFilterMenu, TypeFilterMenu } from '../listing/filter-menus'
import { QuickSwitcher } from '../listing/quick-switcher'
import { SearchBox } from '../listing/search-box'
import { useSecretsStore } from '../store/secrets-store'
import { AddMenu } from './add-menu'
import { NotificationBell } from './notification-bell'
import './top-bar.css'

export function TopBar(): React.JSX.Element {
  const openDialog = useSecretsStore((s) => s.openDialog)
  return (
    <header className="top-bar">
      <SearchBox />
      <div className="top-bar__filters">
        <TypeFilterMenu />
        <StatusFilterMenu />
        <TagFilterMenu />
      </div>
      <div className="top-bar__end">
        <NotificationBell />
        <Button variant="primary" icon={<Plus />} onClick={() => openDialog({ kind: 'register' })}>
          Register secret
        </Button>
        <AddMenu />
      </div>
      <QuickSwitcher />
    </header>
  )
}
