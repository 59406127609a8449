// `node --require register-stub.cjs out/main/index.js`: `electron` resolves to electron-stub.cjs,
// and the test drives the app through Node's IPC channel as a user and the OS would.
//
// Resolution is redirected rather than shadowed on NODE_PATH: the built bundle's
// require('electron') finds the repository's real node_modules/electron first (NODE_PATH comes
// last), and that package's index only names the binary, which is absent here.
'use strict'
const Module = require('node:module')
const { join } = require('node:path')

const STUB = join(__dirname, 'electron-stub.cjs')
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron' || request === 'electron/main') return STUB
  return resolve.call(this, request, ...rest)
}

// SAFEHOLD_STUB_PLATFORM=darwin: the macOS paths of the shell (the app outlives its window).
if (process.env.SAFEHOLD_STUB_PLATFORM) {
  Object.defineProperty(process, 'platform', { value: process.env.SAFEHOLD_STUB_PLATFORM })
}

const electron = require(STUB)
const { app, BrowserWindow, stub } = electron

const commands = {
  // The menu's Quit, Cmd+Q and Ctrl+Q are all the `quit` role, which calls app.quit().
  quit: () => app.quit(),
  // The user closes every window with its close button.
  'close-windows': () => {
    for (const window of BrowserWindow.getAllWindows()) window.close()
  },
  'second-instance': () => stub.emit('second-instance', ['safehold'], process.cwd(), {}),
  activate: () => stub.emit('activate', BrowserWindow.getAllWindows().length > 0),
  // The user picks an item of the tray icon's context menu; a greyed one cannot be picked.
  'tray-menu': ({ label }) => {
    const tray = stub.trays.find((candidate) => !candidate.destroyed)
    const item = tray?.menu.find((entry) => entry.label === label)
    if (!item) stub.record({ kind: 'misuse', message: `no tray menu item ${label}` })
    else if (item.enabled === false) stub.record({ kind: 'greyed', label })
    else item.click(item, undefined, {})
  },
  // The user picks an item of the application menu (or presses its accelerator).
  'app-menu': ({ label }) => {
    const find = (items) => {
      for (const entry of items ?? []) {
        if (entry.label === label) return entry
        const inner = Array.isArray(entry.submenu) ? find(entry.submenu) : undefined
        if (inner) return inner
      }
      return undefined
    }
    const item = find(stub.applicationMenu())
    if (!item) stub.record({ kind: 'misuse', message: `no menu item ${label}` })
    else if (item.enabled === false) stub.record({ kind: 'greyed', label })
    else {
      stub.record({ kind: 'menu', label, accelerator: item.accelerator ?? null })
      item.click(item, undefined, {})
    }
  },
  // The user clicks a notification on the desktop.
  'click-notification': ({ index }) => stub.notifications[index]?.emit('click', {}),
  // The OS reports a power event: resume, unlock-screen, suspend, …
  power: ({ event }) => {
    stub.record({ kind: 'power', name: event })
    stub.powerMonitor.emit(event)
  },
  // The user copies something of their own over a value Safehold put there.
  'user-copies': ({ text }) => electron.clipboard.writeText(text),
  async invoke({ id, channel, payload, senderUrl }) {
    const handler = stub.handlers.get(channel)
    const result = handler
      ? await handler({ senderFrame: { url: senderUrl } }, payload)
      : { missing: channel }
    stub.record({ kind: 'invoke-result', id, result })
  },
}

if (process.channel) {
  process.on('message', (message) => {
    const command = commands[message.cmd]
    if (!command) stub.record({ kind: 'misuse', message: `unknown command ${message.cmd}` })
    else void command(message)
  })
  // After the listener, which refs the channel: only the stub's message loop keeps the process
  // alive, never the test's channel.
  process.channel.unref()
}
