import { defineConfig } from '@playwright/test'

// Debian's Chromium rather than a Playwright-downloaded one: the machines that run these tests
// cannot reach Playwright's browser download, and CI installs `chromium` with apt.
const CHROMIUM = process.env['SAFEHOLD_CHROMIUM'] ?? '/usr/bin/chromium'

export default defineConfig({
  forbidOnly: !!process.env['CI'],
  retries: 0,
  // Each worker launches its own browser or Electron app; two keep small CI machines responsive.
  workers: 2,
  timeout: 60_000,
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: '.playwright-report.json' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'e2e',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
    },
  ],
})
