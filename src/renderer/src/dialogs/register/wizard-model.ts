/**
 * The registration wizard's draft: what the user chose and typed, values included. It lives only
 * in the wizard's React state and is dropped when the wizard closes (DESIGN.md §1.3).
 */
import { TYPE_FIELDS, type CredentialType, type Role } from '../../../../shared/domain'
import type { IpcRequest } from '../../../../shared/ipc-contract'
import type { ProfileView } from '../../../../shared/secret-view'
import type { ScopeTab } from '../../store/secrets-store'
import { availabilityOfChoice, type AvailabilityChoice } from '../secret-form/availability'
import { certificateFiles, type CertDraft } from '../secret-form/certificate-draft'
import { filledRows, newRow, type PairRow } from '../secret-form/form-rules'
import { tagsToSave } from '../secret-form/metadata-rules'

export const STEPS = ['Scope and availability', 'Type', 'Details', 'Review'] as const

export type ScopeKind = 'organization' | 'workspace' | 'personal'

export interface WizardDraft {
  scope: ScopeKind | null
  workspace: string
  availability: AvailabilityChoice
  type: CredentialType | null
  name: string
  fields: Record<string, string>
  expiresAt: string
  kvMethod: 'manual' | 'file'
  manualRows: PairRow[]
  fileRows: PairRow[]
  kvFileName: string | null
  notes: string
  tags: string[]
  /** What is typed in the Tags field and not yet a tag. */
  tagText: string
}

/** The fields each step shows, so main's error lands beside its field on the right step. */
export const STEP_FIELDS: readonly (readonly string[])[] = [
  ['scope', 'workspace', 'availability'],
  ['type'],
  [
    'name',
    'headerName',
    'value',
    'headerValue',
    'clientId',
    'url',
    'clientSecret',
    'pairs',
    'certificate',
    'privateKey',
    'certificatePassword',
    'expiresAt',
    'notes',
    'tags',
  ],
  [],
]

export function stepOfField(field: string | undefined): number | null {
  if (field === undefined) return null
  const index = STEP_FIELDS.findIndex((fields) => fields.includes(field))
  return index === -1 ? null : index
}

/** An unknown role (profile still loading) is not refused here: main enforces the rule anyway. */
export function canManageOrganization(role: Role | undefined): boolean {
  return role !== 'member'
}

/** Starts where the user is looking: the scope tab they had open, when they may write there. */
export function initialDraft(profile: ProfileView | null, tab: ScopeTab): WizardDraft {
  const workspaces = profile?.workspaces ?? []
  let scope: ScopeKind = tab.kind
  if (scope === 'organization' && !canManageOrganization(profile?.role)) scope = 'personal'
  if (scope === 'workspace' && workspaces.length === 0) scope = 'personal'
  const workspace =
    tab.kind === 'workspace' && workspaces.includes(tab.workspace)
      ? tab.workspace
      : (workspaces[0] ?? '')
  return {
    scope,
    workspace,
    availability: 'organization',
    type: null,
    name: '',
    fields: {},
    expiresAt: '',
    kvMethod: 'manual',
    manualRows: [newRow()],
    fileRows: [],
    kvFileName: null,
    notes: '',
    tags: [],
    tagText: '',
  }
}

export function kvRows(draft: WizardDraft): PairRow[] {
  return draft.kvMethod === 'manual' ? draft.manualRows : draft.fileRows
}

/** `organization`, `workspace:NAME` or `personal`, as summaries spell a secret's scope. */
export function scopeString(draft: WizardDraft): string {
  return draft.scope === 'workspace' ? `workspace:${draft.workspace}` : (draft.scope ?? '')
}

export function registerRequest(
  draft: WizardDraft,
  cert: CertDraft,
): IpcRequest<'secrets:register'> {
  const type = draft.type ?? 'api-key'
  const base: IpcRequest<'secrets:register'> = {
    type,
    name: draft.name,
    scope:
      draft.scope === 'workspace'
        ? { kind: 'workspace', workspace: draft.workspace }
        : { kind: draft.scope === 'organization' ? 'organization' : 'personal' },
  }
  if (draft.scope === 'organization') base.availability = availabilityOfChoice(draft.availability)
  const tags = tagsToSave(draft)
  if (draft.notes !== '') base.notes = draft.notes
  if (tags.length > 0) base.tags = tags
  if (type === 'certificate') return { ...base, ...certificateFiles(cert) }
  const expiresAt = draft.expiresAt === '' ? null : draft.expiresAt
  if (type === 'key-value') {
    const pairs = filledRows(kvRows(draft)).map(({ key, value }) => ({ key, value }))
    return { ...base, expiresAt, pairs }
  }
  const { plain, secret } = TYPE_FIELDS[type]
  const fields: Record<string, string> = {}
  for (const key of [...plain, ...secret]) fields[key] = draft.fields[key] ?? ''
  return { ...base, expiresAt, fields }
}

/** Whether the wizard holds something the user typed or dropped, which closing would lose. */
export function hasTypedData(draft: WizardDraft, cert: CertDraft): boolean {
  return (
    draft.name !== '' ||
    Object.values(draft.fields).some((value) => value !== '') ||
    draft.expiresAt !== '' ||
    draft.notes !== '' ||
    draft.tags.length > 0 ||
    draft.tagText.trim() !== '' ||
    filledRows(draft.manualRows).length > 0 ||
    draft.fileRows.length > 0 ||
    cert.certificate !== null ||
    cert.privateKey !== null ||
    cert.password !== ''
  )
}
