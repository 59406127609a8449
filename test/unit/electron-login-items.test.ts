import type { LoginItemSettings, LoginItemSettingsOptions, Settings } from 'electron'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  electronLoginItems,
  loginItemsFor,
  startedAtLogin,
} from '../../src/main/platform/electron-login-items'

// Launch at login on macOS and Windows is the OS's own list, through app.setLoginItemSettings;
// a login start opens no window.

/** The OS's login list as Electron reports it: Windows compares the launch arguments too. */
function fakeApp(platform: 'darwin' | 'win32', wasOpenedAtLogin = false) {
  let entry: { openAtLogin: boolean; args: string[] } = { openAtLogin: false, args: [] }
  const calls: Settings[] = []
  return {
    calls,
    getLoginItemSettings(options?: LoginItemSettingsOptions): LoginItemSettings {
      const argsMatch =
        platform !== 'win32' || JSON.stringify(options?.args ?? []) === JSON.stringify(entry.args)
      return {
        openAtLogin: entry.openAtLogin && argsMatch,
        wasOpenedAtLogin,
      } as LoginItemSettings
    },
    setLoginItemSettings(settings: Settings): void {
      calls.push(settings)
      entry = { openAtLogin: settings.openAtLogin ?? false, args: settings.args ?? [] }
    },
  }
}

describe('login items on macOS and Windows', () => {
  it.each(['darwin', 'win32'] as const)('%s: turned on, then off, and read back', (platform) => {
    const app = fakeApp(platform)
    const items = electronLoginItems(app, platform)
    expect(items.get()).toBe(false)
    items.set(true)
    expect(items.get()).toBe(true)
    items.set(false)
    expect(items.get()).toBe(false)
  })

  it('Windows starts Safehold with --hidden, and only that entry counts as on', () => {
    const app = fakeApp('win32')
    electronLoginItems(app, 'win32').set(true)
    expect(app.calls).toEqual([{ openAtLogin: true, args: ['--hidden'] }])
    // An entry someone wrote without --hidden would open the window at login: not ours.
    app.setLoginItemSettings({ openAtLogin: true, args: [] })
    expect(electronLoginItems(app, 'win32').get()).toBe(false)
  })

  it('macOS is told only whether to open at login', () => {
    const app = fakeApp('darwin')
    electronLoginItems(app, 'darwin').set(true)
    expect(app.calls).toEqual([{ openAtLogin: true }])
  })
})

describe('a login start', () => {
  it('is --hidden on the command line, or macOS saying it opened the app at login', () => {
    expect(startedAtLogin(['safehold', '--hidden'], fakeApp('win32'), 'win32')).toBe(true)
    expect(startedAtLogin(['safehold'], fakeApp('win32'), 'win32')).toBe(false)
    expect(startedAtLogin(['Safehold'], fakeApp('darwin', true), 'darwin')).toBe(true)
    expect(startedAtLogin(['Safehold'], fakeApp('darwin', false), 'darwin')).toBe(false)
  })
})

describe('choosing login items for the OS', () => {
  let home: string | null = null
  afterEach(() => {
    if (home) rmSync(home, { recursive: true, force: true })
    home = null
  })

  it('uses the XDG autostart entry on Linux, the login list elsewhere, and offers none on others', () => {
    home = mkdtempSync(join(tmpdir(), 'safehold-login-'))
    const env = { XDG_CONFIG_HOME: join(home, 'config') }
    const app = fakeApp('darwin')
    const linux = loginItemsFor('linux', { app, command: ['/opt/Safehold/safehold'], env })
    linux?.set(true)
    expect(linux?.get()).toBe(true)
    expect(app.calls).toEqual([])
    loginItemsFor('darwin', { app, command: [], env })?.set(true)
    expect(app.calls).toEqual([{ openAtLogin: true }])
    expect(loginItemsFor('freebsd', { app, command: [], env })).toBeNull()
  })
})
