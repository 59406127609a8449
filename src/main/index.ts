/**
 * The Electron composition root (DESIGN §5): with platform/, the only main-process code that
 * imports electron. It wires the Electron-free services to one hardened window in a fixed order,
 * and secret values never leave this process.
 *
 * Fuses are not set here: `npm run dist` flips them in the packaged binary
 * (electron-builder.config.ts). test/shell runs this file's build under a recording electron.
 */
import { join } from 'node:path'
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, protocol, session } from 'electron'
import { isSafeholdError } from '../shared/errors'
import { openAppServices, type AppServices } from './app/app-services'
import { createIpcRouter } from './ipc/ipc-router'
import { osKeychain } from './keychain/keychain'
import { systemClock } from './lifecycle/clock'
import { appMenuTemplate } from './platform/app-menu'
import { APP_START_URL, ownPageMatcher } from './platform/app-origin'
import { appVaultDir, pinAppFolder } from './platform/app-paths'
import { registerAppScheme, serveAppProtocol } from './platform/app-protocol'
import { quitAfterCleanUp, quitOnSignals } from './platform/app-quit'
import { electronClipboard } from './platform/electron-clipboard'
import { registerIpcHandlers } from './platform/ipc-main'
import { createMainWindow } from './platform/window-factory'

function passphraseFromEnv(): string | null {
  const value = process.env['SAFEHOLD_PASSPHRASE']
  return value === undefined || value === '' ? null : value
}

/** A message the user can act on, in a native dialog; never a stack trace. */
function failToStart(error: unknown): void {
  const message = isSafeholdError(error)
    ? error.message
    : `Safehold could not start: ${error instanceof Error ? error.message : String(error)}`
  dialog.showErrorBox('Safehold could not start', message)
  app.exit(1)
}

export function createApp(): void {
  // Before ready, in this order: the profile folder holds the single-instance lock.
  pinAppFolder(app)
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  // Every renderer sandboxed, whatever a window's own preferences say.
  app.enableSandbox()
  registerAppScheme(protocol)

  // A development server is ours only in `npm run dev`: electron-vite compiles
  // import.meta.env.DEV to true in its dev build alone, so the app that `npm start`, `npm run
  // build` or a package runs never takes a page, and gives IPC, to a URL from its environment.
  const development = import.meta.env.DEV && !app.isPackaged
  const devServer = development ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null
  const isOwnPage = ownPageMatcher(devServer)
  let services: AppServices | null = null
  let mainWindow: BrowserWindow | null = null

  const openWindow = (): BrowserWindow => {
    mainWindow = createMainWindow({
      BrowserWindow,
      session: session.defaultSession,
      devTools: development,
      preloadPath: join(__dirname, '../preload/index.js'),
      startUrl: devServer ?? APP_START_URL,
      isOwnPage,
    })
    return mainWindow
  }
  /** A launch while running (second-instance, the Dock's activate) leads to a window. */
  const bringForward = (): void => {
    if (services === null) return
    if (mainWindow === null || mainWindow.isDestroyed()) {
      openWindow()
      return
    }
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  }

  app.on('second-instance', bringForward)
  app.on('activate', bringForward)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  // A copied value still on the clipboard is cleared before the process ends, not left behind.
  quitAfterCleanUp(app, () => services?.close().cleared ?? Promise.resolve())

  const start = async (): Promise<void> => {
    serveAppProtocol(session.defaultSession.protocol, join(__dirname, '../renderer'))
    services = await openAppServices({
      vaultDir: appVaultDir(),
      keychain: osKeychain(),
      passphrase: passphraseFromEnv(),
      clock: systemClock,
      clipboard: electronClipboard(clipboard),
      createIfMissing: true,
    })
    registerIpcHandlers(ipcMain, createIpcRouter(services, { isOwnPage }))
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          appName: app.name,
          isMac: process.platform === 'darwin',
          devTools: development,
        }),
      ),
    )
    openWindow()
  }
  app
    .whenReady()
    .then(() => {
      quitOnSignals(app)
      return start()
    })
    .catch(failToStart)
}

createApp()
