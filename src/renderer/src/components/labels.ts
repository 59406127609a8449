/** Words for the scope and availability strings that secrets carry (`workspace:Ops`, `spot:X`). */
import type { ScopeTab } from '../store/secrets-store'

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
export function scopeTabString(scope: ScopeTab): string {
  return scope.kind === 'workspace' ? `workspace:${scope.workspace}` : scope.kind
}

export function scopeTabLabel(scope: ScopeTab): string {
  return scopeStringLabel(scopeTabString(scope))
}
