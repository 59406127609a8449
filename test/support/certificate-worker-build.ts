/**
 * Vitest global setup: tests import main's TypeScript sources, beside which there is no built
 * certificate worker, and plain Node cannot start a worker from a .ts file. So the worker is
 * bundled once per run from the same sources (rolldown, as the build does; node-forge included,
 * so the bundle runs from a temporary folder) and its path handed to every test file, whose setup
 * (certificate-worker-setup.ts) tells certificate-reader to use it. Tests thus read certificates
 * through a real worker running the code under test, never a stale build.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'rolldown'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    certificateWorkerFile: string
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'safehold-certificate-worker-'))
  const file = join(dir, 'certificate-worker.js')
  await build({
    input: join(__dirname, '..', '..', 'src', 'main', 'certificates', 'certificate-worker.ts'),
    platform: 'node',
    external: [/^node:/],
    output: { file, format: 'cjs' },
    logLevel: 'silent',
  })
  project.provide('certificateWorkerFile', file)
  return () => rmSync(dir, { recursive: true, force: true })
}
