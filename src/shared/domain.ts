/**
 * The vocabulary of Safehold (DESIGN.md §1): credential types, scopes, availability and roles.
 * Pure data, shared by main, preload, renderer and CLI; the types of structured values are the
 * outputs of their schemas (type-only imports, so nothing here loads zod).
 */
import type { z } from 'zod'
import type { certificateFactsSchema } from './ipc-contract'
import type { availabilitySchema, scopeSchema } from './secret-rules'

export const CREDENTIAL_TYPES = [
  'api-key',
  'bearer-token',
  'client-credentials',
  'certificate',
  'key-value',
] as const
export type CredentialType = (typeof CREDENTIAL_TYPES)[number]

export const CREDENTIAL_TYPE_LABELS: Record<CredentialType, string> = {
  'api-key': 'API Key',
  'bearer-token': 'Bearer Token',
  'client-credentials': 'Client Credentials',
  certificate: 'Certificate',
  'key-value': 'Key/Value',
}

export const SPOTS = [
  'CodeCrafters',
  'Bytebards',
  'GlitchGuardians',
  'QuantumQuorums',
  'NeuralNinjas',
  'EchoEngineers',
] as const
export type Spot = (typeof SPOTS)[number]

export const ROLES = ['account-holder', 'account-manager', 'member'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  'account-holder': 'Account Holder',
  'account-manager': 'Account Manager',
  member: 'Member',
}

export type Scope = z.output<typeof scopeSchema>

export type Availability = z.output<typeof availabilitySchema>

export const SECRET_STATUSES = ['active', 'inactive', 'scheduled-for-deletion', 'expired'] as const
export type SecretStatus = (typeof SECRET_STATUSES)[number]

export const STATUS_LABELS: Record<SecretStatus, string> = {
  active: 'Active',
  inactive: 'Inactive',
  'scheduled-for-deletion': 'Scheduled for deletion',
  expired: 'Expired',
}

export type CertificateFacts = z.output<typeof certificateFactsSchema>

/** `organization`, `workspace:NAME` or `personal`: the form scopes take on the command line. */
export function scopeToString(scope: Scope): string {
  return scope.kind === 'workspace' ? `workspace:${scope.workspace}` : scope.kind
}

export function availabilityToString(availability: Availability | null): string | null {
  if (availability === null) return null
  return availability.kind === 'spot' ? `spot:${availability.spot}` : 'organization'
}

export function scopeLabel(scope: Scope): string {
  if (scope.kind === 'workspace') return `Workspace ${scope.workspace}`
  return scope.kind === 'organization' ? 'Organization' : 'Personal'
}

/** The secret fields and the non-secret fields of each type, as field keys in UI order. */
export const TYPE_FIELDS: Record<
  CredentialType,
  { plain: readonly string[]; secret: readonly string[] }
> = {
  'api-key': { plain: ['headerName'], secret: ['value'] },
  'bearer-token': { plain: ['headerName'], secret: ['headerValue'] },
  'client-credentials': { plain: ['clientId', 'url'], secret: ['clientSecret'] },
  certificate: { plain: [], secret: ['certificate', 'privateKey'] },
  'key-value': { plain: [], secret: [] },
}

/** The value `safehold get NAME` prints when no --field is given. */
export const PRIMARY_FIELD: Record<CredentialType, string | null> = {
  'api-key': 'value',
  'bearer-token': 'headerValue',
  'client-credentials': 'clientSecret',
  certificate: 'certificate',
  'key-value': null,
}

/** The idle minutes after which the app locks the vault (DESIGN §4): Settings' "Lock after". */
export const AUTO_LOCK_MINUTES = { min: 1, max: 240, default: 10 } as const
/** How long the audit log keeps an entry (DESIGN §3): older ones are trimmed. */
export const AUDIT_RETENTION_DAYS = { min: 30, max: 3650, default: 400 } as const
