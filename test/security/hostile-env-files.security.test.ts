/**
 * Hostile `.env` files. A .env is read exactly as dotenv reads it, so dotenv's weak spots are
 * ours to guard: it drops a `__proto__` key without a word; its pattern, tried at every line
 * start, takes time quadratic in a run of blank lines that ends in a line it cannot read (40,000
 * such lines: seconds); its value step is quadratic in U+2028 line separators; it keeps NUL bytes
 * and control characters. Each attack below is refused or read in bounded time, the message
 * names lines and never a value (every value here is a canary), nothing is stored, and reading
 * for the window (`files:parse-kv`) never blocks the main thread for 100 ms, even on 1 MiB.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { parseKvFile } from '../../src/main/secrets/kv-file'
import { SafeholdError } from '../../src/shared/errors'
import { CONTROL_CHARACTER } from '../../src/shared/name-text'
import { MAX_KV_FILE_BYTES } from '../../src/shared/secret-rules'
import { fileDigests } from '../support/cli'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'
import { fixedClock } from '../support/vault-fixtures'

const CANARY = 'CANARY_v4lue'
const OWN = { url: 'app://safehold/index.html' }
const MiB = MAX_KV_FILE_BYTES

/** Exactly 1 MiB of bytes: `head`, then `fill` repeated, then `tail`. */
function oneMiB(head: string, fill: string, tail = ''): Buffer {
  const [start, end] = [Buffer.from(head), Buffer.from(tail)]
  const room = MiB - start.length - end.length
  const middle = Buffer.from(fill.repeat(Math.ceil(room / Buffer.byteLength(fill))))
  return Buffer.concat([start, middle.subarray(0, room), end])
}

function refusal(fileName: string, data: Uint8Array): SafeholdError {
  try {
    parseKvFile({ fileName, data })
  } catch (error) {
    if (error instanceof SafeholdError) return error
    throw error
  }
  throw new Error(`${fileName} was accepted`)
}

/** The message names lines and keys only: no canary, no control character, bounded. */
function expectClean(message: string): void {
  expect(message).not.toContain(CANARY)
  expect(CONTROL_CHARACTER.test(message)).toBe(false)
  expect(message.length).toBeLessThan(3_000)
}

/**
 * The main thread's longest stall while `work` runs, in ms: the best of three runs, since a busy
 * machine may preempt any thread once, where work done on the main thread stalls it every time.
 */
async function longestStall<T>(work: () => Promise<T>): Promise<{ stallMs: number; result: T }> {
  let best = Infinity
  let result: T | undefined
  for (let run = 0; run < 3; run++) {
    const delay = monitorEventLoopDelay({ resolution: 5 })
    delay.enable()
    result = await work()
    delay.disable()
    best = Math.min(best, delay.max / 1e6)
  }
  return { stallMs: best, result: result! }
}

let root = ''
let services: AppServices
let router: IpcRouter
const keychain = memoryKeychain()
let cliVault = ''
const cli = (args: string[]) => runCliInProcess(args, { vault: cliVault, keychain })

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-hostile-env-'))
  services = await openAppServices({
    vaultDir: join(root, 'app-vault'),
    keychain: memoryKeychain(),
    passphrase: null,
    clock: fixedClock(),
    createIfMissing: true,
  })
  router = createIpcRouter(services, { isOwnPage: sameOriginAs('app://safehold/') })
  cliVault = join(root, 'cli-vault')
  await initInProcess(cliVault, keychain)
})

afterAll(() => {
  services?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('keys dotenv would drop or an object would misread', () => {
  it('refuses __proto__, constructor and prototype by line, and leaves Object.prototype alone', async () => {
    const env = `__proto__=${CANARY}\nconstructor=${CANARY}\nprototype=${CANARY}\nOK=${CANARY}\n`
    const message = refusal('.env', Buffer.from(env)).message
    for (const [line, key] of [
      [1, '__proto__'],
      [2, 'constructor'],
      [3, 'prototype'],
    ])
      expect(message).toContain(`line ${line} names the key "${key}"`)
    expectClean(message)
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Record<string, unknown>)['OK']).toBeUndefined()

    const path = join(root, 'proto.env')
    writeFileSync(path, env)
    const before = fileDigests(cliVault)
    const result = await cli(
      ['register', '--type', 'key-value', '--name', 'proto-env', '--scope', 'personal'].concat([
        '--kv-file',
        path,
      ]),
    )
    expectClean(oneLineError(result, 'INVALID_INPUT'))
    expect(fileDigests(cliVault)).toEqual(before)
  })

  it('refuses keys with control characters or NUL as lines dotenv skips, never echoing them', () => {
    const env = [
      `A\u001b[2JB=${CANARY}`,
      `K\u0000=${CANARY}`,
      `\u202eRTL=${CANARY}`,
      `GOOD=${CANARY}\u0000tail`,
      `ALSO_GOOD=${CANARY}\u0007bell`,
    ].join('\n')
    const message = refusal('.env', Buffer.from(env)).message
    expect(message).toBe(
      'In ".env", lines 2 and 4 hold NUL characters, which no environment variable can hold; ' +
        'lines 1–3 are not KEY=value lines (dotenv would skip them without a word).',
    )
    expectClean(message)
  })
})

describe('1 MiB files, read for the window without blocking the main thread', () => {
  const cases: [string, Buffer, RegExp][] = [
    ['one unquoted line', oneMiB('A=', CANARY), /the value of "A" on line 1 is over 64 KiB/],
    ["one line opening ' and never closing it", oneMiB("A='", CANARY), /over 64 KiB/],
    ['one line of escaped quotes', oneMiB('A="', '\\"'), /over 64 KiB/],
    [
      'blank lines ending in a line dotenv cannot read (quadratic in dotenv)',
      oneMiB('', '\n', CANARY),
      /^In "hostile\.env", line \d+ is not a KEY=value line/,
    ],
    [
      'U+2028 separators in one value (quadratic in dotenv)',
      oneMiB('A=x', `\u2028'${CANARY}`),
      /hold Unicode line or paragraph separators|holds a Unicode line/,
    ],
    ['NUL bytes', oneMiB('', '\u0000'), /holds a NUL character/],
    [
      'seventy thousand entries of one key',
      oneMiB('', `A=${CANARY}\n`),
      /repeat the key "A" of line 1/,
    ],
    ['garbage lines only', oneMiB('', `${CANARY} !\n`), /are not KEY=value lines/],
  ]

  it.each(cases)('%s: refused by name, main thread never blocked 100 ms', async (_, data, why) => {
    expect(data.length).toBe(MiB)
    const request = { fileName: 'hostile.env', dataBase64: data.toString('base64') }
    const started = performance.now()
    const { stallMs, result } = await longestStall(() =>
      router.dispatch('files:parse-kv', request, OWN),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.message).toMatch(why)
    expectClean(result.error.message)
    // The worker did the reading, the decoding too; the main thread only handed it on.
    expect(stallMs).toBeLessThan(100)
    expect(performance.now() - started).toBeLessThan(30_000)
  })

  it('reads a 1 MiB file of real entries in the worker, as dotenv would', async () => {
    const lines = Array.from(
      { length: 200 },
      (_, index) => `KEY_${index}="${CANARY}-${index}-${'x'.repeat(5_000)}"`,
    )
    const data = Buffer.from(lines.join('\n'))
    expect(data.length).toBeLessThan(MiB)
    const request = { fileName: '.env.production.local', dataBase64: data.toString('base64') }
    const { stallMs, result } = await longestStall(() =>
      router.dispatch('files:parse-kv', request, OWN),
    )
    expect(result.ok && (result.value as { pairs: unknown[] }).pairs.length).toBe(200)
    expect(stallMs).toBeLessThan(100)
  })

  it('refuses more keys than one Key/Value secret holds, by count', async () => {
    const data = Buffer.from(Array.from({ length: 201 }, (_, index) => `K${index}=v`).join('\n'))
    const result = await router.dispatch(
      'files:parse-kv',
      { fileName: '.env', dataBase64: data.toString('base64') },
      OWN,
    )
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '".env" holds 201 keys; a Key/Value secret holds at most 200.',
        field: 'pairs',
      },
    })
  })

  it('refuses more than 1 MiB before anything reads it', async () => {
    const data = Buffer.alloc(MiB + 1, 0x41)
    const result = await router.dispatch(
      'files:parse-kv',
      { fileName: '.env', dataBase64: data.toString('base64') },
      OWN,
    )
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT')
  })
})

describe('the CLI reads the same hostile files in bounded time', () => {
  it.each([
    ['blank lines ending in garbage', oneMiB('', '\n', 'x')],
    ['U+2028 in a value', oneMiB('A=x', `\u2028'y`)],
  ])('%s: refused within seconds, nothing stored', async (_, data) => {
    const path = join(root, 'slow.env')
    writeFileSync(path, data)
    const before = fileDigests(cliVault)
    const started = performance.now()
    const result = await cli(
      ['register', '--type', 'key-value', '--name', 'slow-env', '--scope', 'personal'].concat([
        '--kv-file',
        path,
      ]),
    )
    expect(performance.now() - started).toBeLessThan(10_000)
    expectClean(oneLineError(result, 'INVALID_INPUT'))
    expect(fileDigests(cliVault)).toEqual(before)
  })
})
