/**
 * Settings: the profile (name, role), the organization's workspaces (added and renamed),
 * reminders and startup, and the vault itself.
 */
import { Plus } from 'lucide-react'
import type { ReactNode } from 'react'
import { Button } from '../components/button'
import { useSecretsStore } from '../store/secrets-store'
import { ProfileNameForm } from './profile-name-form'
import { AuditSettings } from './audit-settings'
import { LockSettings } from './lock-settings'
import { ReminderSettings } from './reminder-settings'
import { RoleForm } from './role-form'
import { WorkspaceList } from './workspace-list'
import './settings.css'

function Card({ title, children }: { title: string; children: ReactNode }): React.JSX.Element {
  const id = `settings-${title.toLowerCase().replace(/\W+/g, '-')}`
  return (
    <section className="settings-card" aria-labelledby={id}>
      <h2 id={id} className="settings-card__title">
        {title}
      </h2>
      {children}
    </section>
  )
}

export function SettingsView(): React.JSX.Element {
  const profile = useSecretsStore((s) => s.profile)
  const vaultDir = useSecretsStore((s) => s.vaultDir)
  const openDialog = useSecretsStore((s) => s.openDialog)
  if (!profile) return <p className="section-empty">Loading…</p>

  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page__header">
        <h1 id="settings-title" className="page__title">
          Settings
        </h1>
        <p className="page__subtitle">{profile.organization}</p>
      </header>
      <div className="settings-grid">
        <Card title="Profile">
          <ProfileNameForm key={profile.user} profile={profile} />
          <RoleForm key={profile.role} profile={profile} />
        </Card>

        <Card title="Workspaces">
          {profile.workspaces.length === 0 ? (
            <p className="field__hint">
              No workspaces yet. A workspace groups the secrets of one team or project.
            </p>
          ) : (
            <WorkspaceList workspaces={profile.workspaces} />
          )}
          <div>
            <Button icon={<Plus />} onClick={() => openDialog({ kind: 'add-workspace' })}>
              New workspace
            </Button>
          </div>
        </Card>

        <Card title="Reminders">
          <ReminderSettings />
        </Card>

        <Card title="Locking">
          <LockSettings />
        </Card>

        <Card title="Audit log">
          <AuditSettings />
        </Card>

        <Card title="Vault">
          <dl className="settings-facts">
            <div>
              <dt>Organization</dt>
              <dd>{profile.organization}</dd>
            </div>
            <div>
              <dt>Key protection</dt>
              <dd>{profile.protection}</dd>
            </div>
            <div>
              <dt>Folder</dt>
              <dd className="mono settings-facts__path">{vaultDir}</dd>
            </div>
          </dl>
        </Card>
      </div>
    </section>
  )
}
