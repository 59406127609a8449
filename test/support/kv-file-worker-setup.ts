/** Per test file: Key/Value files for the window are read by the worker of kv-file-worker-build.ts. */
import { inject } from 'vitest'
import { useKvFileWorkerFile } from '../../src/main/secrets/kv-file-reader'

useKvFileWorkerFile(inject('kvFileWorkerFile'))
