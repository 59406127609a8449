/**
 * The harness's clipboard: in memory, as the page has no OS clipboard to reach, and telling only
 * that it was written or cleared — never what it holds — so a test can see a copied value cleared
 * when the vault locks without any value leaving the process.
 */
import { memoryClipboard, type Clipboard } from '../usage/clipboard'

export type ClipboardEvent = 'written' | 'cleared'

export function reportingClipboard(report: (event: ClipboardEvent) => void): Clipboard {
  const inner = memoryClipboard()
  return {
    readText: () => inner.readText(),
    writeText(text) {
      inner.writeText(text)
      report(text === '' ? 'cleared' : 'written')
    },
  }
}
