/**
 * The app reaches the OS keychain from worker threads (DESIGN §4: nothing blocks the main process
 * for 100 ms), because @napi-rs/keyring's calls are synchronous and hang while no Secret Service
 * answers. With stand-ins for the keyring module: a keychain that hangs is reported unavailable at
 * the time limit while this thread keeps running; one that fails says why in one printable line;
 * one that works stores, reads and deletes; and the probe is asked once, then answered from memory.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { workerKeychain } from '../../src/main/keychain/keychain-worker'
import { makeTempDir, removeTempDirs } from '../support/vault-fixtures'

afterEach(removeTempDirs)

/** A stand-in for @napi-rs/keyring's module: `Entry` with the given method bodies. */
function fakeKeyring(dir: string, name: string, body: string): string {
  const file = join(dir, `${name}.cjs`)
  writeFileSync(
    file,
    `const fs = require('node:fs')
const path = require('node:path')
const calls = path.join(${JSON.stringify(dir)}, 'calls')
class Entry {
  constructor(service, account, options) {
    fs.appendFileSync(calls, service + '/' + account + '/' + JSON.stringify(options) + '\\n')
    this.file = path.join(${JSON.stringify(dir)}, 'item-' + account)
  }
  ${body}
}
module.exports = { Entry }
`,
  )
  return file
}

/** The longest this thread went without running, while `work` was under way. */
async function longestStall<T>(work: Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now()
  let stallMs = 0
  const ticker = setInterval(() => {
    const now = performance.now()
    stallMs = Math.max(stallMs, now - last)
    last = now
  }, 5)
  try {
    return { result: await work, stallMs }
  } finally {
    clearInterval(ticker)
  }
}

describe('the keychain in a worker', () => {
  it('reports a keychain that hangs as unavailable at the limit, and this thread never stalls', async () => {
    const dir = makeTempDir('keychain-hang')
    // A synchronous call that never returns, as a D-Bus call to a Secret Service that is not there.
    const module = fakeKeyring(dir, 'hang', 'getPassword() { for (;;) {} }')
    const keychain = workerKeychain({ module, probeLimitMs: 400, callLimitMs: 400, label: 'Fake' })
    const started = performance.now()
    const { result, stallMs } = await longestStall(keychain.status())
    expect(performance.now() - started).toBeLessThan(3_000)
    expect(stallMs).toBeLessThan(100)
    expect(result).toMatchObject({ available: false, label: 'Fake' })
    expect(result.reason).toMatch(/did not answer within 0\.4 seconds/)
    const get = await longestStall(keychain.get('vault-x').catch((error: unknown) => error))
    expect(get.stallMs).toBeLessThan(100)
    expect(get.result).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' })
  })

  it('says why a keychain fails, on one printable line', async () => {
    const dir = makeTempDir('keychain-fail')
    const module = fakeKeyring(
      dir,
      'fail',
      `getPassword() { throw new Error('Platform failure: DBus error:\\n\\u001b[31mno\\u202e bus') }`,
    )
    const status = await workerKeychain({ module, label: 'Fake' }).status()
    expect(status.available).toBe(false)
    expect(status.reason).toContain('Platform failure: DBus error:')
    for (const control of ['\n', '\u001b', '\u202e']) expect(status.reason).not.toContain(control)
    expect(status.reason).toContain('\\u{1b}')
  })

  it('stores, reads and deletes through a keychain that works, pinned to the Secret Service', async () => {
    const dir = makeTempDir('keychain-works')
    const module = fakeKeyring(
      dir,
      'works',
      `getPassword() { return fs.existsSync(this.file) ? fs.readFileSync(this.file, 'utf8') : null }
  setPassword(secret) { fs.writeFileSync(this.file, secret) }
  deletePassword() { fs.rmSync(this.file, { force: true }); return true }`,
    )
    const keychain = workerKeychain({ module, label: 'Fake' })
    expect(await keychain.get('vault-1')).toBeNull()
    await keychain.set('vault-1', 'a2V5')
    expect(await keychain.get('vault-1')).toBe('a2V5')
    await keychain.delete('vault-1')
    expect(await keychain.get('vault-1')).toBeNull()
    expect(await keychain.status()).toEqual({ available: true, label: 'Fake', reason: null })
    const calls = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n')
    expect(calls.every((line) => line.startsWith('Safehold/'))).toBe(true)
    expect(calls.every((line) => line.endsWith('{"linux":{"store":"secret-service"}}'))).toBe(true)
  })

  it('asks the probe once and answers every later question from memory', async () => {
    const dir = makeTempDir('keychain-probe-once')
    const module = fakeKeyring(dir, 'probe', 'getPassword() { return null }')
    const keychain = workerKeychain({ module, label: 'Fake' })
    const answers = await Promise.all([keychain.status(), keychain.status()])
    await keychain.status()
    expect(answers[0]).toEqual({ available: true, label: 'Fake', reason: null })
    const probes = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n')
    expect(probes).toEqual(['Safehold/keychain-probe/{"linux":{"store":"secret-service"}}'])
  })

  it('says the keychain answers once a call succeeds, whatever an earlier probe found', async () => {
    const dir = makeTempDir('keychain-late')
    const ready = join(dir, 'ready')
    const module = fakeKeyring(
      dir,
      'late',
      `getPassword() { if (!fs.existsSync(${JSON.stringify(ready)})) throw new Error('not yet'); return null }`,
    )
    const keychain = workerKeychain({ module, label: 'Fake' })
    expect(await keychain.status()).toMatchObject({ available: false })
    writeFileSync(ready, '')
    expect(await keychain.get('vault-1')).toBeNull()
    expect(await keychain.status()).toEqual({ available: true, label: 'Fake', reason: null })
  })

  it('finds no keychain where the keyring module cannot be loaded', async () => {
    const dir = makeTempDir('keychain-missing')
    const status = await workerKeychain({ module: join(dir, 'absent.cjs'), label: 'Fake' }).status()
    expect(status).toMatchObject({ available: false, label: 'Fake' })
  })
})
