/** What each wizard step checks before "Next": the shared rules, plus what the listing already knows. */
import { ROLE_LABELS, type Role } from '../../../../shared/domain'
import type { SecretSummary } from '../../../../shared/secret-view'
import type { CertDraft } from '../secret-form/certificate-draft'
import { checkExpiration, checkName, checkPairs, checkTypedFields } from '../secret-form/form-rules'
import { nameHolder as holderOf, nameTakenText } from '../secret-form/name-holder'
import { checkNotesAndTags } from '../secret-form/metadata-rules'
import type { FieldErrors } from '../ui/field-errors'
import { canManageOrganization, kvRows, scopeString, type WizardDraft } from './wizard-model'

export const ORGANIZATION_REFUSAL = (role: Role | undefined): string =>
  `Only an Account Holder or Account Manager can register organization secrets; you are ${
    role === 'member' || role === undefined ? 'a Member' : `an ${ROLE_LABELS[role]}`
  }.`

export function checkScopeStep(draft: WizardDraft, role: Role | undefined): FieldErrors {
  if (draft.scope === null) return { scope: 'Choose where the secret belongs.' }
  if (draft.scope === 'organization' && !canManageOrganization(role))
    return { scope: ORGANIZATION_REFUSAL(role) }
  if (draft.scope === 'workspace' && draft.workspace === '')
    return { workspace: 'Choose a workspace.' }
  return {}
}

export function checkTypeStep(draft: WizardDraft): FieldErrors {
  return draft.type === null ? { type: 'Choose a credential type.' } : {}
}

/** The rules of the Details step that need no call to main (the certificate is checked by main). */
export function checkDetailsStep(
  draft: WizardDraft,
  cert: CertDraft,
  secrets: readonly SecretSummary[],
): FieldErrors {
  const errors: FieldErrors = { ...checkName(draft.name), ...checkNotesAndTags(draft) }
  if (!errors['name']) {
    const holder = nameHolder(draft, secrets)
    if (holder) errors['name'] = nameTakenText(holder)
  }
  if (draft.type === 'certificate') {
    if (!cert.certificate)
      errors['certificate'] = 'Certificate is required: add a certificate file.'
    return errors
  }
  if (draft.type === 'key-value')
    return { ...errors, ...checkPairs(kvRows(draft), 'register'), ...expiry(draft) }
  if (draft.type !== null)
    Object.assign(errors, checkTypedFields(draft.type, draft.fields, 'register'))
  return { ...errors, ...expiry(draft) }
}

const expiry = (draft: WizardDraft): FieldErrors => checkExpiration(draft.expiresAt)

/** The secret already holding this name in this scope, compared as main does: case-insensitively. */
export function nameHolder(
  draft: WizardDraft,
  secrets: readonly SecretSummary[],
): SecretSummary | undefined {
  return holderOf(draft.name, scopeString(draft), secrets)
}
