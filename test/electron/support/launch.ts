/**
 * Starting the built app in the real Electron binary, for the tier that needs it: the binary is
 * found by hand (`require('electron')` would try to download it when missing), and each app runs
 * on a throwaway profile, config folder and passphrase vault, never the user's own.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, type ElectronApplication } from '@playwright/test'

const ROOT = join(__dirname, '..', '..', '..')
const MAIN = join(ROOT, 'out', 'main', 'index.js')
const CLI = join(ROOT, 'out', 'main', 'cli.js')

function electronBinary(): string | null {
  try {
    const electronDir = join(ROOT, 'node_modules', 'electron')
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim()
    const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] || join(electronDir, 'dist')
    const binary = join(dist, relative)
    return relative && existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

export const binary = electronBinary()
/** Chromium refuses to start as root with its sandbox, so the app then runs with --no-sandbox. */
export const runsAsRoot = process.getuid?.() === 0

export const skipReason =
  'the Electron binary is not installed (node_modules/electron/dist is missing; ' +
  'run `node node_modules/electron/install.js` on a machine that can reach the download)'

export interface LaunchedApp {
  app: ElectronApplication
  /** Closes the app and removes its throwaway folders. */
  close(): Promise<void>
}

/**
 * The built app on a fresh profile and vault. The app makes no vault by itself, so `safehold init`
 * makes it first, as a user could; the passphrase keeps its key out of the OS keychain, so no
 * keychain is needed, and given to the app in its environment it opens the vault at start.
 */
export async function launchApp(passphrase: string): Promise<LaunchedApp> {
  if (binary === null) throw new Error(skipReason)
  expect(existsSync(MAIN), `${MAIN} is missing: run \`npm run build\` first`).toBe(true)
  const home = mkdtempSync(join(tmpdir(), 'safehold-electron-'))
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value
  }
  const init = spawnSync(process.execPath, [CLI, '--vault', join(home, 'vault'), 'init'], {
    env: { ...env, SAFEHOLD_PASSPHRASE: passphrase },
    encoding: 'utf8',
  })
  expect(init.status, `safehold init failed: ${init.stderr}`).toBe(0)
  Object.assign(env, {
    SAFEHOLD_VAULT_DIR: join(home, 'vault'),
    SAFEHOLD_PASSPHRASE: passphrase,
    XDG_CONFIG_HOME: join(home, 'config'),
    ELECTRON_DISABLE_SECURITY_WARNINGS: 'true',
  })
  // The window's own `sandbox` preference, which the smoke test checks, is independent of it.
  const rootArgs = runsAsRoot ? ['--no-sandbox'] : []
  const app = await electron
    .launch({
      executablePath: binary,
      args: [...rootArgs, `--user-data-dir=${join(home, 'profile')}`, MAIN],
      cwd: ROOT,
      env,
    })
    .catch((error: unknown) => {
      rmSync(home, { recursive: true, force: true })
      throw error
    })
  return {
    app,
    async close() {
      await app.close()
      rmSync(home, { recursive: true, force: true })
    },
  }
}
