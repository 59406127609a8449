/**
 * Finding secrets by name and describing them without their values. Deliberately free of zod and
 * of certificate parsing, so `safehold get` starts fast.
 */
import { createHmac } from 'node:crypto'
import { availabilityToString, scopeToString, type Scope } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { isShowable, nameKey, quoted } from '../../shared/name-text'
import type { SecretDetails, SecretSummary } from '../../shared/secret-view'
import type { SecretRef } from '../../shared/secret-requests'
import { previousPurgeAt, statusOf, toIso } from '../lifecycle/secret-status'
import { secretByName, type StoredSecret, type VaultState } from '../vault/vault-state'

/** `organization`, `personal` or `workspace:NAME` → Scope. */
export function parseScope(text: string): Scope {
  if (text === 'organization' || text === 'personal') return { kind: text }
  if (text.startsWith('workspace:') && text.length > 'workspace:'.length) {
    return { kind: 'workspace', workspace: text.slice('workspace:'.length) }
  }
  throw new SafeholdError(
    'INVALID_INPUT',
    `Scope ${quoted(text, '(as given)')} is not organization, workspace:NAME or personal.`,
    'scope',
  )
}

export const scopeKey = (scope: Scope): string =>
  scope.kind === 'workspace' ? `workspace:${nameKey(scope.workspace)}` : scope.kind

export function findByName(
  state: VaultState,
  name: string,
  scope: Scope,
): StoredSecret | undefined {
  return secretByName(state, name, scope)
}

/**
 * The secret `ref` names, for a path that uses or changes it: one whose deletion is due is as
 * good as gone — the lifecycle engine carries the deletion out — and nothing may bring it back
 * (a use, an edit, Cancel deletion) in the moments before it does.
 */
export function resolveLiveSecret(state: VaultState, ref: SecretRef, nowMs: number): StoredSecret {
  const secret = resolveSecret(state, ref)
  const { deletesAt } = statusOf(secret, nowMs)
  if (deletesAt !== null && deletesAt <= nowMs) {
    throw new SafeholdError(
      'NOT_FOUND',
      `"${secret.name}" was due for deletion and can no longer be used or changed; it is being deleted.`,
      'name',
    )
  }
  return secret
}

export function resolveSecret(state: VaultState, ref: SecretRef): StoredSecret {
  if ('id' in ref) {
    const secret = Object.hasOwn(state.secrets, ref.id) ? state.secrets[ref.id] : undefined
    if (!secret) {
      throw new SafeholdError(
        'NOT_FOUND',
        'That secret no longer exists; it may have been deleted.',
      )
    }
    return secret
  }
  if (typeof ref?.name !== 'string' || ref.name === '') {
    throw new SafeholdError('INVALID_INPUT', 'Name the secret.', 'name')
  }
  const wanted = ref.name.toLowerCase()
  let matches = Object.values(state.secrets).filter((s) => s.name.toLowerCase() === wanted)
  if (ref.scope !== undefined) {
    const key = scopeKey(parseScope(ref.scope))
    matches = matches.filter((s) => scopeKey(s.scope) === key)
  }
  if (matches.length === 1) return matches[0]!
  if (matches.length === 0) {
    const where = ref.scope === undefined ? '' : ` in ${quoted(ref.scope, 'that scope')}`
    throw new SafeholdError(
      'NOT_FOUND',
      `No secret ${isShowable(ref.name) ? `named "${ref.name}"` : 'of that name'}${where}. "safehold list" shows the secrets.`,
      'name',
    )
  }
  const scopes = matches.map((s) => scopeToString(s.scope)).join(', ')
  throw new SafeholdError(
    'AMBIGUOUS_NAME',
    `${quoted(ref.name, 'That name')} names a secret in several scopes (${scopes}); say which with --scope.`,
    'name',
  )
}

export function toSummary(secret: StoredSecret, now: Date): SecretSummary {
  const { status, deletesAt } = statusOf(secret, now.getTime())
  return {
    id: secret.id,
    name: secret.name,
    type: secret.type,
    scope: scopeToString(secret.scope),
    availability: availabilityToString(secret.availability),
    createdAt: secret.createdAt,
    updatedAt: secret.updatedAt,
    lastUsedAt: secret.lastUsedAt,
    expiresAt: secret.expiresAt,
    status,
    deletesAt: deletesAt === null ? null : toIso(deletesAt),
    usages: Object.entries(secret.usages)
      .map(([consumer, usage]) => ({ consumer, ...usage }))
      .sort((a, b) => (a.lastUsedAt < b.lastUsedAt ? 1 : -1)),
    fields: { ...secret.fields },
    keys: [...secret.keys],
    certificateNames:
      secret.certificate === null
        ? null
        : {
            subject: secret.certificate.subject,
            issuer: secret.certificate.issuer,
            subjectAltNames: [...secret.certificate.subjectAltNames],
          },
    notes: secret.notes ?? '',
    tags: [...(secret.tags ?? [])],
    favourite: secret.favourite ?? false,
  }
}

export function toDetails(secret: StoredSecret, now: Date, fingerprintKey: string): SecretDetails {
  return {
    ...toSummary(secret, now),
    certificate: secret.certificate,
    hasPrivateKey: 'privateKey' in secret.values,
    fingerprint: fingerprint(secret.values, fingerprintKey),
    previous: previousView(secret, now, fingerprintKey),
  }
}

/** The previous value's fingerprint and dates; none once its 30 days are over, purged or not. */
function previousView(
  secret: StoredSecret,
  now: Date,
  fingerprintKey: string,
): SecretDetails['previous'] {
  const purgesAt = previousPurgeAt(secret)
  if (purgesAt === null || purgesAt <= now.getTime()) return null
  return {
    fingerprint: fingerprint(secret.previous!.values, fingerprintKey),
    replacedAt: secret.previous!.replacedAt,
    purgesAt: toIso(purgesAt),
  }
}

/** §1.3: lets a user check a value without seeing it. */
export function fingerprint(values: Record<string, string>, fingerprintKey: string): string {
  const canonical = JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)))
  return createHmac('sha256', Buffer.from(fingerprintKey, 'base64'))
    .update(canonical)
    .digest('hex')
    .slice(0, 8)
}
