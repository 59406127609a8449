/**
 * The OS keychain reached from a worker thread, never from the thread that calls: @napi-rs/keyring
 * makes synchronous D-Bus (or Keychain Services) calls, which hang for as long as a Secret Service
 * that does not answer keeps them waiting. Each call runs in a worker of its own under a time
 * limit; past it the call fails as KEYCHAIN_UNAVAILABLE and the worker is left to end on its own,
 * unreferenced, so the main process never waits on it. The probe (does a keychain answer, and if
 * not, why) is one such call, made once and its answer kept until another call succeeds.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { printable } from '../../shared/name-text'
import {
  ENTRY_OPTIONS,
  KEYCHAIN_SERVICE,
  keychainLabel,
  unavailable,
  type KeychainPort,
} from './keychain'

/** A keychain that asks its user to unlock it (GNOME's password prompt) may take this long. */
export const KEYCHAIN_CALL_LIMIT_MS = 60_000
/** The probe asks for an item that does not exist: a keychain that answers does so at once. */
export const KEYCHAIN_PROBE_LIMIT_MS = 5_000
/** Where the probe looks; nothing is ever stored under this name. */
export const PROBE_ACCOUNT = 'keychain-probe'

/** Whether the OS keychain answers, in the user's words (vault:state's `keychain`). */
export interface KeychainStatus {
  available: boolean
  label: string
  /** Why it does not answer; null when it does. */
  reason: string | null
}

type Operation = { op: 'get' } | { op: 'set'; secret: string } | { op: 'delete' }
type Answer = { ok: true; value: string | null } | { ok: false; reason: string }

export interface WorkerKeychainOptions {
  /** The module exporting `Entry` (tests give a stand-in); @napi-rs/keyring by default. */
  module?: string
  callLimitMs?: number
  probeLimitMs?: number
  label?: string
  service?: string
}

// Plain CommonJS, run with `eval`: no file to ship beside the bundle, and nothing of the vault but
// the one secret a `set` stores crosses into it. It answers once and holds nothing open.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { module, service, account, options, job } = workerData
let answer
try {
  const { Entry } = require(module)
  const entry = new Entry(service, account, options)
  if (job.op === 'get') answer = { ok: true, value: entry.getPassword() ?? null }
  else if (job.op === 'set') { entry.setPassword(job.secret); answer = { ok: true, value: null } }
  else { entry.deletePassword(); answer = { ok: true, value: null } }
} catch (error) {
  answer = { ok: false, reason: String(error && error.message ? error.message : error) }
}
parentPort.postMessage(answer)
`

/** A reason as the user may read it: one line, no terminal or bidi controls, not a page long. */
function readable(reason: string): string {
  const line = printable(reason.replace(/\s+/g, ' ').trim()).replace(/\.$/, '')
  return line.length > 300 ? `${line.slice(0, 300)}…` : line || 'no reason given'
}

function keyringModule(): string | null {
  try {
    return createRequire(__filename).resolve('@napi-rs/keyring')
  } catch {
    return null
  }
}

function run(
  module: string | null,
  service: string,
  account: string,
  job: Operation,
  limitMs: number,
): Promise<Answer> {
  if (module === null) {
    return Promise.resolve({
      ok: false,
      reason: 'the keychain module could not be loaded on this system',
    })
  }
  return new Promise((resolve) => {
    let worker: Worker
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module, service, account, options: ENTRY_OPTIONS, job },
      })
    } catch {
      resolve({ ok: false, reason: 'Safehold could not start the keychain call' })
      return
    }
    // A worker stuck in a native call cannot be stopped; it must not keep the process alive.
    worker.unref()
    let settled = false
    const finish = (answer: Answer): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate().catch(() => undefined)
      resolve(answer)
    }
    const seconds = Math.round(limitMs / 100) / 10
    const timer = setTimeout(
      () => finish({ ok: false, reason: `it did not answer within ${seconds} seconds` }),
      limitMs,
    )
    worker.once('message', (answer: Answer) => finish(answer))
    worker.once('error', () => finish({ ok: false, reason: 'the keychain call failed' }))
    worker.once('exit', () => finish({ ok: false, reason: 'the keychain call ended early' }))
  })
}

export interface WorkerKeychain extends KeychainPort {
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<void>
  /** Whether the keychain answers: asked once (in a worker, under the probe's limit), then kept. */
  status(): Promise<KeychainStatus>
}

export function workerKeychain(options: WorkerKeychainOptions = {}): WorkerKeychain {
  const module = options.module ?? keyringModule()
  const service = options.service ?? KEYCHAIN_SERVICE
  const label = options.label ?? keychainLabel()
  const callLimit = options.callLimitMs ?? KEYCHAIN_CALL_LIMIT_MS
  let probe: Promise<KeychainStatus> | null = null

  const call = async (account: string, job: Operation): Promise<string | null> => {
    const answer = await run(module, service, account, job, callLimit)
    if (!answer.ok) throw unavailable(readable(answer.reason))
    // A keychain that has just answered answers: an earlier probe that timed out is out of date.
    probe = Promise.resolve({ available: true, label, reason: null })
    return answer.value
  }

  return {
    label,
    get: (account) => call(account, { op: 'get' }),
    set: async (account, secret) => void (await call(account, { op: 'set', secret })),
    delete: async (account) => void (await call(account, { op: 'delete' })),
    status() {
      probe ??= run(
        module,
        service,
        PROBE_ACCOUNT,
        { op: 'get' },
        options.probeLimitMs ?? KEYCHAIN_PROBE_LIMIT_MS,
      ).then((answer) =>
        answer.ok
          ? { available: true, label, reason: null }
          : { available: false, label, reason: unavailable(readable(answer.reason)).message },
      )
      return probe
    },
  }
}
