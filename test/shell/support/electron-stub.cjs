// A recording stand-in for the `electron` module, loaded with `node --require` in front of the
// built out/main/index.js. Its quit machinery copies Electron's own, so a shell that would hang
// in Electron hangs here too; everything it does is appended, one JSON line per fact, to
// SAFEHOLD_STUB_LOG, synchronously, so nothing is lost when the process exits.
//
// What it copies, and from where (electron/electron unless named otherwise):
// - shell/browser/browser.cc: Browser::Quit returns at once while is_quitting_ is set; before-quit
//   prevented → not quitting; with windows open it closes them all and waits for the last one;
//   NotifyAndShutdown emits will-quit, and a prevented will-quit only resets is_quitting_ when the
//   emit returns; Browser::Exit skips before-quit and will-quit and destroys the windows;
//   Shutdown emits `quit` and ends the message loop.
// - Node's InternalCallbackScope (src/api/callback.cc), which Electron's Emit goes through: the
//   microtask queue drains before C++ gets control back, so an app.quit() from an already
//   settled promise arrives while is_quitting_ is still set (electron/electron#33643). Here the
//   reset waits for the next check phase, after the microtasks.
// - lib/browser/init.ts: with no other window-all-closed listener, closing the last window quits.
// - shell/browser/electron_browser_main_parts_posix.cc: SIGINT/SIGTERM/SIGHUP ask for one
//   graceful quit, then the default action is back ("we had one shot at graceful shutdown").
// - docs/api: BrowserWindow and session only after ready; protocol.registerSchemesAsPrivileged and
//   app.enableSandbox only before; dialog.showErrorBox at any time; Tray, Notification and
//   powerMonitor only after ready.
'use strict'
const { appendFileSync, existsSync } = require('node:fs')
const { EventEmitter } = require('node:events')

const LOG = process.env.SAFEHOLD_STUB_LOG
const record = (fact) => {
  if (LOG) appendFileSync(LOG, `${JSON.stringify(fact)}\n`)
}
/** A rule of Electron's API broken by the app: recorded, and thrown as Electron throws. */
const misuse = (message) => {
  record({ kind: 'misuse', message })
  throw new Error(message)
}

// The message loop: what keeps Electron alive until Shutdown.
const messageLoop = setInterval(() => {}, 1 << 30)
const state = { ready: false, quitting: false, exiting: false, shutdown: false, exitCode: 0 }

class ElectronEvent {
  defaultPrevented = false
  preventDefault() {
    this.defaultPrevented = true
  }
}

/** Emits like Electron: returns whether a listener called preventDefault(). */
function emit(target, emitter, name, ...args) {
  const event = new ElectronEvent()
  record({ kind: 'emit', target, name })
  emitter.emit(name, event, ...args)
  if (event.defaultPrevented) record({ kind: 'prevented', target, name })
  return event.defaultPrevented
}

const windows = new Set()
let inBeforeQuit = false

function shutdown() {
  if (state.shutdown) return
  state.shutdown = true
  state.quitting = true
  emit('app', app, 'quit', state.exitCode)
  clearInterval(messageLoop)
  // Browser::Shutdown before the message loop runs waits for it; either way the process ends.
  setImmediate(() => {
    record({ kind: 'exit', code: state.exitCode })
    process.exit(state.exitCode)
  })
}

function notifyAndShutdown() {
  if (state.shutdown) return
  if (emit('app', app, 'will-quit')) {
    setImmediate(() => {
      state.quitting = false
    })
    return
  }
  shutdown()
}

function onWindowAllClosed() {
  if (state.exiting) shutdown()
  else if (state.quitting) notifyAndShutdown()
  else emit('app', app, 'window-all-closed')
}

class WebContents extends EventEmitter {
  constructor(window) {
    super()
    this.window = window
    this.url = ''
  }
  setWindowOpenHandler() {}
  getURL() {
    return this.url
  }
  loadURL(url) {
    this.url = url
    record({ kind: 'window', id: this.window.id, name: 'load', url })
    // SAFEHOLD_STUB_PAINT=never: the compositor never reports a first paint, as under Wayland
    // (electron/electron#48859); the page itself still finishes loading.
    setTimeout(() => {
      if (this.window.destroyed) return
      this.emit('did-finish-load')
      if (process.env.SAFEHOLD_STUB_PAINT !== 'never') this.window.emit('ready-to-show')
    }, 20)
    return Promise.resolve()
  }
}

let nextWindowId = 1
class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return [...windows]
  }
  constructor(options = {}) {
    super()
    if (!state.ready) misuse('Cannot create BrowserWindow before app is ready')
    this.id = nextWindowId++
    this.options = options
    this.visible = options.show !== false
    this.minimized = false
    this.destroyed = false
    this.webContents = new WebContents(this)
    windows.add(this)
    record({ kind: 'window', id: this.id, name: 'created', show: this.visible })
  }
  isDestroyed() {
    return this.destroyed
  }
  isVisible() {
    return this.visible
  }
  isMinimized() {
    return this.minimized
  }
  show() {
    this.visible = true
    record({ kind: 'window', id: this.id, name: 'show' })
  }
  restore() {
    this.minimized = false
    record({ kind: 'window', id: this.id, name: 'restore' })
  }
  focus() {
    record({ kind: 'window', id: this.id, name: 'focus' })
  }
  close() {
    if (this.destroyed) return
    if (emit(`window ${this.id}`, this, 'close')) {
      // Browser::OnWindowCloseCancelled: a window that stays open cancels the quit.
      state.quitting = false
      return
    }
    setImmediate(() => this.destroy())
  }
  destroy() {
    if (this.destroyed) return
    this.destroyed = true
    windows.delete(this)
    emit(`window ${this.id}`, this, 'closed')
    if (windows.size === 0) onWindowAllClosed()
  }
}

// A tray icon lives until it is destroyed; its context menu is what the user can click.
const trays = []
class Tray extends EventEmitter {
  constructor(image) {
    super()
    if (!state.ready) misuse('Cannot create Tray before app is ready')
    this.destroyed = false
    this.menu = []
    trays.push(this)
    record({ kind: 'tray', name: 'created', icon: image.path, iconExists: existsSync(image.path) })
  }
  setToolTip(text) {
    record({ kind: 'tray', name: 'tooltip', text })
  }
  setContextMenu(menu) {
    this.menu = menu
    record({ kind: 'tray', name: 'menu', labels: menu.map((item) => item.label ?? item.type) })
  }
  destroy() {
    this.destroyed = true
    record({ kind: 'tray', name: 'destroyed' })
  }
}

const nativeImage = {
  createFromPath: (path) => ({
    path,
    addRepresentation() {},
    setTemplateImage() {},
    isEmpty: () => !existsSync(path),
  }),
}

// SAFEHOLD_STUB_NOTIFICATIONS=none: a desktop without a notification service.
const notifications = []
class Notification extends EventEmitter {
  static isSupported() {
    return process.env.SAFEHOLD_STUB_NOTIFICATIONS !== 'none'
  }
  constructor(options = {}) {
    super()
    if (!state.ready) misuse('Notification can only be used after app is ready')
    this.options = options
  }
  show() {
    notifications.push(this)
    record({
      kind: 'notification',
      index: notifications.length - 1,
      title: this.options.title,
      body: this.options.body,
      actions: this.options.actions ?? [],
    })
  }
}

const powerMonitorEmitter = new EventEmitter()
const powerMonitor = new Proxy(powerMonitorEmitter, {
  get(target, key) {
    if (!state.ready) misuse("powerMonitor module can't be used before the ready event")
    const value = target[key]
    return typeof value === 'function' ? value.bind(target) : value
  },
})

let loginItem = { openAtLogin: false, args: [] }

const app = new EventEmitter()
Object.assign(app, {
  name: 'safehold',
  isPackaged: process.env.SAFEHOLD_STUB_PACKAGED === '1',
  commandLine: { hasSwitch: () => false, getSwitchValue: () => '' },
  setName(name) {
    this.name = name
  },
  setPath(name, path) {
    record({ kind: 'call', name: 'app.setPath', args: [name, path], ready: state.ready })
  },
  getPath: () => '/nonexistent',
  getAppPath: () => process.cwd(),
  getLoginItemSettings: () => ({ openAtLogin: loginItem.openAtLogin, wasOpenedAtLogin: false }),
  setLoginItemSettings(settings) {
    loginItem = { openAtLogin: settings.openAtLogin === true, args: settings.args ?? [] }
    record({ kind: 'call', name: 'app.setLoginItemSettings', args: [settings] })
  },
  isReady: () => state.ready,
  whenReady: () => readyPromise,
  enableSandbox() {
    if (state.ready) misuse('app.enableSandbox() can only be called before app is ready')
    record({ kind: 'call', name: 'app.enableSandbox' })
  },
  requestSingleInstanceLock() {
    const held = process.env.SAFEHOLD_STUB_LOCK !== 'taken'
    record({ kind: 'call', name: 'app.requestSingleInstanceLock', held, ready: state.ready })
    return held
  },
  quit() {
    const ignored = state.quitting
    record({ kind: 'call', name: 'app.quit', ignored })
    if (ignored) return
    // `is_quitting_ = HandleBeforeQuit()`: the flag is assigned only when the emit returns, after
    // the listeners' microtasks. A quit made from those microtasks is nested inside this one and
    // runs at once; this one resumes after it, and has the last word on the flag.
    const nested = inBeforeQuit
    inBeforeQuit = true
    const prevented = emit('app', app, 'before-quit')
    const resume = () => {
      inBeforeQuit = nested
      state.quitting = !prevented
      if (!state.quitting) return
      if (windows.size === 0) notifyAndShutdown()
      else for (const window of [...windows]) window.close()
    }
    if (nested) resume()
    else setImmediate(resume)
  },
  exit(code = 0) {
    record({ kind: 'call', name: 'app.exit', code })
    state.exitCode = code
    state.quitting = true
    state.exiting = true
    if (windows.size === 0) shutdown()
    else for (const window of [...windows]) window.destroy()
  },
})

// lib/browser/init.ts
app.on('window-all-closed', () => {
  if (app.listenerCount('window-all-closed') === 1) app.quit()
})

const readyPromise = new Promise((resolve) => {
  setImmediate(() => {
    if (state.shutdown) return
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.once(signal, () => {
        record({ kind: 'signal', signal })
        app.quit()
      })
    }
    state.ready = true
    emit('app', app, 'ready', {})
    resolve()
  })
})

let clipboardText = ''
const clipboard = {
  readText: () => clipboardText,
  writeText(text) {
    clipboardText = text
    record({ kind: 'clipboard', text })
  },
}

// The application menu the app set last, and what the stub's dialogs and Touch ID answer.
// SAFEHOLD_STUB_PICK=DIR: the open dialog picks DIR (else it is cancelled).
// SAFEHOLD_STUB_TOUCH_ID=yes|refuse: Touch ID is there and confirms, or refuses (else absent).
let applicationMenu = null
const dialogs = {
  showOpenDialog(...args) {
    const options = args.at(-1) ?? {}
    record({
      kind: 'dialog',
      name: 'open',
      properties: options.properties ?? [],
      sheet: args.length > 1,
    })
    const pick = process.env.SAFEHOLD_STUB_PICK
    return Promise.resolve(
      pick ? { canceled: false, filePaths: [pick] } : { canceled: true, filePaths: [] },
    )
  },
}
const systemPreferences = {
  canPromptTouchID: () => process.platform === 'darwin' && !!process.env.SAFEHOLD_STUB_TOUCH_ID,
  promptTouchID(reason) {
    record({ kind: 'touch-id', reason })
    return process.env.SAFEHOLD_STUB_TOUCH_ID === 'yes'
      ? Promise.resolve()
      : Promise.reject(new Error('Touch ID refused'))
  },
}

const handlers = new Map()
const ipcMain = {
  handle(channel, handler) {
    handlers.set(channel, handler)
  },
}

const defaultSession = {
  protocol: { handle: () => {} },
  setPermissionRequestHandler() {},
  setPermissionCheckHandler() {},
  setDevicePermissionHandler() {},
}

module.exports = {
  app,
  BrowserWindow,
  clipboard,
  ipcMain,
  Notification,
  Tray,
  nativeImage,
  powerMonitor,
  Menu: {
    buildFromTemplate: (template) => template,
    setApplicationMenu(menu) {
      applicationMenu = menu
    },
  },
  dialog: {
    showErrorBox(title, content) {
      record({ kind: 'error-box', title, content })
    },
    showOpenDialog: (...args) => dialogs.showOpenDialog(...args),
  },
  systemPreferences,
  protocol: {
    registerSchemesAsPrivileged(schemes) {
      if (state.ready) misuse('protocol.registerSchemesAsPrivileged should be called before ready')
      record({ kind: 'call', name: 'protocol.registerSchemesAsPrivileged', schemes })
    },
  },
  session: {
    get defaultSession() {
      if (!state.ready) misuse('Session can only be received when app is ready')
      return defaultSession
    },
  },
  /** For the control channel (register.cjs), not part of Electron. */
  stub: {
    record,
    handlers,
    trays,
    notifications,
    powerMonitor: powerMonitorEmitter,
    applicationMenu: () => applicationMenu,
    emit: (name, ...args) => emit('app', app, name, ...args),
  },
}
