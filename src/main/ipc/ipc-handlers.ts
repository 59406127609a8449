/**
 * One handler per channel of the contract, over the app's services. Handlers receive requests the
 * router has already parsed; whatever they return passes through the channel's response schema
 * before it leaves main, and none of them returns a value of a secret in the first place.
 *
 * Reading a certificate file may take seconds (in the certificate worker). That work reads no
 * vault state, so it is never done in the router's vault queue, where it would hold up every other
 * call: `certificates:inspect` runs outside the queue altogether, and register and edit read their
 * files in a `prepare` step first and enter the queue only to write. That is safe because every
 * rule that depends on the vault (role, workspace, name taken, the secret being edited and its
 * type) is checked inside the transaction, on the freshest state; what prepare yields
 * depends only on the request. The price: such a call joins the queue once its files are read, so
 * a call sent after it may be answered first, as with two windows sending at once.
 */
import type { z } from 'zod'
import { SafeholdError } from '../../shared/errors'
import type { Channel, IpcContract } from '../../shared/ipc-contract'
import type { EditRequest, FileInput, RegisterRequest } from '../../shared/secret-requests'
import type { AppServices } from '../app/app-services'
import { BELL_LIMIT } from '../lifecycle/notification-centre'
import { readCertificate } from '../secrets/secret-input'
import { connectionTestHandlers } from './connection-test-handlers'
import { historyHandlers } from './history-handlers'
import { importHandlers } from './import-handlers'
import { kvFileHandlers } from './kv-file-handlers'
import { scanHandlers } from './scan-handlers'

export type IpcRequestOf<C extends Channel> = z.output<IpcContract[C]['request']>
type IpcResponseOf<C extends Channel> = z.input<IpcContract[C]['response']>
/** A handler run in the vault queue, one call at a time. */
export type IpcHandler<C extends Channel> = (request: IpcRequestOf<C>) => Promise<IpcResponseOf<C>>

/**
 * A handler that is not just one queued step: `prepare`, when given, runs as soon as the call
 * arrives (it must read no vault state), then `run` gets its result; `run` waits in the vault queue
 * unless `vault` is false (the handler touches no vault at all). `settle`, when given, runs after
 * `run` has left the queue and makes the answer of what `run` returned: slow work that needs what
 * the vault gave but not the vault itself (a connection test's network I/O) holds up no other call.
 */
export interface IpcHandlerSpec<C extends Channel, P = unknown, R = IpcResponseOf<C>> {
  prepare?: (request: IpcRequestOf<C>) => Promise<P>
  run: (request: IpcRequestOf<C>, prepared: P) => Promise<R>
  settle?(request: IpcRequestOf<C>, ran: R): Promise<IpcResponseOf<C>>
  vault: boolean
}

export type IpcHandlers = { [C in Channel]: IpcHandler<C> | IpcHandlerSpec<C> }

/** The vault session's own channels (vault-handlers.ts), answered in every phase. */
export type VaultChannel = Extract<Channel, `vault:${string}`>

export function isVaultChannel(channel: Channel): channel is VaultChannel {
  return channel.startsWith('vault:')
}

/** The channels served by an open vault's services. */
export type ServiceHandlers = Omit<IpcHandlers, VaultChannel>

function prepared<C extends Channel, P>(
  prepare: (request: IpcRequestOf<C>) => Promise<P>,
  run: (prepared: P) => Promise<IpcResponseOf<C>>,
): IpcHandlerSpec<C> {
  return { prepare, run: (_request, value) => run(value as P), vault: true }
}

type FileRequest = { fileName: string; dataBase64: string; password?: string | undefined }

function toFileInput(file: FileRequest): FileInput {
  const input: FileInput = { fileName: file.fileName, data: Buffer.from(file.dataBase64, 'base64') }
  if (file.password !== undefined) input.password = file.password
  return input
}

function toRegisterRequest(request: IpcRequestOf<'secrets:register'>): RegisterRequest {
  const { certificate, privateKey, ...rest } = request
  return {
    ...rest,
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

export function ipcHandlers(services: AppServices): ServiceHandlers {
  const { secrets, copier, store, clock, certificates, notifications } = services
  return {
    'app:state': async () => {
      // Another process (the CLI) may have changed the profile since we last looked.
      await store.refresh()
      return { profile: secrets.profile(), vaultDir: services.vaultDir }
    },
    'profile:update': (request) => secrets.updateProfile(request),
    'workspaces:add': ({ name }) => secrets.addWorkspace(name),
    'workspaces:rename': ({ from, to }) => secrets.renameWorkspace(from, to),
    'secrets:list': () => secrets.list(),
    'secrets:show': ({ id }) => secrets.show({ id }),
    'secrets:history': ({ id }) => secrets.history({ id }),
    'secrets:register': prepared(
      (request) => secrets.prepareRegistration(toRegisterRequest(request)),
      (registration) => secrets.commitRegistration(registration),
    ),
    'secrets:edit': prepared(
      (request) => secrets.prepareEdit(toEditRequest(request)),
      (edit) => secrets.commitEdit(edit),
    ),
    'secrets:delete-now': async ({ id }) => {
      await secrets.deleteNow({ id })
      return { deleted: true as const }
    },
    'secrets:restore-previous': ({ id }) => secrets.restorePrevious({ id }),
    'secrets:schedule-deletion': ({ id }) => secrets.scheduleDeletion({ id }),
    'secrets:cancel-deletion': ({ id }) => secrets.cancelDeletion({ id }),
    'secrets:copy': ({ id, field }) =>
      copier.copySecret(field === undefined ? { ref: { id } } : { ref: { id }, field }),
    ...connectionTestHandlers(services),
    'notifications:list': () => notifications.list(BELL_LIMIT),
    'notifications:mark-all-read': () => notifications.markAllRead(BELL_LIMIT),
    'settings:get': () => notifications.settings(),
    'settings:update': (request) => notifications.updateSettings(request),
    'app:take-navigation': () => Promise.resolve(services.navigation.take()),
    ...importHandlers(services),
    ...kvFileHandlers(),
    ...historyHandlers(services),
    ...scanHandlers(services),
    'certificates:inspect': {
      vault: false,
      run: async ({ certificate, privateKey }) => {
        // Read in the certificate worker; the PEMs it yields are dropped, only the facts go back.
        const read = await readCertificate(
          certificates,
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
        return {
          facts: read.certificate,
          hasPrivateKey: read.values['privateKey'] !== undefined,
          warnings: read.warnings,
        }
      },
    },
  }
}
