/**
 * Where the vault lives by default: the per-OS app-data folder, the same one the desktop app uses
 * (Electron's userData for the product name "Safehold"), so app and CLI share one vault; or the
 * folder the app was last pointed at with "Open a vault folder…" (vault-pointer.ts).
 */
import { homedir } from 'node:os'
import { join } from 'node:path'
import { readVaultPointer } from './vault-pointer'

export const APP_FOLDER = 'Safehold'

export function appDataFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER)
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), APP_FOLDER)
}

/** SAFEHOLD_VAULT_DIR, else the remembered folder, else `vault` in the app-data folder. */
export function defaultVaultDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['SAFEHOLD_VAULT_DIR']) return env['SAFEHOLD_VAULT_DIR']
  const folder = appDataFolder(env)
  return readVaultPointer(folder) ?? join(folder, 'vault')
}

/**
 * Per-user, per-machine state that must not travel with the vault folder: the rollback marks.
 * Not roamed on Windows (LOCALAPPDATA), XDG state on Linux; SAFEHOLD_STATE_DIR chooses another.
 */
export function stateFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env['SAFEHOLD_STATE_DIR']) return env['SAFEHOLD_STATE_DIR']
  if (platform === 'win32')
    return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), APP_FOLDER, 'State')
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', APP_FOLDER, 'State')
  return join(env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state'), APP_FOLDER)
}
