import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron'
import { describe, expect, it } from 'vitest'
import { FILES } from '../../electron-builder.config'
import { createTray, setTrayLockable, type TrayDeps } from '../../src/main/platform/tray'

// With the window closed, the tray is how Safehold is reached: everything is in its menu
// (AppIndicator on Linux ignores clicks on the icon), and nothing is there that does not work.

const RESOURCES = join(__dirname, '..', '..', 'resources')
const ICONS = {
  colour: join(RESOURCES, 'tray.png'),
  template: join(RESOURCES, 'trayTemplate.png'),
  template2x: join(RESOURCES, 'trayTemplate@2x.png'),
}

function build(platform: NodeJS.Platform, lockable = false) {
  const effects: string[] = []
  const images: { path: string; template: boolean; scales: number[] }[] = []
  let menu: MenuItemConstructorOptions[] = []
  class FakeTray extends EventEmitter {
    tooltip = ''
    constructor(readonly image: NativeImage) {
      super()
    }
    setToolTip(text: string): void {
      this.tooltip = text
    }
    setContextMenu(built: unknown): void {
      menu = built as MenuItemConstructorOptions[]
    }
  }
  const deps: TrayDeps = {
    Tray: FakeTray as unknown as TrayDeps['Tray'],
    Menu: { buildFromTemplate: (template) => template as unknown as Menu },
    nativeImage: {
      createFromPath: (path) => {
        const image = { path, template: false, scales: [1] }
        images.push(image)
        return {
          addRepresentation: (options: { scaleFactor: number; buffer: Buffer }) => {
            expect(options.buffer.length).toBeGreaterThan(0)
            image.scales.push(options.scaleFactor)
          },
          setTemplateImage: (on: boolean) => {
            image.template = on
          },
        } as unknown as NativeImage
      },
    },
    readFile: (path) => readFileSync(path),
    platform,
    icons: ICONS,
    actions: {
      open: () => effects.push('open'),
      upcoming: () => effects.push('upcoming'),
      lock: () => effects.push('lock'),
      quit: () => effects.push('quit'),
    },
  }
  const tray = createTray(deps, lockable) as unknown as FakeTray & Tray
  const click = (label: string): void => {
    const item = menu.find((entry) => entry.label === label)
    if (!item?.click) throw new Error(`no menu item ${label}`)
    ;(item.click as () => void)()
  }
  const item = (label: string) => menu.find((entry) => entry.label === label)
  return { tray, deps, menu: () => menu, item, effects, images, click }
}

describe('the tray', () => {
  it('is titled Safehold and offers Open Safehold, Upcoming, Lock now and Quit, in that order', () => {
    const { tray, menu } = build('linux')
    expect(tray.tooltip).toBe('Safehold')
    expect(menu().map((item) => item.label ?? item.type)).toEqual([
      'Open Safehold',
      'Upcoming',
      'Lock now',
      'separator',
      'Quit',
    ])
  })

  it('opens the window, shows Upcoming, locks and quits from its items', () => {
    const { click, effects } = build('linux', true)
    click('Open Safehold')
    click('Upcoming')
    click('Lock now')
    click('Quit')
    expect(effects).toEqual(['open', 'upcoming', 'lock', 'quit'])
  })

  it('greys Lock now while no vault is open, and follows the vault opening and locking', () => {
    const { tray, deps, item } = build('linux', false)
    expect(item('Lock now')?.enabled).toBe(false)
    setTrayLockable(tray, deps, true)
    expect(item('Lock now')?.enabled).toBe(true)
    setTrayLockable(tray, deps, false)
    expect(item('Lock now')?.enabled).toBe(false)
  })

  it('opens the window on a click on the icon on Windows; elsewhere the menu does', () => {
    const windows = build('win32')
    windows.tray.emit('click')
    expect(windows.effects).toEqual(['open'])
    for (const platform of ['linux', 'darwin'] as const) {
      const other = build(platform)
      other.tray.emit('click')
      expect(other.effects).toEqual([])
    }
  })

  it('uses the coloured icon on Linux and a 1x+2x template image in the macOS menu bar', () => {
    expect(build('linux').images).toEqual([{ path: ICONS.colour, template: false, scales: [1] }])
    expect(build('darwin').images).toEqual([
      { path: ICONS.template, template: true, scales: [1, 2] },
    ])
  })

  it('has icons that are PNGs of 16 and 32 px, and packed into the app', () => {
    const size = (path: string) => {
      const png = readFileSync(path)
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
      return [png.readUInt32BE(16), png.readUInt32BE(20)]
    }
    expect(size(ICONS.colour)).toEqual([32, 32])
    expect(size(ICONS.template)).toEqual([16, 16])
    expect(size(ICONS.template2x)).toEqual([32, 32])
    expect(FILES).toContain('resources/tray*.png')
  })
})
