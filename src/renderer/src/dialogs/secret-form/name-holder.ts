/**
 * Whether a secret name is free in its scope, as far as the listing knows, compared as main
 * compares it (case-insensitively); and the one NAME_TAKEN text main answers with, so the form's
 * error and main's read the same. Main decides in the end: the listing may be a moment old.
 */
import type { Scope } from '../../../../shared/domain'
import { nameTakenMessage } from '../../../../shared/name-text'
import type { SecretSummary } from '../../../../shared/secret-view'

/** The secret other than `ownId` that holds `name` in `scope` (`workspace:Ops`), if any. */
export function nameHolder(
  name: string,
  scope: string,
  secrets: readonly SecretSummary[],
  ownId?: string,
): SecretSummary | undefined {
  const wantedScope = scope.toLowerCase()
  const wanted = name.toLowerCase()
  return secrets.find(
    (s) =>
      s.id !== ownId && s.scope.toLowerCase() === wantedScope && s.name.toLowerCase() === wanted,
  )
}

/** `workspace:Ops` → the scope it names. */
export function scopeOfString(scope: string): Scope {
  if (scope.startsWith('workspace:'))
    return { kind: 'workspace', workspace: scope.slice('workspace:'.length) }
  return scope === 'organization' ? { kind: 'organization' } : { kind: 'personal' }
}

/** The NAME_TAKEN text for a name that `holder` holds. */
export function nameTakenText(holder: SecretSummary): string {
  return nameTakenMessage(
    holder.name,
    scopeOfString(holder.scope),
    holder.status === 'scheduled-for-deletion',
  )
}
