/**
 * The tray icon (the menu bar on macOS): with the window closed, it is how Safehold is reached,
 * and the app keeps running behind it so reminders still fire. Every action is in its context
 * menu, because AppIndicator on Linux never reports a click on the icon itself. On Windows a click
 * on the icon also opens the window; on macOS a click opens the menu, as menu bar icons do. A menu
 * item is shown only for what works; "Lock now" is greyed while there is no open vault to lock,
 * as the menu is rebuilt whenever the vault opens or locks.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron'

export interface TrayActions {
  open(): void
  upcoming(): void
  lock(): void
  quit(): void
}

/** DESIGN §6.4: Open Safehold, Upcoming, Lock now, Quit. */
export function trayMenuTemplate(
  actions: TrayActions,
  lockable = false,
): MenuItemConstructorOptions[] {
  return [
    { label: 'Open Safehold', click: () => actions.open() },
    { label: 'Upcoming', click: () => actions.upcoming() },
    { label: 'Lock now', enabled: lockable, click: () => actions.lock() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ]
}

export interface TrayIcons {
  /** Coloured, for Linux and Windows panels. */
  colour: string
  /** Black with alpha at 1x and 2x: macOS tints a template image for a light or dark menu bar. */
  template: string
  template2x: string
}

export interface TrayDeps {
  Tray: new (image: NativeImage) => Tray
  Menu: Pick<typeof Menu, 'buildFromTemplate'>
  nativeImage: {
    createFromPath(path: string): NativeImage
  }
  readFile: (path: string) => Buffer
  platform: NodeJS.Platform
  icons: TrayIcons
  actions: TrayActions
}

function trayImage(deps: TrayDeps): NativeImage {
  if (deps.platform !== 'darwin') return deps.nativeImage.createFromPath(deps.icons.colour)
  const image = deps.nativeImage.createFromPath(deps.icons.template)
  // The bundled file names carry a content hash, so the `…Template` / `@2x` naming that macOS
  // reads is lost: both are said here instead.
  image.addRepresentation({ scaleFactor: 2, buffer: deps.readFile(deps.icons.template2x) })
  image.setTemplateImage(true)
  return image
}

/** After ready. The caller keeps the returned Tray: one that is garbage collected disappears. */
export function createTray(deps: TrayDeps, lockable = false): Tray {
  const tray = new deps.Tray(trayImage(deps))
  tray.setToolTip('Safehold')
  setTrayLockable(tray, deps, lockable)
  if (deps.platform === 'win32') tray.on('click', () => deps.actions.open())
  return tray
}

/** The vault opened or locked: "Lock now" follows (AppIndicator needs the whole menu again). */
export function setTrayLockable(
  tray: Pick<Tray, 'setContextMenu'>,
  deps: Pick<TrayDeps, 'Menu' | 'actions'>,
  lockable: boolean,
): void {
  tray.setContextMenu(deps.Menu.buildFromTemplate(trayMenuTemplate(deps.actions, lockable)))
}
