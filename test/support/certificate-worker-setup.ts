/** Per test file: certificate files are read by the worker bundled in certificate-worker-build.ts. */
import { inject } from 'vitest'
import { useCertificateWorkerFile } from '../../src/main/certificates/certificate-reader'

useCertificateWorkerFile(inject('certificateWorkerFile'))
