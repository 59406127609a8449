// `npm run dist`: this OS's installers (electron-builder.config.ts) from a fresh build, with the
// fuses flipped; or one line saying why they cannot be made here, and a non-zero exit.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { electronBinary, HOW_TO_GET_ELECTRON } from './ensure-electron.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const electronDir = join(root, 'node_modules', 'electron')

// The installed runtime is what gets packed, so the host's own package needs no download; a
// machine that never got the runtime cannot get it now either.
if (!electronBinary()) {
  console.error(
    `safehold: npm run dist needs the Electron desktop runtime, which is not installed ` +
      `(node_modules/electron/dist is missing); to get it, ${HOW_TO_GET_ELECTRON}.`,
  )
  process.exit(1)
}

const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  { cwd: root, stdio: 'inherit' },
)
if (build.status !== 0) process.exit(build.status ?? 1)

const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist')
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
const builder = spawn(
  process.execPath,
  [
    join(root, 'node_modules', 'electron-builder', 'cli.js'),
    '--config',
    'electron-builder.config.ts',
    `-c.electronDist=${dist}`,
    `-c.electronVersion=${version}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] },
)

// Some targets fetch their tools on first use (fpm for deb, appimagetool, NSIS); offline, that
// is the one line worth reading among electron-builder's stack traces.
const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|fetch failed/
let networkLine = null
for (const [stream, out] of [
  [builder.stdout, process.stdout],
  [builder.stderr, process.stderr],
]) {
  createInterface({ input: stream }).on('line', (line) => {
    if (networkLine === null && NETWORK.test(line))
      networkLine = line.replace(/^[\s⨯•]+/, '').slice(0, 200)
    out.write(`${line}\n`)
  })
}

builder.on('error', (error) => {
  console.error(`safehold: could not start electron-builder (${error.message}).`)
  process.exit(1)
})
builder.on('close', (code) => {
  if (code === 0) return process.exit(0)
  if (networkLine !== null) {
    console.error(
      `safehold: packaging needs a download that this machine cannot reach (${networkLine}); ` +
        'run npm run dist where the network allows it.',
    )
  }
  process.exit(code ?? 1)
})
