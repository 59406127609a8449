/** Role rules of DESIGN.md §1.2, enforced in the main process whatever the caller shows. */
import { ROLE_LABELS, type Role, type Scope } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'

export function canManageOrganization(role: Role): boolean {
  return role === 'account-holder' || role === 'account-manager'
}

export function assertMayChange(role: Role, scope: Scope, verb: string): void {
  if (scope.kind === 'organization' && !canManageOrganization(role)) {
    // An existing secret cannot change scope, so only a new one can go elsewhere.
    const advice =
      verb === 'register'
        ? 'Choose Workspace or Personal.'
        : 'Ask an Account Holder or Account Manager to do it.'
    throw new SafeholdError(
      'FORBIDDEN_SCOPE',
      `Only an Account Holder or Account Manager can ${verb} organization secrets; you are a ${ROLE_LABELS[role]}. ${advice}`,
      'scope',
    )
  }
}
