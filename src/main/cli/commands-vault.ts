/** init, workspace, profile, backups and restore. */
import { isSafeholdError, SafeholdError } from '../../shared/errors'
import type { Role } from '../../shared/domain'
import type { SecretsService } from '../secrets/secrets-service'
import { DEFAULT_ORGANIZATION, localLoginName } from '../app/app-services'
import { listVaultBackups, restoreVault } from '../vault/vault-access'
import type { CliContext } from './cli-context'
import { printable, printJson, printProfile, printTable } from './cli-output'

async function service(context: CliContext): Promise<SecretsService> {
  return (await context.services()).secrets
}

export async function init(
  context: CliContext,
  _args: string[],
  options: { org?: string; user?: string },
): Promise<void> {
  const vault = await context.create({
    organization: options.org ?? DEFAULT_ORGANIZATION,
    user: options.user ?? localLoginName(),
    role: 'account-holder',
  })
  const dir = vault.vaultDir
  if (context.json) {
    printJson(
      { vault: dir, vaultId: vault.store.vaultId, protection: vault.protection },
      context.out,
    )
  } else {
    context.out.write(
      `Vault created in ${printable(dir)} (${vault.protection}). You are its Account Holder.\n`,
    )
  }
}

export async function workspaceAdd(context: CliContext, args: string[]): Promise<void> {
  const profile = await (await service(context)).addWorkspace(args[0]!)
  if (context.json) printJson(profile.workspaces, context.out)
  else context.out.write(`Workspace added. Workspaces: ${profile.workspaces.join(', ')}.\n`)
}

export async function workspaceRename(context: CliContext, args: string[]): Promise<void> {
  const profile = await (await service(context)).renameWorkspace(args[0]!, args[1]!)
  if (context.json) printJson(profile.workspaces, context.out)
  else context.out.write(`Workspace renamed. Workspaces: ${profile.workspaces.join(', ')}.\n`)
}

export async function workspaceList(context: CliContext): Promise<void> {
  const { workspaces } = (await service(context)).profile()
  if (context.json) printJson(workspaces, context.out)
  else
    context.out.write(
      workspaces.length
        ? workspaces.join('\n') + '\n'
        : 'No workspaces yet; add one with "safehold workspace add NAME".\n',
    )
}

export async function profile(
  context: CliContext,
  _args: string[],
  options: { user?: string; role?: Role; confirm?: string },
): Promise<void> {
  const secrets = await service(context)
  const changing = options.user !== undefined || options.role !== undefined
  if (options.confirm !== undefined && options.confirm !== 'DEMOTE') {
    throw new SafeholdError(
      'CONFIRMATION_REQUIRED',
      'To confirm, pass --confirm DEMOTE exactly.',
      'confirm',
    )
  }
  const view = changing
    ? await secrets
        .updateProfile({
          ...(options.user === undefined ? {} : { user: options.user }),
          ...(options.role === undefined ? {} : { role: options.role }),
          confirmDemotion: options.confirm === 'DEMOTE',
        })
        .catch((error: unknown) => {
          if (isSafeholdError(error) && error.code === 'CONFIRMATION_REQUIRED') {
            throw new SafeholdError(
              error.code,
              `${error.message} Repeat with --confirm DEMOTE.`,
              'confirm',
            )
          }
          throw error
        })
    : secrets.profile()
  if (context.json) printJson(view, context.out)
  else printProfile(view, context.out)
}

export function backups(context: CliContext): Promise<void> {
  // Reads neither the key nor the live files: it must work when they are damaged.
  const list = listVaultBackups(context.vaultDir)
  if (context.json) printJson(list, context.out)
  else if (list.length === 0)
    context.out.write('No backups yet: one is kept each time the vault is compacted.\n')
  else
    printTable(
      [['BACKUP', 'TAKEN', 'GENERATION'], ...list.map((b) => [b.id, b.createdAt, b.generation])],
      context.out,
    )
  return Promise.resolve()
}

export async function restore(
  context: CliContext,
  args: string[],
  options: { confirm?: string },
): Promise<void> {
  if (options.confirm !== 'RESTORE') {
    throw new SafeholdError(
      'CONFIRMATION_REQUIRED',
      'Restoring replaces the live vault with the backup (the current state is kept as a backup). Pass --confirm RESTORE to go ahead.',
      'confirm',
    )
  }
  await restoreVault(context.vaultDir, await context.keySources(), args[0]!, context.clock.now())
  // Only a listed backup gets this far: its name is one of Safehold's own.
  if (context.json) printJson({ restored: args[0] }, context.out)
  else context.out.write(`Backup ${args[0]} restored; the state it replaced is now a backup too.\n`)
}
