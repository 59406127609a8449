/**
 * The Clipboard port (usage/clipboard.ts) over the OS clipboard. Only the main process writes a
 * value here (Copy, DESIGN §1.3); the page never gets clipboard permission.
 */
import type { Clipboard as ElectronClipboard } from 'electron'
import type { Clipboard } from '../usage/clipboard'

export function electronClipboard(
  clipboard: Pick<ElectronClipboard, 'readText' | 'writeText'>,
): Clipboard {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
  }
}
