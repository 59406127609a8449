/**
 * The application menu: the usual roles, so the standard shortcuts (undo, cut, copy, paste,
 * select all, zoom, reload, quit) work in every text field, and "Import .env…" and "Lock now",
 * greyed while no vault is open. The lock's shortcut, Ctrl/Cmd+L, is shown here but handled by the
 * window, which asks first when a form holds typed data; a menu accelerator would lock before the
 * window could ask.
 * Developer tools appear only in `npm run dev`, matching the window's `devTools` preference.
 */
import type { MenuItemConstructorOptions } from 'electron'

export interface MenuOptions {
  appName: string
  isMac: boolean
  devTools: boolean
  /** "Lock now": absent where there is no vault session. */
  lock?: { run: () => void; enabled: boolean }
  /** "Import .env…": asks the window to open its import dialog; greyed while no vault is open. */
  importEnv?: { run: () => void; enabled: boolean }
}

export const LOCK_ACCELERATOR = 'CmdOrCtrl+L'

const separator: MenuItemConstructorOptions = { type: 'separator' }

export function appMenuTemplate({
  appName,
  isMac,
  devTools,
  lock,
  importEnv,
}: MenuOptions): MenuItemConstructorOptions[] {
  const importItems: MenuItemConstructorOptions[] =
    importEnv === undefined
      ? []
      : [
          { label: 'Import .env…', enabled: importEnv.enabled, click: () => importEnv.run() },
          separator,
        ]
  const lockItems: MenuItemConstructorOptions[] =
    lock === undefined
      ? []
      : [
          {
            label: 'Lock now',
            accelerator: LOCK_ACCELERATOR,
            registerAccelerator: false,
            enabled: lock.enabled,
            click: () => lock.run(),
          },
          separator,
        ]
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : []
  const developer: MenuItemConstructorOptions[] = devTools
    ? [separator, { role: 'toggleDevTools' }]
    : []
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [...importItems, ...lockItems, isMac ? { role: 'close' } : { role: 'quit' }],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'delete' },
        separator,
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
        ...developer,
      ],
    },
    {
      role: 'window',
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    { role: 'help', submenu: isMac ? [] : [{ role: 'about' }] },
  ]
}
