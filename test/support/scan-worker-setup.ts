/** Per test file: the app's leak scans run in the worker bundled in scan-worker-build.ts. */
import { inject } from 'vitest'
import { useScanWorkerFile } from '../../src/main/usage/leak-scans'

useScanWorkerFile(inject('scanWorkerFile'))
