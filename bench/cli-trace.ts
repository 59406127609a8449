/**
 * Preloaded (`node -r cli-trace.cjs out/main/cli.js get …`) to say where a whole `safehold get`
 * spends its time, without touching src: it wraps module loading, the keychain, file I/O, AES-GCM,
 * UTF-8 decoding and JSON.parse, and writes exclusive times and minor page faults per phase to
 * SAFEHOLD_BENCH_TRACE_OUT when the process exits. Nested phases are subtracted from their parent,
 * so the phases add up; what is left is the CLI's own JavaScript. Page faults are counted because
 * a fresh process pays for every page of memory it touches for the first time.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import Module from 'node:module'
import { basename, sep } from 'node:path'

export interface Cost {
  ms: number
  /** Minor page faults: first touches of memory. */
  faults: number
}

export interface CliTrace {
  /** From process start until this preload ran: Node's own start-up. */
  bootstrap: Cost
  /** From process start until the 'exit' event. */
  total: Cost
  phases: Record<string, Cost>
}

const faults = (): number => process.resourceUsage().minorPageFault
const bootstrap: Cost = { ms: performance.now(), faults: faults() }
const phases: Record<string, Cost> = {}
const stack: Cost[] = []
const BIG = 64 * 1024

/** Runs `work` as phase `name`, excluding the cost of phases nested inside it. */
function phase<T>(name: string, work: () => T): T {
  const nested: Cost = { ms: 0, faults: 0 }
  stack.push(nested)
  const start = { ms: performance.now(), faults: faults() }
  try {
    return work()
  } finally {
    const total = { ms: performance.now() - start.ms, faults: faults() - start.faults }
    stack.pop()
    const cost = (phases[name] ??= { ms: 0, faults: 0 })
    cost.ms += total.ms - nested.ms
    cost.faults += total.faults - nested.faults
    const parent = stack[stack.length - 1]
    if (parent) {
      parent.ms += total.ms
      parent.faults += total.faults
    }
  }
}

function packageOf(filename: string): string {
  const marker = `${sep}node_modules${sep}`
  const at = filename.lastIndexOf(marker)
  if (at === -1)
    return filename.includes(`${sep}out${sep}main${sep}`) ? 'safehold out/main' : basename(filename)
  const parts = filename.slice(at + marker.length).split(sep)
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
}

interface ModuleInternals {
  _load(request: string, parent: unknown, isMain: boolean): unknown
  _resolveFilename(request: string, parent: unknown, isMain: boolean): string
  _extensions: Record<string, (module: unknown, filename: string) => void>
}
const internals = Module as unknown as ModuleInternals

const originalLoad = internals._load.bind(Module)
internals._load = (request, parent, isMain) => {
  if (request.startsWith('node:') || Module.isBuiltin(request))
    return originalLoad(request, parent, isMain)
  let label = request
  try {
    label = packageOf(internals._resolveFilename(request, parent, isMain))
  } catch {
    // unresolvable: the load itself will throw, under the request's name
  }
  const name = isMain ? 'cli.js: load + commander setup (sync part)' : `load ${label}`
  const exports = phase(name, () => originalLoad(request, parent, isMain))
  if (request === '@napi-rs/keyring') wrapKeyring(exports as Record<string, unknown>)
  return exports
}

const loadNative = internals._extensions['.node']!
internals._extensions['.node'] = (module, filename) =>
  phase(`load ${packageOf(filename)} (native addon)`, () => loadNative(module, filename))

type Method = (this: unknown, ...args: unknown[]) => unknown

function wrapMethods(
  target: object,
  names: string[],
  label: (name: string) => string,
  skip: () => boolean = () => false,
): void {
  const methods = target as Record<string, Method>
  for (const name of names) {
    const original = methods[name]
    if (typeof original !== 'function') continue
    methods[name] = function (this: unknown, ...args: unknown[]) {
      if (skip()) return original.apply(this, args)
      return phase(label(name), () => original.apply(this, args))
    }
  }
}

let keyringWrapped = false
function wrapKeyring(exports: Record<string, unknown>): void {
  if (keyringWrapped || typeof exports['Entry'] !== 'function') return
  keyringWrapped = true
  const Entry = exports['Entry'] as new (...args: unknown[]) => object
  wrapMethods(
    Entry.prototype as object,
    ['getPassword', 'setPassword', 'deletePassword'],
    () => 'keychain (D-Bus → gnome-keyring)',
  )
  try {
    exports['Entry'] = new Proxy(Entry, {
      construct: (target, args) =>
        phase('keychain (D-Bus → gnome-keyring)', () => Reflect.construct(target, args)),
    })
  } catch {
    // a read-only export: constructor time stays in "other"
  }
}

const isVaultFile = (path: unknown): boolean =>
  typeof path === 'string' && basename(path).startsWith('vault.')

const fsFunctions = fs as unknown as Record<string, Method>
/** readFileSync calls fs.openSync/readSync itself: inside it, those are part of the read. */
let insideReadFile = 0
const originalReadFile = fsFunctions['readFileSync']!
fsFunctions['readFileSync'] = function (this: unknown, ...args: unknown[]) {
  if (!isVaultFile(args[0])) return originalReadFile.apply(this, args)
  const file = basename(args[0] as string)
  insideReadFile++
  try {
    return phase(
      file === 'vault.snapshot' ? 'read snapshot' : 'vault file I/O (header, lock, journal)',
      () => originalReadFile.apply(this, args),
    )
  } finally {
    insideReadFile--
  }
}
wrapMethods(
  fs,
  ['fdatasyncSync', 'fsyncSync'],
  () => 'fsync/fdatasync (journal append, durable use)',
)
wrapMethods(
  fs,
  [
    'openSync',
    'closeSync',
    'writeSync',
    'readSync',
    'fstatSync',
    'statSync',
    'unlinkSync',
    'existsSync',
    'ftruncateSync',
  ],
  () => 'vault file I/O (header, lock, journal)',
  () => insideReadFile > 0,
)

const cryptoFunctions = crypto as unknown as Record<string, Method>
for (const [factory, label] of [
  ['createDecipheriv', 'decrypt (AES-256-GCM)'],
  ['createCipheriv', 'encrypt (journal record)'],
] as const) {
  const original = cryptoFunctions[factory]!
  cryptoFunctions[factory] = function (this: unknown, ...args: unknown[]) {
    const cipher = phase(label, () => original.apply(this, args)) as object
    wrapMethods(cipher, ['update', 'final'], () => label)
    return cipher
  }
}
wrapMethods(crypto, ['scryptSync'], () => 'scrypt (passphrase unwrap)')
wrapMethods(crypto, ['hkdfSync', 'createHmac'], () => 'hkdf/hmac')

const bufferMethods = Buffer.prototype as unknown as { toString: Method }
const originalToString = bufferMethods.toString
bufferMethods.toString = function (this: unknown, ...args: unknown[]) {
  const run = (): unknown => originalToString.apply(this, args)
  return (this as Buffer).length > BIG ? phase('utf8 decode of the snapshot', run) : run()
}

const originalConcat = Buffer.concat.bind(Buffer)
Buffer.concat = ((list: readonly Uint8Array[], totalLength?: number) => {
  const run = (): Buffer => originalConcat(list, totalLength)
  const size = totalLength ?? list.reduce((sum, part) => sum + part.length, 0)
  return size > BIG ? phase('Buffer.concat copies', run) : run()
}) as typeof Buffer.concat

const originalParse = JSON.parse
JSON.parse = ((text: string, reviver?: (key: string, value: unknown) => unknown) => {
  const run = (): unknown => originalParse(text, reviver)
  return typeof text === 'string' && text.length > BIG
    ? phase('JSON.parse of the snapshot', run)
    : run()
}) as typeof JSON.parse

const originalWriteFile = fs.writeFileSync.bind(fs)
process.on('exit', () => {
  const out = process.env['SAFEHOLD_BENCH_TRACE_OUT']
  if (!out) return
  const trace: CliTrace = { bootstrap, total: { ms: performance.now(), faults: faults() }, phases }
  originalWriteFile(out, JSON.stringify(trace))
})
