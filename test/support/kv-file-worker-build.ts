/**
 * Vitest global setup: tests import main's TypeScript sources, beside which there is no built
 * Key/Value file worker, and plain Node cannot start a worker from a .ts file. So the worker is
 * bundled once per run from the same sources (rolldown, as the build does; dotenv included) and
 * its path handed to every test file, whose setup (kv-file-worker-setup.ts) tells kv-file-reader
 * to use it: files parsed for the window in tests run the code under test, never a stale build.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'rolldown'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    kvFileWorkerFile: string
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'safehold-kv-file-worker-'))
  const file = join(dir, 'kv-file-worker.js')
  await build({
    input: join(__dirname, '..', '..', 'src', 'main', 'secrets', 'kv-file-worker.ts'),
    platform: 'node',
    external: [/^node:/],
    output: { file, format: 'cjs' },
    logLevel: 'silent',
  })
  project.provide('kvFileWorkerFile', file)
  return () => rmSync(dir, { recursive: true, force: true })
}
