/**
 * The names of the IPC channels and where each sits on window.safehold, with no schema attached.
 * The sandboxed preload imports only this file, so it stays a couple of kilobytes with no zod in
 * it; ipc-contract.ts holds the schemas and a test keeps the two lists equal.
 */

export const CHANNELS = [
  'app:state',
  'profile:update',
  'workspaces:add',
  'secrets:list',
  'secrets:show',
  'secrets:history',
  'secrets:register',
  'secrets:edit',
  'secrets:delete-now',
  'secrets:schedule-deletion',
  'secrets:cancel-deletion',
  'secrets:copy',
  'secrets:test-connection',
  'notifications:list',
  'notifications:mark-all-read',
  'settings:get',
  'settings:update',
  'app:take-navigation',
  'certificates:inspect',
  'vault:state',
  'vault:create',
  'vault:open-folder',
  'vault:unlock',
  'vault:lock',
  'vault:touch',
  'vault:add-passphrase',
  'workspaces:rename',
  'secrets:restore-previous',
  'audit:list',
  'scan:start',
  'scan:status',
  'scan:cancel',
  'import:preview-env',
  'import:env',
  'files:parse-kv',
] as const

export type ChannelName = (typeof CHANNELS)[number]

/** `secrets:delete-now` → ['secrets', 'deleteNow']: where a channel sits on window.safehold. */
export function bridgePath(channel: ChannelName): [string, string] {
  const [domain, verb] = channel.split(':') as [string, string]
  return [domain, verb.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())]
}
