// `npm start` / `npm run dev`: run the desktop app through electron-vite, or say plainly why not.
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinary, HOW_TO_GET_ELECTRON, WITHOUT_ELECTRON } from './ensure-electron.mjs'

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

const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
const child = spawn(process.execPath, [cli, dev ? 'dev' : 'preview', ...passThrough], {
  cwd: root,
  stdio: 'inherit',
})

// Ctrl-C reaches the child through the terminal's process group; a plain `kill` of this script
// must reach it too.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal))
}

child.on('error', (error) => {
  console.error(`safehold: could not start electron-vite (${error.message}).`)
  process.exit(1)
})
child.on('exit', (code, signal) => {
  // Shell convention for a child killed by a signal: 128 + its number.
  process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1))
})
