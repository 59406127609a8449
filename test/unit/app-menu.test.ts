import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { appMenuTemplate, LOCK_ACCELERATOR } from '../../src/main/platform/app-menu'

// "Lock now" in the application menu (DESIGN §4), greyed while there is no open vault to lock. It
// shows Ctrl+L / Cmd+L, which the window handles itself (it asks first when a form holds typed
// data), so the menu does not register the accelerator and lock before the window could ask.

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ])
}

describe('Lock now in the application menu', () => {
  it.each([false, true])('is in the File menu with CmdOrCtrl+L (macOS: %s) and locks', (isMac) => {
    const locked: string[] = []
    const template = appMenuTemplate({
      appName: 'Safehold',
      isMac,
      devTools: false,
      lock: { run: () => locked.push('user'), enabled: true },
    })
    const file = template.find((item) => item.label === 'File')
    const lock = items(file?.submenu as MenuItemConstructorOptions[]).find(
      (item) => item.label === 'Lock now',
    )
    expect(lock?.accelerator).toBe('CmdOrCtrl+L')
    expect(lock?.registerAccelerator).toBe(false)
    expect(LOCK_ACCELERATOR).toBe('CmdOrCtrl+L')
    expect(lock?.enabled).toBe(true)
    ;(lock?.click as () => void)()
    expect(locked).toEqual(['user'])
  })

  it('is greyed while no vault is open', () => {
    const template = appMenuTemplate({
      appName: 'Safehold',
      isMac: false,
      devTools: false,
      lock: { run: () => undefined, enabled: false },
    })
    expect(items(template).find((item) => item.label === 'Lock now')?.enabled).toBe(false)
  })

  it('is absent where there is no vault session to lock', () => {
    const template = appMenuTemplate({ appName: 'Safehold', isMac: false, devTools: false })
    expect(items(template).some((item) => item.label === 'Lock now')).toBe(false)
  })
})

describe('Import .env… in the application menu', () => {
  it('is in the File menu, asks the window to open the import, and is greyed while locked', () => {
    const asked: string[] = []
    const menu = (enabled: boolean) =>
      items(
        appMenuTemplate({
          appName: 'Safehold',
          isMac: false,
          devTools: false,
          importEnv: { run: () => asked.push('import-env'), enabled },
        }).find((item) => item.label === 'File')?.submenu as MenuItemConstructorOptions[],
      ).find((item) => item.label === 'Import .env…')
    const item = menu(true)
    expect(item?.enabled).toBe(true)
    ;(item?.click as () => void)()
    expect(asked).toEqual(['import-env'])
    expect(menu(false)?.enabled).toBe(false)
  })
})
