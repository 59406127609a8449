/**
 * The one place the main window is made, with every hardening setting of DESIGN §4: an isolated,
 * sandboxed page with no Node, web security on, no navigation away from our own page, no new
 * windows, no <webview>, every permission refused but a clipboard write from our page, and
 * devtools only in `npm run dev`. The window is always shown, on every desktop. Electron comes in
 * as parameters, so window-factory.test.ts can check each setting.
 */
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Session,
  WebPreferences,
} from 'electron'

export interface MainWindowDeps {
  /** Electron's BrowserWindow class. */
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow
  /** The session the window runs in; its permission handlers are set here. */
  session: Session
  /** Only `npm run dev` (index.ts decides). */
  devTools: boolean
  preloadPath: string
  /** app://safehold/, or the Vite dev server in an unpackaged development run. */
  startUrl: string
  /** The pages the window may show (app-origin.ts). */
  isOwnPage: (url: string) => boolean
}

function webPreferences(deps: MainWindowDeps): WebPreferences {
  return {
    preload: deps.preloadPath,
    session: deps.session,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    plugins: false,
    enableWebSQL: false,
    // A file dropped beside a drop zone must not replace the page with the file.
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Values are typed into this window; on Linux the spellchecker also downloads dictionaries.
    spellcheck: false,
    devTools: deps.devTools,
  }
}

/**
 * No page may use the camera, notifications, reading the clipboard, HID, USB, serial, …: none. The
 * one exception is writing plain text to the clipboard from our own page, which copies a
 * certificate's serial number or SHA-256 (never a value: main copies those itself).
 */
function limitPermissions(session: Session, isOwnPage: (url: string) => boolean): void {
  const allowed = (permission: string, url: string): boolean =>
    permission === 'clipboard-sanitized-write' && isOwnPage(url)
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl)),
  )
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowed(permission, `${requestingOrigin}/`),
  )
  session.setDevicePermissionHandler(() => false)
}

/** How long a window that never reports itself ready stays hidden at most. */
export const SHOW_FALLBACK_MS = 3000

/**
 * Shown on the first paint (ready-to-show), else when the page has loaded, else after a short
 * wait: under Wayland, ready-to-show often never comes (electron/electron#48859), and a window
 * created with `show: false` would stay invisible while the app runs.
 */
function showOnceLoaded(window: BrowserWindow): void {
  const reveal = (): void => {
    clearTimeout(fallback)
    if (!window.isDestroyed() && !window.isVisible()) window.show()
  }
  const fallback = setTimeout(reveal, SHOW_FALLBACK_MS)
  window.once('ready-to-show', reveal)
  window.webContents.once('did-finish-load', reveal)
  window.once('closed', () => clearTimeout(fallback))
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  limitPermissions(deps.session, deps.isOwnPage)
  const window = new deps.BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Safehold',
    webPreferences: webPreferences(deps),
  })
  const contents = window.webContents
  const stayOnOwnPage = (event: { url: string; preventDefault(): void }): void => {
    if (!deps.isOwnPage(event.url)) event.preventDefault()
  }
  contents.on('will-navigate', stayOnOwnPage)
  // Subframes too: will-navigate only sees the main frame.
  contents.on('will-frame-navigate', stayOnOwnPage)
  contents.on('will-redirect', stayOnOwnPage)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  showOnceLoaded(window)
  contents.loadURL(deps.startUrl).catch((error: unknown) => {
    console.error(`Safehold could not load its window: ${(error as Error).message}`)
  })
  return window
}
