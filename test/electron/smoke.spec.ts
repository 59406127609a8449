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

// What the page may call: the bridge's own type, so a contract change breaks this test's build.
type Bridge = import('../../src/shared/ipc-contract').SafeholdApi

const SECRET_NAME = 'smoke-api-key'
const SECRET_VALUE = 'smoke-value-7f3a9c1e'

test('the main window opens hardened, titled Safehold, and registers a secret', async () => {
  if (!binary) {
    console.log(`skipped: ${skipReason}`)
    test.skip(true, skipReason)
    return
  }
  expect(existsSync(MAIN), `${MAIN} is missing: run \`npm run build\` first`).toBe(true)

  // A throwaway profile and vault: the test must never touch the user's own. The passphrase keeps
  // the new vault's key out of the OS keychain, so the test does not need one.
  const home = mkdtempSync(join(tmpdir(), 'safehold-electron-'))
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value
  }
  Object.assign(env, {
    SAFEHOLD_VAULT_DIR: join(home, 'vault'),
    SAFEHOLD_PASSPHRASE: 'smoke-test-passphrase',
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
    expect(window.url()).toBe('app://safehold/')

    // Shown on its first paint or, where that is never reported (Wayland), once loaded.
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible()),
      )
      .toBe(true)

    // The window as the OS sees it, through documented APIs only: shown, titled, one of it, and
    // its renderer's process, whose sandbox macOS and Windows report in getAppMetrics().
    const shell = await app.evaluate(({ app, BrowserWindow }) => {
      const [first] = BrowserWindow.getAllWindows()
      if (!first) throw new Error('no BrowserWindow')
      const rendererPid = first.webContents.getOSProcessId()
      const metric = app.getAppMetrics().find((process) => process.pid === rendererPid)
      return {
        windows: BrowserWindow.getAllWindows().length,
        title: first.getTitle(),
        visible: first.isVisible(),
        rendererPid,
        sandboxed: metric?.sandboxed ?? null,
      }
    })
    expect(shell).toMatchObject({ windows: 1, title: 'Safehold', visible: true })
    if (shell.sandboxed !== null) {
      expect(shell.sandboxed, 'the renderer runs in the OS sandbox').toBe(true)
    } else if (process.platform === 'linux' && rootArgs.length === 0) {
      // Linux reports no flag; Chromium's sandbox shows as a seccomp-bpf filter on the process.
      const status = readFileSync(`/proc/${shell.rendererPid}/status`, 'utf8')
      expect(status, 'the renderer runs under seccomp-bpf').toMatch(/^Seccomp:\s*2$/m)
    } else {
      console.log('renderer OS sandbox not checked: the test runs as root with --no-sandbox')
    }

    // What the page can reach: the named bridge, which contextBridge can only give an isolated
    // page (contextIsolation); no Node (nodeIntegration off); no inline script past the CSP; no
    // file:// read (webSecurity). A string, because it runs in the page: this file is typed for
    // Node, not the DOM.
    const page: unknown = await window.evaluate(`(async () => {
      const injected = document.createElement('script')
      injected.textContent = 'window.__inlineRan = true'
      document.head.append(injected)
      const fileRead = await fetch('file:///etc/hosts').then(() => 'read', () => 'refused')
      return {
        require: typeof require,
        process: typeof process,
        inlineRan: window.__inlineRan === true,
        fileRead,
        domains: window.safehold ? Object.keys(window.safehold).sort() : [],
      }
    })()`)
    expect(page).toEqual({
      require: 'undefined',
      process: 'undefined',
      inlineRan: false,
      fileRead: 'refused',
      domains: ['app', 'certificates', 'profile', 'secrets', 'workspaces'],
    })

    // Registered through the bridge, as the wizard does; the value never comes back.
    const outcome = await window.evaluate(
      async ({ name, value }) => {
        const api = (globalThis as unknown as { safehold: Bridge }).safehold
        const registered = await api.secrets.register({
          type: 'api-key',
          name,
          scope: { kind: 'organization' },
          availability: { kind: 'organization' },
          fields: { headerName: 'X-Api-Key', value },
        })
        const listed = await api.secrets.list({})
        return { registered, listed }
      },
      { name: SECRET_NAME, value: SECRET_VALUE },
    )
    expect(outcome.registered.ok, JSON.stringify(outcome.registered)).toBe(true)
    expect(outcome.listed.ok).toBe(true)
    const names = outcome.listed.ok ? outcome.listed.value.map((secret) => secret.name) : []
    expect(names).toContain(SECRET_NAME)
    expect(JSON.stringify(outcome)).not.toContain(SECRET_VALUE)

    // Once the listing is in the window, the new secret shows there too.
    await window.reload()
    await window.waitForLoadState('domcontentloaded')
    if ((await window.getByRole('table').count()) > 0) {
      await expect(window.getByRole('cell', { name: SECRET_NAME })).toBeVisible()
    }
    await expect(window.locator('body')).not.toContainText(SECRET_VALUE)

    await window.screenshot({ path: test.info().outputPath('main-window.png') })
  } finally {
    await app.close()
    rmSync(home, { recursive: true, force: true })
  }
})
