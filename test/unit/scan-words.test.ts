import { describe, expect, it } from 'vitest'
import {
  placeText,
  scanSummary,
  sizeText,
  truncatedText,
  type ScanView,
} from '../../src/renderer/src/scan/scan-words'

// A leak scan in the page's words: how far it got and what it found, and each place as file:line
// (with its commit), a hostile file name shown for what it is.

function scan(more: Partial<ScanView>): ScanView {
  return {
    id: '4c1f7b2e-9a3d-4e8f-b6a1-2d5c7e9f0a13',
    folder: '/home/ada/project',
    gitRepository: false,
    gitHistory: false,
    state: 'done',
    values: 3,
    files: 12,
    binary: 0,
    bytes: 4_200,
    found: 2,
    truncated: false,
    error: null,
    from: 0,
    findings: [],
    ...more,
  }
}

describe('a scan in words', () => {
  it('says how far a running scan has got', () => {
    expect(scanSummary(scan({ state: 'running', files: 1, found: 0, bytes: 812 }))).toBe(
      'Scanning… 1 file, 812 B read; no value found so far.',
    )
  })

  it('says what a finished scan read and found', () => {
    expect(scanSummary(scan({ binary: 1, gitHistory: true }))).toBe(
      'Scanned 12 files (1 binary file skipped) and the git history, 4.2 KB for 3 values: found in 2 places.',
    )
    expect(scanSummary(scan({ found: 0, values: 1 }))).toBe(
      'Scanned 12 files, 4.2 KB for 1 value: no value found.',
    )
  })

  it('says how a scan that did not finish ended', () => {
    expect(scanSummary(scan({ state: 'cancelled', found: 1 }))).toBe(
      'Scan cancelled after 12 files, 4.2 KB; found in 1 place before it stopped.',
    )
    expect(scanSummary(scan({ state: 'failed', error: 'The scan stopped unexpectedly.' }))).toMatch(
      /^The scan stopped after 12 files, 4.2 KB: The scan stopped unexpectedly\.$/,
    )
    expect(truncatedText(scan({ found: 10_000, truncated: true }))).toMatch(
      /^Only the first 10,000 places found are listed/,
    )
  })

  it('gives sizes as file managers do', () => {
    expect(sizeText(0)).toBe('0 B')
    expect(sizeText(56_100_000)).toBe('56 MB')
    expect(sizeText(1_300_000_000)).toBe('1.3 GB')
  })

  it('shows each place as file:line, with its commit, and a hostile name escaped', () => {
    expect(placeText({ file: 'src/pay.js', line: 10, secret: 'stripe-live', commit: null })).toBe(
      'src/pay.js:10',
    )
    expect(
      placeText({ file: 'deploy.sh', line: 2, secret: 'github-token', commit: '1a2b3c4d5e6f' }),
    ).toBe('deploy.sh:2 in commit 1a2b3c4d5e6f')
    const evil = placeText({ file: 'a\u202Etxt.exe\u001b[2J', line: 1, secret: 'x', commit: null })
    expect(evil.includes('\u202E') || evil.includes('\u001b')).toBe(false)
    expect(evil).toBe('a\\u{202e}txt.exe\\u{1b}[2J:1')
  })
})
