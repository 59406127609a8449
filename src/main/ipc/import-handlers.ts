/**
 * "Import .env" over IPC. The page sends the file's bytes with each call, preview and import
 * alike, and main reads them each time: main keeps no values between the two calls (nothing to
 * forget on a lock, no store of previews a page could fill), and what is saved is checked again
 * on the freshest vault. The file is read in the kv-file worker before the call joins the vault
 * queue, so neither the main thread nor other calls wait on it. Only keys, names and problems go
 * back; the response schema drops anything else.
 */
import { scopeToString } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import type { AppServices } from '../app/app-services'
import { secretNameSchema } from '../../shared/secret-rules'
import { EnvImport, type EnvImportRequest } from '../secrets/env-import'
import { kvFileReader, type KvFileReader } from '../secrets/kv-file-reader'
import { check } from '../secrets/rule-check'
import type { IpcHandlerSpec, IpcRequestOf } from './ipc-handlers'

type ImportRequest = IpcRequestOf<'import:env'>

async function toEnvImport(
  reader: KvFileReader,
  request: ImportRequest,
  importing: boolean,
): Promise<EnvImportRequest> {
  if (request.mode === 'one' && request.name === undefined)
    throw new SafeholdError('INVALID_INPUT', 'Secret name is required.', 'name')
  // An import goes no further than its first refusal: a bad name costs no read of the file.
  if (importing && request.mode === 'one') check(secretNameSchema, request.name, 'name')
  const data = Buffer.from(request.file.dataBase64, 'base64')
  let pairs
  try {
    pairs = await reader.read({ fileName: request.file.fileName, data })
  } finally {
    data.fill(0)
  }
  return {
    pairs,
    mode: request.mode === 'one' ? { kind: 'one', name: request.name ?? '' } : { kind: 'per-key' },
    scope: request.scope,
    ...(request.availability === undefined ? {} : { availability: request.availability }),
  }
}

export function importHandlers(
  services: AppServices,
  reader: KvFileReader = kvFileReader(),
): {
  'import:preview-env': IpcHandlerSpec<'import:preview-env'>
  'import:env': IpcHandlerSpec<'import:env'>
} {
  const envImport = new EnvImport(services.store, services.clock)
  return {
    'import:preview-env': {
      vault: true,
      prepare: (request) => toEnvImport(reader, request, false),
      run: (_request, prepared) => envImport.preview(prepared as EnvImportRequest),
    },
    'import:env': {
      vault: true,
      prepare: (request) => toEnvImport(reader, request, true),
      run: async (_request, prepared) => {
        const secrets = await envImport.commit(prepared as EnvImportRequest)
        return {
          secrets: secrets.map(({ id, name, scope }) => ({
            id,
            name,
            scope: scopeToString(scope),
          })),
        }
      },
    },
  }
}
