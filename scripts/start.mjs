// `npm start` / `npm run dev`: run the desktop app through electron-vite, or say plainly why not.
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary, HOW_TO_GET_ELECTRON, WITHOUT_ELECTRON } from './ensure-electron.mjs'
import { sandboxFix } from './linux-sandbox.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const dev = args.includes('--dev')
const passThrough = args.filter((arg) => arg !== '--dev')

// Checked here because `require('electron')` inside electron-vite would start a download attempt
// and then die with a stack trace.
if (!electronBinary()) {
  console.error(
    `safehold: the Electron desktop runtime is not installed (node_modules/electron/dist is missing); ` +
      `to get it, ${HOW_TO_GET_ELECTRON}. ${WITHOUT_ELECTRON[0].toUpperCase()}${WITHOUT_ELECTRON.slice(1)}.`,
  )
  process.exit(1)
}

// Said before Chromium aborts with a FATAL line and a core dump that name no remedy.
const fix = sandboxFix(
  process.env.ELECTRON_OVERRIDE_DIST_PATH || join(root, 'node_modules', 'electron', 'dist'),
)
if (fix) {
  console.error(
    `safehold: this Linux allows Chromium's sandbox only through a setuid helper, and Electron's ` +
      `chrome-sandbox is not one yet; run once: ${fix}`,
  )
  process.exit(1)
}

const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
const posix = process.platform !== 'win32'
const child = spawn(process.execPath, [cli, dev ? 'dev' : 'preview', ...passThrough], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  // Its own process group, out of the terminal's reach: Ctrl-C goes to npm and this script only.
  detached: posix,
})

// One Ctrl-C arrives here twice (from the terminal and from npm), and electron-vite passes on
// whatever it gets; in the terminal's group Electron would have had it three times, and Chromium
// takes only the first as a request to quit. So Electron gets one signal, once: a repeat within a
// few seconds is the same keypress fanned out, and the quit it asked for is under way.
const REPEAT_MS = 3000
let lastForwarded = -Infinity
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (Date.now() - lastForwarded < REPEAT_MS) return
    lastForwarded = Date.now()
    child.kill(signal)
  })
}

child.on('error', (error) => {
  console.error(`safehold: could not start electron-vite (${error.message}).`)
  process.exit(1)
})
child.on('exit', (code, signal) => {
  // Shell convention for a child killed by a signal: 128 + its number.
  process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1))
})
