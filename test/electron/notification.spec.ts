import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

// A reminder reaches the desktop as a real notification, and Safehold keeps running in the tray
// when its window closes. Needs the Electron binary, and a notification service for the first.

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

test('a native notification is shown, and closing the window leaves the app in the tray', async () => {
  if (!binary) {
    console.log(`skipped: ${skipReason}`)
    test.skip(true, skipReason)
    return
  }
  expect(existsSync(MAIN), `${MAIN} is missing: run \`npm run build\` first`).toBe(true)
  const home = mkdtempSync(join(tmpdir(), 'safehold-electron-'))
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value
  }
  Object.assign(env, {
    SAFEHOLD_VAULT_DIR: join(home, 'vault'),
    SAFEHOLD_PASSPHRASE: 'notification-test-passphrase',
    XDG_CONFIG_HOME: join(home, 'config'),
    ELECTRON_DISABLE_SECURITY_WARNINGS: 'true',
  })
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

    const supported = await app.evaluate(({ Notification }) => Notification.isSupported())
    if (!supported) {
      console.log('notification not checked: this desktop has no notification service')
    } else {
      // The OS reports that it showed the notification (on Linux, once the daemon took it).
      const outcome = await app.evaluate(
        ({ Notification }) =>
          new Promise<string>((resolve) => {
            const notification = new Notification({
              title: 'smoke-secret expired',
              body: 'It expired today.',
            })
            const timer = setTimeout(() => resolve('no show event within 10 s'), 10_000)
            notification.once('show', () => {
              clearTimeout(timer)
              resolve('shown')
            })
            notification.once('failed', (_event, error) => {
              clearTimeout(timer)
              resolve(`failed: ${error}`)
            })
            notification.show()
          }),
      )
      expect(outcome).toBe('shown')
    }

    // Closing the window does not end the app: the process answers with no window left.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close())
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))
      .toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true)
  } finally {
    await app.close()
    rmSync(home, { recursive: true, force: true })
  }
})
