/**
 * The desktop app and the `safehold` command share one vault: the app's profile folder is pinned
 * to the CLI's per-OS app-data folder ("Safehold"), whatever package.json calls the app, and the
 * vault is found by the same function the CLI uses (SAFEHOLD_VAULT_DIR, else <that folder>/vault).
 */
import { mkdirSync } from 'node:fs'
import type { App } from 'electron'
import { APP_FOLDER, appDataFolder, defaultVaultDir } from '../vault/vault-location'

type AppIdentity = Pick<App, 'setName' | 'setPath' | 'commandLine'>

/**
 * Before ready and before the single-instance lock, which lives in the profile folder. Electron
 * derives userData from package.json's name ("safehold"); on Linux that is a different folder.
 */
export function pinAppFolder(app: AppIdentity, env: NodeJS.ProcessEnv = process.env): void {
  app.setName(APP_FOLDER)
  if (app.commandLine.hasSwitch('user-data-dir')) return
  const folder = appDataFolder(env)
  // app.setPath refuses a folder that does not exist yet.
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  app.setPath('userData', folder)
}

export function appVaultDir(env: NodeJS.ProcessEnv = process.env): string {
  return defaultVaultDir(env)
}
