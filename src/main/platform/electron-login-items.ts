/**
 * Launch at login through the OS's own list on macOS and Windows (app.setLoginItemSettings), and
 * through an XDG autostart entry on Linux; a login start opens no window. Where none applies,
 * Launch at login is not offered (null), rather than shown and doing nothing.
 */
import type { App } from 'electron'
import { linuxAutostart } from '../app/autostart-linux'
import { HIDDEN_ARG, type LoginItems } from '../app/login-items'

type LoginItemApp = Pick<App, 'getLoginItemSettings' | 'setLoginItemSettings'>

/**
 * macOS has no launch arguments for a login item (openAsHidden is gone since macOS 13), so a
 * login start is told by `wasOpenedAtLogin` instead (startedAtLogin). Windows runs the Run key's
 * command, which carries --hidden; it is compared with the same arguments, or an entry written
 * with other arguments would count as ours.
 */
export function electronLoginItems(app: LoginItemApp, platform: NodeJS.Platform): LoginItems {
  const args = platform === 'win32' ? [HIDDEN_ARG] : []
  return {
    get: () =>
      app.getLoginItemSettings(platform === 'win32' ? { args } : undefined).openAtLogin === true,
    set: (enabled) =>
      app.setLoginItemSettings(
        platform === 'win32' ? { openAtLogin: enabled, args } : { openAtLogin: enabled },
      ),
  }
}

/** True when this run was started at login and should stay in the tray. */
export function startedAtLogin(
  argv: readonly string[],
  app: Pick<App, 'getLoginItemSettings'>,
  platform: NodeJS.Platform,
): boolean {
  if (argv.includes(HIDDEN_ARG)) return true
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true
}

export function loginItemsFor(
  platform: NodeJS.Platform,
  deps: { app: LoginItemApp; command: readonly string[]; env?: NodeJS.ProcessEnv },
): LoginItems | null {
  if (platform === 'darwin' || platform === 'win32') return electronLoginItems(deps.app, platform)
  if (platform === 'linux') {
    return linuxAutostart({
      command: deps.command,
      ...(deps.env === undefined ? {} : { env: deps.env }),
    })
  }
  return null
}
