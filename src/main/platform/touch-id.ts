/**
 * The OsVerification port (app/session-ports.ts) over Touch ID (macOS): a keychain-only vault
 * unlocks only after the OS has confirmed the user. Elsewhere Electron offers no such check, and
 * there is none (null): Settings then offers to add a passphrase for unlocking.
 */
import type { SystemPreferences } from 'electron'
import type { OsVerification } from '../app/session-ports'

type TouchId = Pick<SystemPreferences, 'canPromptTouchID' | 'promptTouchID'>

export function touchIdVerification(
  systemPreferences: TouchId,
  platform: NodeJS.Platform,
): OsVerification | null {
  if (platform !== 'darwin') return null
  return {
    available: () => {
      try {
        return systemPreferences.canPromptTouchID()
      } catch {
        return false
      }
    },
    // "Safehold is trying to unlock Safehold": macOS puts the app's name before the reason.
    verify: (reason) =>
      systemPreferences.promptTouchID(reason).then(
        () => true,
        () => false,
      ),
  }
}
