/**
 * The Electron composition root (DESIGN §5): with platform/, the only main-process code that
 * imports electron. It wires the Electron-free services to one hardened window in a fixed order,
 * and secret values never leave this process.
 *
 * Fuses are not set here: `npm run dist` flips them in the packaged binary
 * (electron-builder.config.ts). test/shell runs this file's build under a recording electron.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  session,
  systemPreferences,
  Tray,
} from 'electron'
import trayColourIcon from '../../resources/tray.png?asset'
import trayTemplateIcon from '../../resources/trayTemplate.png?asset'
import trayTemplate2xIcon from '../../resources/trayTemplate@2x.png?asset'
import { isSafeholdError } from '../shared/errors'
import { wireLockTriggers } from './app/lock-triggers'
import { createNavigationQueue, type NavigationRequest } from './app/navigation-queue'
import { VaultSession } from './app/vault-session'
import { createIpcRouter } from './ipc/ipc-router'
import { workerKeychain } from './keychain/keychain-worker'
import { systemClock } from './lifecycle/clock'
import { appDataFolder } from './vault/vault-location'
import { writeVaultPointer } from './vault/vault-pointer'
import { appMenuTemplate } from './platform/app-menu'
import { APP_START_URL, ownPageMatcher } from './platform/app-origin'
import { appVaultDir, pinAppFolder } from './platform/app-paths'
import { registerAppScheme, serveAppProtocol } from './platform/app-protocol'
import { quitAfterCleanUp, quitOnSignals } from './platform/app-quit'
import { electronClipboard } from './platform/electron-clipboard'
import { electronFolderPicker } from './platform/electron-folder-picker'
import { loginItemsFor, startedAtLogin } from './platform/electron-login-items'
import { electronNotifier } from './platform/electron-notifier'
import { electronPowerEvents } from './platform/electron-power-events'
import { registerIpcHandlers } from './platform/ipc-main'
import { createTray, setTrayLockable, type TrayDeps } from './platform/tray'
import { touchIdVerification } from './platform/touch-id'
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
  let vault: VaultSession | null = null
  let mainWindow: BrowserWindow | null = null
  // Held for the life of the process: a Tray that is garbage collected leaves the panel.
  let tray: Tray | null = null
  // Made before the vault opens: a notification clicked meanwhile is still acted on.
  const navigation = createNavigationQueue()
  // A login start (autostart, login items) stays in the tray until the user opens the window.
  const hidden = startedAtLogin(process.argv, app, process.platform)

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
    if (vault === null) return
    if (mainWindow === null || mainWindow.isDestroyed()) {
      openWindow()
      return
    }
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  }

  /** A notification clicked, the tray's Upcoming: the page is told where, then shown. */
  const navigate = (request: NavigationRequest): void => {
    navigation.push(request)
    bringForward()
  }

  app.on('second-instance', bringForward)
  app.on('activate', bringForward)
  // On every OS, closing the window leaves Safehold running in the tray so reminders still fire;
  // with this listener, Electron no longer quits when the last window closes. Quit is in the tray.
  app.on('window-all-closed', () => undefined)
  // A copied value still on the clipboard is cleared before the process ends, not left behind.
  quitAfterCleanUp(app, () => vault?.close() ?? Promise.resolve())
  // Windows leaves an icon that was not destroyed in the notification area until hovered.
  app.on('quit', () => tray?.destroy())

  const start = async (): Promise<void> => {
    serveAppProtocol(session.defaultSession.protocol, join(__dirname, '../renderer'))
    const keychain = workerKeychain()
    // Asked now, off the main thread: the welcome screen has its answer when it asks.
    void keychain.status()
    const created = new VaultSession({
      vaultDir: appVaultDir(),
      clock: systemClock,
      keychain,
      keychainStatus: () => keychain.status(),
      folderPicker: electronFolderPicker(dialog, () => mainWindow),
      osVerification: touchIdVerification(systemPreferences, process.platform),
      remember: (dir) => writeVaultPointer(appDataFolder(), dir),
      notifier: electronNotifier({
        Notification,
        openSecret: (secretId) => navigate({ secretId }),
      }),
      services: {
        clipboard: electronClipboard(clipboard),
        navigation,
        loginItems: loginItemsFor(process.platform, {
          app,
          // A packaged AppImage runs from a mount that changes every launch; APPIMAGE is the file.
          command: app.isPackaged
            ? [process.env['APPIMAGE'] ?? process.execPath]
            : [process.execPath, app.getAppPath()],
        }),
      },
      onError: (error) =>
        console.error(
          `Safehold: ${error instanceof Error ? error.name : 'error'} in the background`,
        ),
    })
    // A vault with a passphrase waits on the unlock screen; one without a vault, on the welcome
    // screen. Reminders start with the open vault: a pass now (catching up on what fell due while
    // Safehold was closed), then at least every 60 s, which keeps them coming where the power
    // events go missing (Linux).
    await created.start({ passphrase: passphraseFromEnv() })
    vault = created
    const opened = created
    const lockNow = (): void => void opened.lock('user').catch(() => undefined)
    // The OS locking the screen or sleeping locks the vault; waking looks for reminders again.
    wireLockTriggers(electronPowerEvents(powerMonitor), opened)
    registerIpcHandlers(ipcMain, createIpcRouter(opened, { isOwnPage }))
    const setMenu = (): void =>
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          appMenuTemplate({
            appName: app.name,
            isMac: process.platform === 'darwin',
            devTools: development,
            lock: { run: lockNow, enabled: opened.currentPhase === 'open' },
            // The window takes it from the navigation queue, as it takes the tray's Upcoming.
            importEnv: {
              run: () => navigate({ view: 'import-env' }),
              enabled: opened.currentPhase === 'open',
            },
          }),
        ),
      )
    setMenu()
    const trayDeps: TrayDeps = {
      Tray,
      Menu,
      nativeImage,
      readFile: (path) => readFileSync(path),
      platform: process.platform,
      icons: { colour: trayColourIcon, template: trayTemplateIcon, template2x: trayTemplate2xIcon },
      actions: {
        open: bringForward,
        upcoming: () => navigate({ view: 'upcoming' }),
        lock: lockNow,
        quit: () => app.quit(),
      },
    }
    const madeTray = createTray(trayDeps, opened.currentPhase === 'open')
    tray = madeTray
    opened.onChange(() => {
      setMenu()
      setTrayLockable(madeTray, trayDeps, opened.currentPhase === 'open')
    })
    if (!hidden) openWindow()
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
