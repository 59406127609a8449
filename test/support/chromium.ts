/**
 * The browser the e2e tests and the renderer benchmark drive: Debian's Chromium rather than a
 * Playwright-downloaded one, since the machines that run them cannot reach that download (CI
 * installs `chromium` with apt). SAFEHOLD_CHROMIUM points elsewhere.
 */
export const CHROMIUM = process.env['SAFEHOLD_CHROMIUM'] ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
