import type { BrowserWindowConstructorOptions, Session } from 'electron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { appMenuTemplate } from '../../src/main/platform/app-menu'
import { APP_START_URL, ownPageMatcher } from '../../src/main/platform/app-origin'
import {
  createMainWindow,
  SHOW_FALLBACK_MS,
  type MainWindowDeps,
} from '../../src/main/platform/window-factory'

// DESIGN §4, one assertion per hardening setting: changing any of them must fail this file.

type Listener = (...args: unknown[]) => unknown

class FakeContents {
  readonly listeners = new Map<string, Listener[]>()
  openHandler: Listener | null = null
  loaded: string[] = []
  /** What was in place when the page started loading. */
  guardsAtLoad: string[] = []
  /** One-shot listeners: page events, not guards. */
  readonly onceListeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener): this {
    this.onceListeners.set(event, [...(this.onceListeners.get(event) ?? []), listener])
    return this
  }
  emitOnce(event: string): void {
    const listeners = this.onceListeners.get(event) ?? []
    this.onceListeners.delete(event)
    for (const listener of listeners) listener()
  }
  setWindowOpenHandler(handler: Listener): void {
    this.openHandler = handler
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url)
    this.guardsAtLoad = [...this.listeners.keys(), ...(this.openHandler ? ['window-open'] : [])]
    return Promise.resolve()
  }
}

class FakeWindow extends FakeContents {
  static made: FakeWindow[] = []
  readonly webContents = new FakeContents()
  visible = false
  readonly show = vi.fn(() => {
    this.visible = true
  })
  isVisible(): boolean {
    return this.visible
  }
  isDestroyed(): boolean {
    return false
  }
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super()
    FakeWindow.made.push(this)
  }
}

function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  }
}

function make(overrides: Partial<MainWindowDeps> = {}) {
  const session = fakeSession()
  const deps: MainWindowDeps = {
    BrowserWindow: FakeWindow as unknown as MainWindowDeps['BrowserWindow'],
    session: session as unknown as Session,
    devTools: false,
    preloadPath: '/app/out/preload/index.js',
    startUrl: APP_START_URL,
    isOwnPage: ownPageMatcher(null),
    ...overrides,
  }
  const window = createMainWindow(deps) as unknown as FakeWindow
  return { window, session, contents: window.webContents, deps }
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() }
}

const FOREIGN_URLS = [
  'https://evil.example/',
  'http://127.0.0.1:5173/',
  'file:///etc/passwd',
  'app://safehold.evil/',
  'app://safehold@evil/',
  'app://other/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  '',
]

describe('the main window', () => {
  it('is created with exactly the hardened web preferences', () => {
    const { window, session } = make()
    expect(window.options.webPreferences).toStrictEqual({
      preload: '/app/out/preload/index.js',
      session,
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
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    })
  })

  it('allows devtools only when asked to (npm run dev)', () => {
    expect(make({ devTools: false }).window.options.webPreferences?.devTools).toBe(false)
    expect(make({ devTools: true }).window.options.webPreferences?.devTools).toBe(true)
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('is titled Safehold, hidden until its first paint, then shown once', () => {
    vi.useFakeTimers()
    const { window, contents } = make()
    expect(window.options).toMatchObject({ title: 'Safehold', show: false })
    expect(window.show).not.toHaveBeenCalled()
    window.emitOnce('ready-to-show')
    expect(window.show).toHaveBeenCalledTimes(1)
    contents.emitOnce('did-finish-load')
    vi.advanceTimersByTime(SHOW_FALLBACK_MS * 2)
    expect(window.show).toHaveBeenCalledTimes(1)
  })

  it('is shown when the page has loaded though no first paint is reported (Wayland)', () => {
    vi.useFakeTimers()
    const { window, contents } = make()
    contents.emitOnce('did-finish-load')
    expect(window.show).toHaveBeenCalledTimes(1)
  })

  it('is shown after a short wait when neither event comes', () => {
    vi.useFakeTimers()
    const { window } = make()
    vi.advanceTimersByTime(SHOW_FALLBACK_MS - 1)
    expect(window.show).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(window.show).toHaveBeenCalledTimes(1)
  })

  it('loads the start URL after every guard is in place', () => {
    const { contents } = make()
    expect(contents.loaded).toEqual([APP_START_URL])
    expect(contents.guardsAtLoad.sort()).toEqual(
      [
        'will-navigate',
        'will-frame-navigate',
        'will-redirect',
        'will-attach-webview',
        'window-open',
      ].sort(),
    )
  })

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s: refuses every other page and keeps our own',
    (eventName) => {
      const { contents } = make()
      const [listener] = contents.listeners.get(eventName) ?? []
      for (const url of FOREIGN_URLS) {
        const event = navigationEvent(url)
        listener?.(event)
        expect(event.preventDefault, url).toHaveBeenCalled()
      }
      for (const url of [APP_START_URL, 'app://safehold/index.html']) {
        const event = navigationEvent(url)
        listener?.(event)
        expect(event.preventDefault, url).not.toHaveBeenCalled()
      }
    },
  )

  it('lets the development server through only when it is our page', () => {
    const dev = make({ devTools: true, isOwnPage: ownPageMatcher('http://localhost:5173') })
    const [listener] = dev.contents.listeners.get('will-navigate') ?? []
    const ours = navigationEvent('http://localhost:5173/')
    listener?.(ours)
    expect(ours.preventDefault).not.toHaveBeenCalled()
    const other = navigationEvent('http://localhost:5174/')
    listener?.(other)
    expect(other.preventDefault).toHaveBeenCalled()
  })

  it('denies every new window', () => {
    const { contents } = make()
    for (const url of [...FOREIGN_URLS, APP_START_URL]) {
      expect(contents.openHandler?.({ url, disposition: 'new-window' })).toEqual({
        action: 'deny',
      })
    }
  })

  it('destroys any <webview> before it attaches', () => {
    const { contents } = make()
    const [listener] = contents.listeners.get('will-attach-webview') ?? []
    const event = { preventDefault: vi.fn() }
    listener?.(event, {}, { src: APP_START_URL })
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('refuses every permission request, check and device', () => {
    const { session } = make()
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as Listener
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as Listener
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as Listener
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'hid']) {
      const callback = vi.fn()
      request(null, permission, callback, { requestingUrl: APP_START_URL })
      expect(callback, permission).toHaveBeenCalledWith(false)
      expect(check(null, permission, 'app://safehold', {}), permission).toBe(false)
    }
    expect(device({ deviceType: 'usb', origin: 'app://safehold' })).toBe(false)
  })

  it('lets only our own page write text to the clipboard', () => {
    const { session } = make()
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as Listener
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as Listener
    const ours = vi.fn()
    request(null, 'clipboard-sanitized-write', ours, { requestingUrl: APP_START_URL })
    expect(ours).toHaveBeenCalledWith(true)
    expect(check(null, 'clipboard-sanitized-write', 'app://safehold', {})).toBe(true)
    const stranger = vi.fn()
    request(null, 'clipboard-sanitized-write', stranger, { requestingUrl: 'https://evil.test/' })
    expect(stranger).toHaveBeenCalledWith(false)
    expect(check(null, 'clipboard-sanitized-write', 'https://evil.test', {})).toBe(false)
  })

  it('returns the window it made', () => {
    FakeWindow.made = []
    const { window } = make()
    expect(FakeWindow.made).toEqual([window])
    expect(window).toBeInstanceOf(FakeWindow)
  })
})

describe('the application menu', () => {
  const roles = (template: ReturnType<typeof appMenuTemplate>): string[] =>
    template.flatMap((item) => [
      ...(item.role === undefined ? [] : [item.role]),
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ])

  it('has the usual editing roles, so shortcuts work in every field', () => {
    const all = roles(appMenuTemplate({ appName: 'Safehold', isMac: false, devTools: false }))
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'reload', 'zoomIn']) {
      expect(all).toContain(role)
    }
  })

  it('offers developer tools only in npm run dev', () => {
    for (const isMac of [false, true]) {
      const packaged = roles(appMenuTemplate({ appName: 'Safehold', isMac, devTools: false }))
      const dev = roles(appMenuTemplate({ appName: 'Safehold', isMac, devTools: true }))
      expect(packaged).not.toContain('toggleDevTools')
      expect(dev).toContain('toggleDevTools')
    }
  })

  it('puts the app menu first on macOS only', () => {
    expect(appMenuTemplate({ appName: 'Safehold', isMac: true, devTools: false })[0]?.label).toBe(
      'Safehold',
    )
    expect(appMenuTemplate({ appName: 'Safehold', isMac: false, devTools: false })[0]?.label).toBe(
      'File',
    )
  })
})
