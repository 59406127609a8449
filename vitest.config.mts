import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

// Rollback marks of the throwaway test vaults stay out of the user's own state folder. npm test
// sets a fresh folder per run; a direct vitest run shares this one.
process.env['SAFEHOLD_STATE_DIR'] ||= join(tmpdir(), 'safehold-test-state')

// Certificates and the window's Key/Value files are read, and the app's leak scans run, in
// workers; tests run them from the sources under test (see the files).
const CERTIFICATE_WORKER = {
  globalSetup: [
    'test/support/certificate-worker-build.ts',
    'test/support/scan-worker-build.ts',
    'test/support/kv-file-worker-build.ts',
  ],
  setupFiles: [
    'test/support/certificate-worker-setup.ts',
    'test/support/scan-worker-setup.ts',
    'test/support/kv-file-worker-setup.ts',
  ],
}

export default defineConfig({
  test: {
    // A test file mostly waits on the processes it starts (the CLI, the harness, the shell), so
    // one per core keeps the machine busy; vitest's default leaves one core out.
    maxWorkers: availableParallelism(),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          ...CERTIFICATE_WORKER,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // One spec per threat (DESIGN §7): each reproduces an attack and shows it fails.
        test: {
          name: 'security',
          include: ['test/security/**/*.security.test.ts'],
          environment: 'node',
          ...CERTIFICATE_WORKER,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The built main process under plain Node with a recording electron (test/shell/support).
        test: {
          name: 'shell',
          include: ['test/shell/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
    ],
  },
})
