/**
 * Settings: the local user's role (DESIGN §1.2). Only the Account Holder changes it, from a select
 * of the three roles; any change gives the role up, so it goes through a confirmation that says
 * the Holder cannot promote itself back. Anyone else sees the role, and no control. Main enforces
 * the same rule whatever this shows.
 */
import { useState, type FormEvent } from 'react'
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/domain'
import type { ProfileView } from '../../../shared/secret-view'
import { Button } from '../components/button'
import { useSecretsStore } from '../store/secrets-store'
import { ROLE_RULES } from './role-words'

export function RoleForm({ profile }: { profile: ProfileView }): React.JSX.Element {
  if (profile.role !== 'account-holder') {
    return (
      <dl className="settings-facts">
        <div>
          <dt>Role</dt>
          <dd>
            {ROLE_LABELS[profile.role]}
            <p className="field__hint">{ROLE_RULES[profile.role]}</p>
            <p className="field__hint">Only an Account Holder changes roles.</p>
          </dd>
        </div>
      </dl>
    )
  }
  return <HolderRoleForm />
}

function HolderRoleForm(): React.JSX.Element {
  const [role, setRole] = useState<Role>('account-holder')
  const openDialog = useSecretsStore((s) => s.openDialog)

  function submit(event: FormEvent): void {
    event.preventDefault()
    if (role !== 'account-holder') openDialog({ kind: 'change-role', role })
  }

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor="profile-role">
          Role
        </label>
        <div className="settings-form__row">
          <select
            id="profile-role"
            className="input"
            value={role}
            aria-describedby="profile-role-hint"
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
          <Button type="submit" disabled={role === 'account-holder'}>
            Change role
          </Button>
        </div>
        <p id="profile-role-hint" className="field__hint">
          {ROLE_RULES['account-holder']} Choosing another role gives this one up.
        </p>
      </div>
    </form>
  )
}
