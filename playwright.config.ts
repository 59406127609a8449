import { defineConfig } from '@playwright/test'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM, CHROMIUM_ARGS } from './test/support/chromium'

// Rollback marks of the throwaway test vaults stay out of the user's own state folder (npm test
// sets a fresh one per run).
process.env['SAFEHOLD_STATE_DIR'] ||= join(tmpdir(), 'safehold-test-state')

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
    // Tracing every test costs a third of the run's CPU; ask for a trace when a failure needs one
    // (`npx playwright test --trace retain-on-failure`).
    trace: 'off',
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
          args: CHROMIUM_ARGS,
        },
      },
    },
    {
      name: 'electron',
      testDir: 'test/electron',
    },
  ],
})
