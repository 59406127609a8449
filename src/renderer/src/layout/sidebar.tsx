/**
 * The sidebar (DESIGN §6.4): the product and what protects its key, the scopes and workspaces,
 * Upcoming, History, Leak scan and Settings, and at the bottom the local user. The current place
 * carries aria-current="page".
 */
import {
  Building2,
  CalendarClock,
  FolderClosed,
  History,
  Plus,
  ScanSearch,
  Settings,
  ShieldCheck,
  User,
} from 'lucide-react'
import { useMemo, type ReactNode } from 'react'
import { ROLE_LABELS } from '../../../shared/domain'
import { useNow } from '../components/use-now'
import { useListingStore } from '../listing/listing-store'
import { normalizeQuery } from '../listing/search-index'
import { dueWithin30Days, vaultTimeline } from '../listing/vault-timeline'
import { useSecretsStore, type AppView, type ScopeTab } from '../store/secrets-store'
import { LockNowButton } from '../vault/lock-now'
import './sidebar.css'

// The icons are made once: the sidebar re-renders when a search starts or ends, its icons need not.
const ICONS = {
  shield: <ShieldCheck />,
  organization: <Building2 />,
  workspace: <FolderClosed />,
  add: <Plus />,
  personal: <User />,
  upcoming: <CalendarClock />,
  history: <History />,
  scan: <ScanSearch />,
  settings: <Settings />,
}

interface NavItemProps {
  icon: ReactNode
  label: string
  current?: boolean
  count?: ReactNode
  onClick: () => void
}

function NavItem({
  icon,
  label,
  current = false,
  count,
  onClick,
}: NavItemProps): React.JSX.Element {
  return (
    <button
      type="button"
      className="nav-item"
      aria-current={current ? 'page' : undefined}
      onClick={onClick}
    >
      <span className="nav-item__icon" aria-hidden="true">
        {icon}
      </span>
      <span className="nav-item__label">{label}</span>
      {count}
    </button>
  )
}

function countIn(scopes: Map<string, number>, scope: string): ReactNode {
  const count = scopes.get(scope) ?? 0
  return (
    <span className="nav-item__count" aria-hidden="true">
      {count > 0 ? count.toLocaleString() : ''}
    </span>
  )
}

/** The sidebar's scope is the listing's, unless a search lists every scope. */
function isScope(view: AppView, scope: ScopeTab, target: ScopeTab, searching: boolean): boolean {
  if (view !== 'secrets' || searching) return false
  if (scope.kind === 'workspace' && target.kind === 'workspace')
    return scope.workspace === target.workspace
  return scope.kind === target.kind
}

export function Sidebar(): React.JSX.Element {
  const { profile, secrets, scope, view, setScope, setView, openDialog } = useSecretsStore()
  const searching = useListingStore((s) => normalizeQuery(s.query) !== '')
  const now = useNow()
  // Both pass over every secret: made once per list (and minute), not on each search keystroke.
  const upcoming = useMemo(() => dueWithin30Days(vaultTimeline(secrets, now), now), [secrets, now])
  const scopes = useMemo(() => {
    const counts = new Map<string, number>()
    for (const secret of secrets) counts.set(secret.scope, (counts.get(secret.scope) ?? 0) + 1)
    return counts
  }, [secrets])

  // Choosing a scope is the one way to list one (DESIGN §6.4); it ends a search across scopes.
  const go = (target: ScopeTab): void => {
    useListingStore.getState().setQuery('')
    setScope(target)
  }
  const initials = (profile?.user ?? '?')
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase()

  return (
    <nav className="sidebar" aria-label="Sidebar">
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true">
          {ICONS.shield}
        </span>
        <span className="sidebar__brand-text">
          <span className="sidebar__product">Safehold</span>
          <span className="sidebar__protection">{profile?.protection ?? ' '}</span>
        </span>
      </div>

      <div className="sidebar__group">
        <NavItem
          icon={ICONS.organization}
          label="Organization"
          current={isScope(view, scope, { kind: 'organization' }, searching)}
          count={countIn(scopes, 'organization')}
          onClick={() => go({ kind: 'organization' })}
        />
      </div>

      <div className="sidebar__group" role="group" aria-labelledby="sidebar-workspaces">
        <h2 id="sidebar-workspaces" className="sidebar__heading">
          Workspaces
        </h2>
        {(profile?.workspaces ?? []).map((workspace) => (
          <NavItem
            key={workspace}
            icon={ICONS.workspace}
            label={workspace}
            current={isScope(view, scope, { kind: 'workspace', workspace }, searching)}
            count={countIn(scopes, `workspace:${workspace}`)}
            onClick={() => go({ kind: 'workspace', workspace })}
          />
        ))}
        <NavItem
          icon={ICONS.add}
          label="Add workspace"
          onClick={() => openDialog({ kind: 'add-workspace' })}
        />
      </div>

      <div className="sidebar__group">
        <NavItem
          icon={ICONS.personal}
          label="Personal"
          current={isScope(view, scope, { kind: 'personal' }, searching)}
          count={countIn(scopes, 'personal')}
          onClick={() => go({ kind: 'personal' })}
        />
      </div>

      <div className="sidebar__group sidebar__group--rule">
        <NavItem
          icon={ICONS.upcoming}
          label="Upcoming"
          current={view === 'upcoming'}
          count={
            <span className={upcoming > 0 ? 'count-pill count-pill--alert' : 'count-pill'}>
              {upcoming}
              <span className="visually-hidden">
                {' '}
                {upcoming === 1 ? 'event' : 'events'} within 30 days
              </span>
            </span>
          }
          onClick={() => setView('upcoming')}
        />
        <NavItem
          icon={ICONS.history}
          label="History"
          current={view === 'history'}
          onClick={() => setView('history')}
        />
        <NavItem
          icon={ICONS.scan}
          label="Leak scan"
          current={view === 'leak-scan'}
          onClick={() => setView('leak-scan')}
        />
        <NavItem
          icon={ICONS.settings}
          label="Settings"
          current={view === 'settings'}
          onClick={() => setView('settings')}
        />
      </div>

      <div className="sidebar__user">
        <span className="sidebar__avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="sidebar__user-text">
          <span className="sidebar__user-name">{profile?.user ?? ''}</span>
          <span className="sidebar__user-role">{profile ? ROLE_LABELS[profile.role] : ''}</span>
        </span>
      </div>
      <LockNowButton />
    </nav>
  )
}
