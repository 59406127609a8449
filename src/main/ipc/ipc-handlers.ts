/**
 * One handler per channel of the contract, over the app's services. Handlers receive requests the
 * router has already parsed; whatever they return passes through the channel's response schema
 * before it leaves main, and none of them returns a value of a secret in the first place.
 */
import type { z } from 'zod'
import type { Availability } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import type { Channel, IpcContract } from '../../shared/ipc-contract'
import type { EditRequest, FileInput, RegisterRequest } from '../../shared/secret-requests'
import type { AppServices } from '../app/app-services'
import { readCertificate } from '../secrets/secret-input'

export type IpcRequestOf<C extends Channel> = z.output<IpcContract[C]['request']>
export type IpcHandler<C extends Channel> = (
  request: IpcRequestOf<C>,
) => Promise<z.input<IpcContract[C]['response']>>
export type IpcHandlers = { [C in Channel]: IpcHandler<C> }

type FileRequest = { fileName: string; dataBase64: string; password?: string | undefined }

function toFileInput(file: FileRequest): FileInput {
  const input: FileInput = { fileName: file.fileName, data: Buffer.from(file.dataBase64, 'base64') }
  if (file.password !== undefined) input.password = file.password
  return input
}

function toRegisterRequest(request: IpcRequestOf<'secrets:register'>): RegisterRequest {
  const { certificate, privateKey, availability, ...rest } = request
  return {
    ...rest,
    // The contract admits any short Spot name; the service checks it against the six Spots.
    ...(availability === undefined ? {} : { availability: availability as Availability | null }),
    ...(certificate === undefined ? {} : { certificate: toFileInput(certificate) }),
    ...(privateKey === undefined ? {} : { privateKey: toFileInput(privateKey) }),
  }
}

function toEditRequest(request: IpcRequestOf<'secrets:edit'>): EditRequest {
  const { id, certificate, privateKey, ...rest } = request
  return {
    ...rest,
    ref: { id },
    ...(certificate === undefined ? {} : { certificate: toFileInput(certificate) }),
    ...(privateKey === undefined ? {} : { privateKey: toFileInput(privateKey) }),
  }
}

export function ipcHandlers(services: AppServices): IpcHandlers {
  const { secrets, copier, store, clock } = services
  return {
    'app:state': async () => {
      // Another process (the CLI) may have changed the profile since we last looked.
      await store.refresh()
      return { profile: secrets.profile(), vaultDir: services.vaultDir }
    },
    'profile:update': (request) => secrets.updateProfile(request),
    'workspaces:add': ({ name }) => secrets.addWorkspace(name),
    'secrets:list': () => secrets.list(),
    'secrets:show': ({ id }) => secrets.show({ id }),
    'secrets:history': ({ id }) => secrets.history({ id }),
    'secrets:register': (request) => secrets.register(toRegisterRequest(request)),
    'secrets:edit': (request) => secrets.edit(toEditRequest(request)),
    'secrets:delete-now': async ({ id }) => {
      await secrets.deleteNow({ id })
      return { deleted: true as const }
    },
    'secrets:schedule-deletion': ({ id }) => secrets.scheduleDeletion({ id }),
    'secrets:cancel-deletion': ({ id }) => secrets.cancelDeletion({ id }),
    'secrets:copy': ({ id, field }) =>
      copier.copySecret(field === undefined ? { ref: { id } } : { ref: { id }, field }),
    'certificates:inspect': ({ certificate, privateKey }) => {
      // Parsed here, in main; the PEMs it yields are dropped, only the facts go back.
      const read = readCertificate(
        toFileInput(certificate),
        privateKey === undefined ? undefined : toFileInput(privateKey),
        clock.now(),
      )
      if (read.certificate === null) {
        throw new SafeholdError(
          'CERT_INVALID',
          'No certificate was found in the file.',
          'certificate',
        )
      }
      return Promise.resolve({
        facts: read.certificate,
        hasPrivateKey: read.values['privateKey'] !== undefined,
        warnings: read.warnings,
      })
    },
  }
}
