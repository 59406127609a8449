import type { BrowserWindow, Dialog, OpenDialogOptions, PowerMonitor } from 'electron'
import { describe, expect, it } from 'vitest'
import { electronFolderPicker } from '../../src/main/platform/electron-folder-picker'
import { electronPowerEvents } from '../../src/main/platform/electron-power-events'
import { touchIdVerification } from '../../src/main/platform/touch-id'

// The session's Electron adapters against fakes of the Electron objects they wrap: the power
// events reach powerMonitor under Electron's own names, the folder picker asks for one folder (as
// a sheet of the window when there is one), and Touch ID exists on macOS only.

describe('the power events', () => {
  it('subscribes each event under its own name', () => {
    const subscribed: string[] = []
    const fired: string[] = []
    const powerMonitor = {
      on(event: string, listener: () => void) {
        subscribed.push(event)
        listener()
        return powerMonitor
      },
    } as unknown as Pick<PowerMonitor, 'on'>
    const power = electronPowerEvents(powerMonitor)
    for (const event of ['lock-screen', 'suspend', 'resume', 'unlock-screen'] as const) {
      power.on(event, () => fired.push(event))
    }
    expect(subscribed).toEqual(['lock-screen', 'suspend', 'resume', 'unlock-screen'])
    expect(fired).toEqual(subscribed)
  })
})

describe('the folder picker', () => {
  function dialog(answer: { canceled: boolean; filePaths: string[] }) {
    const asked: { sheet: boolean; options: OpenDialogOptions }[] = []
    const fake = {
      showOpenDialog: (...args: unknown[]) => {
        asked.push({ sheet: args.length === 2, options: args.at(-1) as OpenDialogOptions })
        return Promise.resolve(answer)
      },
    } as unknown as Pick<Dialog, 'showOpenDialog'>
    return { fake, asked }
  }

  it('asks for one folder, as a sheet of the window, and answers the folder chosen', async () => {
    const { fake, asked } = dialog({ canceled: false, filePaths: ['/home/ada/vault'] })
    const window = { isDestroyed: () => false } as unknown as BrowserWindow
    expect(await electronFolderPicker(fake, () => window).pick()).toBe('/home/ada/vault')
    expect(asked).toHaveLength(1)
    expect(asked[0]?.sheet).toBe(true)
    expect(asked[0]?.options.properties).toContain('openDirectory')
    expect(asked[0]?.options.properties).not.toContain('multiSelections')
  })

  it('without a window asks on its own; a cancelled dialog is no folder', async () => {
    const { fake, asked } = dialog({ canceled: true, filePaths: [] })
    expect(await electronFolderPicker(fake, () => null).pick()).toBeNull()
    expect(asked[0]?.sheet).toBe(false)
  })

  it('says what the folder is for: a vault to open, or a folder to scan', async () => {
    const { fake, asked } = dialog({ canceled: false, filePaths: ['/home/ada/project'] })
    const picker = electronFolderPicker(fake, () => null)
    expect(await picker.pick('scan')).toBe('/home/ada/project')
    await picker.pick('vault')
    expect(asked.map(({ options }) => options.buttonLabel)).toEqual(['Scan folder', 'Open vault'])
    expect(asked[0]?.options.properties).toContain('openDirectory')
  })
})

describe('Touch ID', () => {
  const preferences = (can: boolean | 'throws', confirms: boolean) => ({
    canPromptTouchID: () => {
      if (can === 'throws') throw new Error('not on this Mac')
      return can
    },
    promptTouchID: (reason: string) =>
      confirms ? Promise.resolve() : Promise.reject(new Error(`refused: ${reason}`)),
  })

  it('is offered on macOS when the Mac can prompt, and says whether the user confirmed', async () => {
    const yes = touchIdVerification(preferences(true, true), 'darwin')
    expect(yes?.available()).toBe(true)
    expect(await yes?.verify('unlock Safehold')).toBe(true)
    const no = touchIdVerification(preferences(true, false), 'darwin')
    expect(await no?.verify('unlock Safehold')).toBe(false)
    expect(touchIdVerification(preferences(false, true), 'darwin')?.available()).toBe(false)
    expect(touchIdVerification(preferences('throws', true), 'darwin')?.available()).toBe(false)
  })

  it('does not exist elsewhere', () => {
    expect(touchIdVerification(preferences(true, true), 'linux')).toBeNull()
    expect(touchIdVerification(preferences(true, true), 'win32')).toBeNull()
  })
})
