import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

const ROOT = join(__dirname, '..', '..')
const MAIN = join(ROOT, 'out', 'main', 'index.js')

// Resolved by hand: `require('electron')` would try to download the binary when it is missing.
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

const binary = electronBinary()
const skipReason =
  'the Electron binary is not installed (node_modules/electron/dist is missing; ' +
  'run `node node_modules/electron/install.js` on a machine that can reach the download)'

test('the main window opens hardened, titled Safehold', async () => {
  if (!binary) {
    console.log(`skipped: ${skipReason}`)
    test.skip(true, skipReason)
    return
  }
  expect(existsSync(MAIN), `${MAIN} is missing: run \`npm run build\` first`).toBe(true)

  // A throwaway profile and vault: the test must never touch the user's own.
  const home = mkdtempSync(join(tmpdir(), 'safehold-electron-'))
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value
  }
  Object.assign(env, {
    SAFEHOLD_VAULT_DIR: join(home, 'vault'),
    XDG_CONFIG_HOME: join(home, 'config'),
    ELECTRON_DISABLE_SECURITY_WARNINGS: 'true',
  })
  // Chromium refuses to start as root with its sandbox; the window's own `sandbox` preference,
  // which this test checks, is independent of that switch.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : []

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
  try {
    const window = await app.firstWindow()
    await window.waitForLoadState('domcontentloaded')
    await expect(window).toHaveTitle('Safehold')

    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const [first] = BrowserWindow.getAllWindows()
      if (!first) throw new Error('no BrowserWindow')
      // Real but missing from electron.d.ts: the preferences the page was actually created with.
      const contents = first.webContents as typeof first.webContents & {
        getLastWebPreferences(): Electron.WebPreferences | null
      }
      const web = contents.getLastWebPreferences()
      return {
        title: first.getTitle(),
        contextIsolation: web?.contextIsolation,
        sandbox: web?.sandbox,
        nodeIntegration: web?.nodeIntegration,
      }
    })
    expect(prefs).toEqual({
      title: 'Safehold',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    })

    await window.screenshot({ path: test.info().outputPath('main-window.png') })
  } finally {
    await app.close()
    rmSync(home, { recursive: true, force: true })
  }
})
