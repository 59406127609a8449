import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { binary, launchApp, runsAsRoot, skipReason } from './support/launch'

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
  const launched = await launchApp('smoke-test-passphrase')
  const { app } = launched
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
    } else if (process.platform === 'linux' && !runsAsRoot) {
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
    await launched.close()
  }
})
