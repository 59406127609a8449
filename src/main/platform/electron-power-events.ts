/**
 * The PowerEvents port (app/lock-triggers.ts) over Electron's powerMonitor: the OS locking the
 * screen or going to sleep locks the vault; waking and unlocking the screen wake the reminders.
 * powerMonitor may be used only after app ready.
 */
import type { PowerMonitor } from 'electron'
import type { PowerEvent, PowerEvents } from '../app/lock-triggers'

type PowerMonitorEvents = Pick<PowerMonitor, 'on'>

export function electronPowerEvents(powerMonitor: PowerMonitorEvents): PowerEvents {
  return {
    on(event: PowerEvent, listener: () => void) {
      // One overload per event in Electron's typings: each is named, so a renamed event fails to compile.
      switch (event) {
        case 'lock-screen':
          powerMonitor.on('lock-screen', listener)
          return
        case 'suspend':
          powerMonitor.on('suspend', listener)
          return
        case 'resume':
          powerMonitor.on('resume', listener)
          return
        case 'unlock-screen':
          powerMonitor.on('unlock-screen', listener)
          return
      }
    },
  }
}
