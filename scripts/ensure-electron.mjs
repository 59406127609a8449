// postinstall: fetch the Electron desktop runtime if it is missing, but never fail the install.
// package.json sets `allowScripts.electron: false`, so electron's own postinstall never runs and a
// machine without access to the download still gets a working `npm install` / `npm ci`.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const electronDir = join(root, 'node_modules', 'electron')

/** The Electron executable if it is installed, else null. Never triggers a download. */
export function electronBinary() {
  try {
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim()
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist')
    const binary = join(dist, relative)
    return relative && existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

export const WITHOUT_ELECTRON =
  '`npm test`, `npm run build` and the `safehold` command work without it'

export const HOW_TO_GET_ELECTRON =
  're-run `npm install` (or `node node_modules/electron/install.js`) on a machine that can reach the Electron download'

function main() {
  if (electronBinary()) return
  // A production install (`--omit=dev`) has no electron package: nothing to fetch, nothing to say.
  if (!existsSync(join(electronDir, 'install.js'))) return

  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (result.status === 0 && electronBinary()) return

  const cause = result.error?.code === 'ETIMEDOUT' ? 'timed out after 3 min' : firstLine(result)
  console.warn(
    `safehold: the Electron desktop runtime could not be downloaded${cause ? ` (${cause})` : ''}; ` +
      `${WITHOUT_ELECTRON}; to get the desktop app later, ${HOW_TO_GET_ELECTRON}.`,
  )
}

// install.js prints a whole stack; its first line ("TypeError: fetch failed") is the useful part.
function firstLine(result) {
  const text = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line && !line.startsWith('at ')) ?? ''
  ).slice(0, 160)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main()
  } catch (error) {
    console.warn(`safehold: could not check for the Electron desktop runtime (${error.message}).`)
  }
  process.exit(0)
}
