/**
 * The one door into main for the page (VS Code's validating `handle()`): every call is checked
 * for its channel and its sender before anything runs, then, while the vault is not open, refused
 * unless it is one of the session's own vault:* channels; its payload is parsed by the channel's
 * request schema, and its result is parsed by the response schema, which strips every field the
 * contract does not list, values above all. It never throws: errors leave as values, and an
 * unexpected failure leaves as a generic message, logged by the error's name only.
 */
import type { z } from 'zod'
import { isSafeholdError, SafeholdError, type ErrorInfo } from '../../shared/errors'
import { CHANNELS, ipcContract, type Channel, type IpcResult } from '../../shared/ipc-contract'
import type { AppServices } from '../app/app-services'
import { VaultQueue } from '../app/vault-queue'
import { VaultSession } from '../app/vault-session'
import {
  ipcHandlers,
  isVaultChannel,
  type IpcHandler,
  type IpcHandlerSpec,
  type ServiceHandlers,
} from './ipc-handlers'
import type { SenderCheck } from './ipc-sender'
import { invalidRequest } from './ipc-validation'
import { vaultHandlers } from './vault-handlers'

export interface IpcSender {
  /** The URL of the frame that sent the call (Electron: senderFrame.url; harness: the page). */
  url: string
}

export interface IpcRouterOptions {
  /** True only for our own page: `app://safehold/…` in Electron, the harness page's origin. */
  isOwnPage: SenderCheck
  /** Where unexpected failures are reported, by error name only; console.error by default. */
  log?: (line: string) => void
  /** The vault queue the session shares, so a lock waits for the calls before it. */
  queue?: VaultQueue
  /** Why a channel is refused now (the vault is locked), checked before its payload is read. */
  gate?: (channel: Channel) => SafeholdError | null
}

interface AnyHandler {
  prepare?: (request: unknown) => Promise<unknown>
  run: (request: unknown, prepared: unknown) => Promise<unknown>
  settle?: (request: unknown, ran: unknown) => Promise<unknown>
  vault: boolean
}

export const UNEXPECTED_ERROR: ErrorInfo = {
  code: 'IO_ERROR',
  message: 'Something went wrong in Safehold; the request may not have been completed. Try again.',
}

export class IpcRouter {
  private readonly handlers = new Map<Channel, AnyHandler>()
  // One vault call at a time: the services read and write the vault as a single in-process
  // writer, and a transaction must not interleave with another call's reads. Work that reads no
  // vault state (certificate files, in the certificate worker) stays out of the queue, so one slow
  // file never holds up secrets:list and the rest: a handler's `prepare` step runs before its call
  // joins the queue, and a handler with `vault: false` never joins it.
  private readonly queue: VaultQueue
  private readonly log: (line: string) => void

  constructor(private readonly options: IpcRouterOptions) {
    this.log = options.log ?? ((line) => console.error(line))
    this.queue = options.queue ?? new VaultQueue()
  }

  /** Registers the handler of one channel; a second registration is a programming error. */
  handle<C extends Channel>(channel: C, handler: IpcHandler<C> | IpcHandlerSpec<C>): void {
    if (!Object.hasOwn(ipcContract, channel)) {
      throw new Error(`IPC channel ${channel} is not in the contract.`)
    }
    if (this.handlers.has(channel)) throw new Error(`IPC channel ${channel} is already handled.`)
    const spec =
      typeof handler === 'function'
        ? { run: (request: unknown) => handler(request as never), vault: true }
        : handler
    this.handlers.set(channel, spec as AnyHandler)
  }

  /** The channels that have a handler: what Electron registers with ipcMain.handle. */
  get channels(): Channel[] {
    return [...this.handlers.keys()]
  }

  async dispatch(
    channel: string,
    payload: unknown,
    sender: IpcSender,
  ): Promise<IpcResult<unknown>> {
    try {
      return await this.route(channel, payload, sender)
    } catch (error) {
      return this.unexpected(channel, error)
    }
  }

  private async route(
    channel: string,
    payload: unknown,
    sender: IpcSender,
  ): Promise<IpcResult<unknown>> {
    // The sender first: a stranger learns nothing, not even which channels exist.
    if (typeof sender?.url !== 'string' || !this.options.isOwnPage(sender.url)) {
      return refuse('FORBIDDEN_SENDER', 'Only Safehold’s own window may ask for this.')
    }
    const handler =
      typeof channel === 'string' && Object.hasOwn(ipcContract, channel)
        ? this.handlers.get(channel as Channel)
        : undefined
    if (handler === undefined)
      return refuse('UNKNOWN_CHANNEL', 'Safehold does not know this request.')
    const known = channel as Channel
    // Locked: nothing is read, not even the payload, and the answer names no secret.
    const refused = this.options.gate?.(known) ?? null
    if (refused !== null) return { ok: false, error: refused.toInfo() }
    const contract = ipcContract[known] as { request: z.ZodType; response: z.ZodType }
    const request = contract.request.safeParse(payload)
    if (!request.success)
      return { ok: false, error: invalidRequest(request.error, payload).toInfo() }
    let result: unknown
    try {
      const prepared =
        handler.prepare === undefined ? undefined : await handler.prepare(request.data)
      result = await (handler.vault
        ? this.inQueue(() => handler.run(request.data, prepared))
        : handler.run(request.data, prepared))
      if (handler.settle !== undefined) result = await handler.settle(request.data, result)
    } catch (error) {
      if (isSafeholdError(error)) return { ok: false, error: error.toInfo() }
      return this.unexpected(known, error)
    }
    const response = contract.response.safeParse(result)
    if (!response.success) {
      this.log(`IPC ${known}: the response did not match the contract`)
      return { ok: false, error: UNEXPECTED_ERROR }
    }
    return { ok: true, value: response.data }
  }

  private inQueue<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work)
  }

  private unexpected(channel: string, error: unknown): IpcResult<unknown> {
    const name = error instanceof Error ? error.name : typeof error
    const where = Object.hasOwn(ipcContract, channel) ? channel : 'an unknown channel'
    this.log(`IPC ${where} failed: ${name}`)
    return { ok: false, error: UNEXPECTED_ERROR }
  }
}

function refuse(code: SafeholdError['code'], message: string): IpcResult<unknown> {
  return { ok: false, error: new SafeholdError(code, message).toInfo() }
}

const tables = new WeakMap<AppServices, ServiceHandlers>()

function specOf(services: AppServices, channel: Exclude<Channel, `vault:${string}`>): AnyHandler {
  let table = tables.get(services)
  if (table === undefined) {
    table = ipcHandlers(services)
    tables.set(services, table)
  }
  const handler = table[channel]
  return typeof handler === 'function'
    ? { run: (request: unknown) => handler(request as never), vault: true }
    : (handler as unknown as AnyHandler)
}

/**
 * A channel of the open vault's services, resolved on every call: its `prepare` on the services
 * open when the call arrives, its `run` on the services open when its turn in the queue comes,
 * so a lock in between refuses it (VAULT_LOCKED) rather than letting it touch a closed vault.
 */
function resolving(
  session: VaultSession,
  channel: Exclude<Channel, `vault:${string}`>,
): AnyHandler {
  return {
    vault: false,
    run: async (request) => {
      const first = specOf(session.services(), channel)
      const prepared = first.prepare === undefined ? undefined : await first.prepare(request)
      const finish = () => specOf(session.services(), channel).run(request, prepared)
      const ran = await (first.vault ? session.queue.run(finish) : finish())
      // Out of the queue again: what settles the answer reads no vault.
      return first.settle === undefined ? ran : first.settle(request, ran)
    },
  }
}

/**
 * The router over the vault session: the session's vault:* channels in every phase, every other
 * channel only while the vault is open. Given services a caller opened itself (tests, tools), it
 * serves them through a session that holds them open.
 */
export function createIpcRouter(
  source: VaultSession | AppServices,
  options: IpcRouterOptions,
): IpcRouter {
  const session = source instanceof VaultSession ? source : VaultSession.over(source)
  const router = new IpcRouter({
    ...options,
    queue: session.queue,
    gate: (channel) => (isVaultChannel(channel) ? null : session.refusal()),
  })
  const vault = vaultHandlers(session)
  for (const channel of CHANNELS) {
    if (isVaultChannel(channel)) router.handle(channel, vault[channel])
    else
      router.handle(
        channel,
        resolving(session, channel) as unknown as IpcHandlerSpec<typeof channel>,
      )
  }
  return router
}
