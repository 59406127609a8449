/**
 * Changes to the vault's profile made in Settings: a workspace renamed, the Account Holder's role
 * given up. Each asks main once; on success main's answer replaces the store's profile and the
 * listing is reloaded (a renamed workspace's secrets carry its new name), on failure main's error
 * comes back for the form to show beside its field.
 */
import type { Role } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import { call } from '../dialogs/ui/bridge'
import { useSecretsStore } from './secrets-store'

/** Renames `from` to `to`; the listing of `from`, if it was the one chosen, follows it. */
export async function renameWorkspace(from: string, to: string): Promise<ErrorInfo | null> {
  const result = await call((bridge) => bridge.workspaces.rename({ from, to }))
  if (!result.ok) return result.error
  const store = useSecretsStore.getState()
  const before = store.profile?.workspaces ?? []
  // Main stores the name normalized; the new one is the name the old list did not have.
  const renamed = result.value.workspaces.find((w) => !before.includes(w)) ?? from
  store.setProfile(result.value)
  if (store.scope.kind === 'workspace' && store.scope.workspace === from)
    useSecretsStore.setState({ scope: { kind: 'workspace', workspace: renamed } })
  store.toast(
    renamed === from
      ? `The workspace "${from}" keeps its name.`
      : `Renamed the workspace "${from}" to "${renamed}"; its secrets moved with it.`,
  )
  await store.refresh()
  return null
}

/** Gives up the Account Holder role for `role`; the user has confirmed it (DESIGN §1.2). */
export async function giveUpHolderRole(role: Role): Promise<ErrorInfo | null> {
  const result = await call((bridge) => bridge.profile.update({ role, confirmDemotion: true }))
  if (!result.ok) return result.error
  useSecretsStore.getState().setProfile(result.value)
  return null
}
