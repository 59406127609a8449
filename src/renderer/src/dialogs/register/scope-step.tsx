import type { ReactNode } from 'react'
import { Building2, User, Users } from 'lucide-react'
import type { ProfileView } from '../../../../shared/secret-view'
import { AvailabilityField } from '../secret-form/availability-field'
import { ChoiceCards, type Choice } from '../ui/choice-cards'
import type { FieldErrors } from '../ui/field-errors'
import { canManageOrganization, type ScopeKind, type WizardDraft } from './wizard-model'
import { ORGANIZATION_REFUSAL } from './wizard-rules'
import { WorkspaceSelect } from './workspace-select'

export const NO_WORKSPACES = 'No workspaces yet: add one with "Add workspace" in the sidebar.'

interface ScopeStepProps {
  draft: WizardDraft
  profile: ProfileView | null
  errors: FieldErrors
  onChange: (change: Partial<WizardDraft>) => void
}

/** Step 1: where the secret belongs, and for organization secrets who may use it. */
export function ScopeStep({ draft, profile, errors, onChange }: ScopeStepProps): ReactNode {
  const workspaces = profile?.workspaces ?? []
  const mayManage = canManageOrganization(profile?.role)
  const scopes: Choice<ScopeKind>[] = [
    {
      value: 'organization',
      label: 'Organization',
      description: 'Shared across the organization.',
      icon: <Building2 size={20} />,
      disabled: !mayManage,
      reason: mayManage ? undefined : ORGANIZATION_REFUSAL(profile?.role),
    },
    {
      value: 'workspace',
      label: 'Workspace',
      description: 'Shared within one workspace.',
      icon: <Users size={20} />,
      disabled: workspaces.length === 0,
      reason: workspaces.length === 0 ? NO_WORKSPACES : undefined,
    },
    {
      value: 'personal',
      label: 'Personal',
      description: 'Yours alone, in this vault.',
      icon: <User size={20} />,
    },
  ]
  return (
    <>
      <ChoiceCards
        label="Scope"
        value={draft.scope}
        onChange={(scope) => onChange({ scope })}
        choices={scopes}
        columns={3}
        error={errors['scope']}
      />
      {draft.scope === 'workspace' && (
        <WorkspaceSelect
          workspaces={workspaces}
          value={draft.workspace}
          error={errors['workspace']}
          onChange={(workspace) => onChange({ workspace })}
        />
      )}
      {draft.scope === 'organization' && (
        <AvailabilityField
          value={draft.availability}
          error={errors['availability']}
          onChange={(availability) => onChange({ availability })}
        />
      )}
    </>
  )
}
