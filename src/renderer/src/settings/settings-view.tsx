/**
 * Settings: the profile (name, role), the organization's workspaces, reminders and startup, and
 * the vault itself.
 */
import { FolderClosed, Plus } from 'lucide-react'
import type { ReactNode } from 'react'
import { ROLE_LABELS } from '../../../shared/domain'
import { Button } from '../components/button'
import { useSecretsStore } from '../store/secrets-store'
import { ProfileNameForm } from './profile-name-form'
import { LockSettings } from './lock-settings'
import { ReminderSettings } from './reminder-settings'
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

const ROLE_RULES = {
  'account-holder':
    'You can register, edit and delete organization secrets, and change roles. The vault’s creator is its Account Holder.',
  'account-manager': 'You can register, edit and delete organization secrets.',
  member:
    'You can use organization secrets, and manage workspace and personal ones. Organization secrets are changed by an Account Holder or Account Manager.',
} as const

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
          <dl className="settings-facts">
            <div>
              <dt>Role</dt>
              <dd>
                {ROLE_LABELS[profile.role]}
                <p className="field__hint">{ROLE_RULES[profile.role]}</p>
                <p className="field__hint">
                  Only an Account Holder changes roles, from a terminal:{' '}
                  <code>safehold profile --role member</code>.
                </p>
              </dd>
            </div>
          </dl>
        </Card>

        <Card title="Workspaces">
          {profile.workspaces.length === 0 ? (
            <p className="field__hint">
              No workspaces yet. A workspace groups the secrets of one team or project.
            </p>
          ) : (
            <ul className="workspace-list" aria-label="Workspaces">
              {profile.workspaces.map((workspace) => (
                <li key={workspace} className="workspace-list__item">
                  <FolderClosed aria-hidden="true" />
                  {workspace}
                </li>
              ))}
            </ul>
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
