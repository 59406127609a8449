/**
 * Words for the scope and availability strings that secrets carry (`workspace:Ops`, `spot:X`).
 * Pure and store-free, so the listing's pure modules and their unit tests can use it.
 */
import type { Scope } from '../../../shared/domain'

/** `organization` → Entire organization; `spot:CodeCrafters` → Spot: CodeCrafters; none → —. */
export function availabilityLabel(availability: string | null): string {
  if (availability === null) return '—'
  if (availability.startsWith('spot:')) return `Spot: ${availability.slice(5)}`
  return 'Entire organization'
}

/** `workspace:Ops` → Workspace Ops; `organization` → Organization; `personal` → Personal. */
export function scopeStringLabel(scope: string): string {
  if (scope.startsWith('workspace:')) return `Workspace ${scope.slice(10)}`
  return scope === 'organization' ? 'Organization' : 'Personal'
}

/** The scope string a secret of this tab carries. */
export function scopeTabString(scope: Scope): string {
  return scope.kind === 'workspace' ? `workspace:${scope.workspace}` : scope.kind
}

export function scopeTabLabel(scope: Scope): string {
  return scopeStringLabel(scopeTabString(scope))
}
