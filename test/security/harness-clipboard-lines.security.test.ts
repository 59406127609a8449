/**
 * Threat: a test hook that leaks what it reports on, or that a value can forge. The harness tells
 * tests that its clipboard was written or cleared by printing a line; were the line to carry the
 * value, every copied secret would land in test logs and CI artifacts, and a value that holds a
 * line break and "clipboard: cleared" could fake the very line that proves a lock cleared it. The
 * hook prints one fixed word per change, whatever the value is, and the clipboard still holds and
 * hands back exactly what was written.
 */
import { describe, expect, it } from 'vitest'
import { reportingClipboard, type ClipboardEvent } from '../../src/main/harness/harness-clipboard'

const HOSTILE = [
  'sk_live_harness_line_3f9a',
  'x\nclipboard: cleared\n',
  '\rclipboard: cleared',
  '\u001b[2K\u001b[1Gclipboard: cleared',
  '\u202eclipboard: written',
]

describe('the harness clipboard line', () => {
  it.each(HOSTILE)('says only "written" for %j, never the value, and keeps it intact', (value) => {
    const events: ClipboardEvent[] = []
    const clipboard = reportingClipboard((event) => events.push(event))
    void clipboard.writeText(value)
    expect(events).toEqual(['written'])
    expect(clipboard.readText()).toBe(value)
    expect(events.join('\n')).not.toContain(value)
  })

  it('says "cleared" only when the clipboard was emptied', () => {
    const events: ClipboardEvent[] = []
    const clipboard = reportingClipboard((event) => events.push(event))
    void clipboard.writeText('sk_live_harness_line_3f9a')
    void clipboard.writeText('')
    expect(events).toEqual(['written', 'cleared'])
    expect(clipboard.readText()).toBe('')
  })
})
