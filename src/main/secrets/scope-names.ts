/**
 * Names within the vault, as pure checks on its state: a workspace is found and kept unique
 * case-insensitively, and a secret name is unique within its scope however it is cased (a name
 * held by a secret scheduled for deletion included). Errors name the field; a name is quoted
 * only when it is safe to show.
 */
import type { Scope } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { nameKey, nameTakenMessage, quoted } from '../../shared/name-text'
import { workspaceNameSchema } from '../../shared/secret-rules'
import type { VaultState } from '../vault/vault-state'
import { check } from './rule-check'
import { findByName } from './secret-lookup'

/** The workspace as the vault spells it, else WORKSPACE_NOT_FOUND listing the existing ones. */
export function existingWorkspace(state: VaultState, name: string, field: string): string {
  const wanted = nameKey(name)
  const workspace = state.workspaces.find((w) => nameKey(w) === wanted)
  if (workspace !== undefined) return workspace
  const existing = state.workspaces.length
    ? `Existing workspaces: ${state.workspaces.join(', ')}.`
    : 'There are no workspaces yet; add one with "safehold workspace add NAME".'
  throw new SafeholdError(
    'WORKSPACE_NOT_FOUND',
    `There is no workspace ${quoted(name, 'of that name')}. ${existing}`,
    field,
  )
}

/** The scope as the vault spells it: a workspace is found case-insensitively, like names. */
export function existingScope(state: VaultState, scope: Scope): Scope {
  if (scope.kind !== 'workspace') return scope
  return { kind: 'workspace', workspace: existingWorkspace(state, scope.workspace, 'scope') }
}

/** A new workspace name, checked and unique; `renaming` may keep its own name in another case. */
export function freeWorkspaceName(state: VaultState, name: string, renaming?: string): string {
  const valid = check(workspaceNameSchema, name, 'workspace')
  // Compared as normalized, case-folded keys: "Pay ments " is the workspace "pay ments".
  if (state.workspaces.some((w) => w !== renaming && nameKey(w) === nameKey(valid))) {
    throw new SafeholdError(
      'WORKSPACE_EXISTS',
      `A workspace named ${quoted(valid, 'like that')} already exists.`,
      'workspace',
    )
  }
  return valid
}

/** NAME_TAKEN unless `name` is free in `scope`; `ownId` may keep its own name in another case. */
export function assertNameFree(
  state: VaultState,
  name: string,
  scope: Scope,
  ownId?: string,
): void {
  const holder = findByName(state, name, scope)
  if (!holder || holder.id === ownId) return
  throw new SafeholdError(
    'NAME_TAKEN',
    nameTakenMessage(holder.name, scope, holder.scheduledAt !== null),
    'name',
  )
}
