/**
 * Vitest global setup: tests import main's TypeScript sources, beside which there is no built scan
 * worker, and plain Node cannot start a worker from a .ts file. So the worker is bundled once per
 * run from the same sources (rolldown, as the build does) and its path handed to every test file,
 * whose setup (scan-worker-setup.ts) tells leak-scans to use it: the app's scans in tests run the
 * code under test, never a stale build.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'rolldown'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    scanWorkerFile: string
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'safehold-scan-worker-'))
  const file = join(dir, 'scan-worker.js')
  await build({
    input: join(__dirname, '..', '..', 'src', 'main', 'usage', 'scan-worker.ts'),
    platform: 'node',
    external: [/^node:/],
    output: { file, format: 'cjs' },
    logLevel: 'silent',
  })
  project.provide('scanWorkerFile', file)
  return () => rmSync(dir, { recursive: true, force: true })
}
