/**
 * Field lookups by a name the user gives walk only the secret's own fields: `get --field
 * constructor` (or __proto__, toString) once printed "value.endsWith is not a function", counted
 * as a use; `secrets:copy` over IPC did the same, and `--as constructor` corrupted the usage
 * count. Now each is a plain NOT_FOUND, no use is recorded and the vault is byte-identical.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { memoryClipboard } from '../../src/main/usage/clipboard'
import type { IpcResult } from '../../src/shared/ipc-contract'
import type { SecretDetails } from '../../src/shared/secret-view'
import { fileDigests } from '../support/cli'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'
import { fixedClock } from '../support/vault-fixtures'

const VALUE = 'sk_live_prototype_0123456789'
const HOSTILE = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']
let root = ''
let vault = ''
const keychain = memoryKeychain()
const cli = (args: string[], input?: string) =>
  runCliInProcess(args, { vault, keychain, ...(input === undefined ? {} : { input }) })

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-proto-'))
  vault = join(root, 'vault')
  await initInProcess(vault, keychain)
  const api = ['--type', 'api-key', '--name', 'billing-api', '--scope', 'personal']
  expect(
    (await cli(['register', ...api, '--field', 'headerName=X', '--field', `value=${VALUE}`])).code,
  ).toBe(0)
  const kv = ['--type', 'key-value', '--name', 'db-env', '--scope', 'personal']
  expect((await cli(['register', ...kv, '--field', 'pair:DB_PASSWORD=hunter2-proto'])).code).toBe(0)
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

async function usages(name: string): Promise<SecretDetails['usages']> {
  const shown = await cli(['show', name, '--json'])
  return (JSON.parse(shown.stdout) as SecretDetails).usages
}

describe('get --field with a name of Object.prototype', () => {
  it.each(
    HOSTILE.flatMap((field) => [
      ['billing-api', field],
      ['db-env', field],
    ]),
  )('%s --field %s is NOT_FOUND, records no use and changes no file', async (name, field) => {
    const before = fileDigests(vault)
    const result = await cli(['get', name, '--field', field, '--as', 'deploy'])
    const message = oneLineError(result, 'NOT_FOUND')
    expect(message).toMatch(/has no (field|key)/)
    expect(message).not.toMatch(/is not a function/)
    expect(result.stderr).not.toContain(VALUE)
    expect(fileDigests(vault)).toEqual(before)
    expect(await usages(name)).toEqual([])
  })

  it('register --field __proto__=… is refused as a field the type does not have', async () => {
    const before = fileDigests(vault)
    const args = ['--type', 'api-key', '--name', 'proto-key', '--scope', 'personal']
    const result = await cli([
      'register',
      ...args,
      '--field',
      'headerName=X',
      '--field',
      `__proto__=${VALUE}`,
    ])
    expect(oneLineError(result, 'INVALID_INPUT')).toMatch(/has no field "__proto__"/)
    expect(fileDigests(vault)).toEqual(before)
  })

  it('a consumer named "constructor" is counted like any other', async () => {
    for (let i = 0; i < 2; i++)
      expect((await cli(['get', 'billing-api', '--as', 'constructor'])).stdout).toBe(`${VALUE}\n`)
    const [use] = await usages('billing-api')
    expect(use).toMatchObject({ consumer: 'constructor', count: 2 })
    expect(use!.firstUsedAt).toEqual(expect.any(String))
  })
})

describe('secrets:copy over IPC with a name of Object.prototype', () => {
  let services: AppServices
  let dir = ''
  const clipboard = memoryClipboard('untouched')

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'safehold-proto-ipc-'))
    writeFileSync(join(dir, '.keep'), '')
    services = await openAppServices({
      vaultDir: join(dir, 'vault'),
      keychain: memoryKeychain(),
      passphrase: null,
      clock: fixedClock(),
      clipboard,
      createIfMissing: true,
    })
  })
  afterAll(() => {
    services?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each(HOSTILE)(
    'field %s is NOT_FOUND; the clipboard and the usages stay as they were',
    async (field) => {
      const router = createIpcRouter(services, {
        isOwnPage: sameOriginAs('app://safehold/'),
        log: () => {},
      })
      const own = { url: 'app://safehold/index.html' }
      const saved = (await router.dispatch(
        'secrets:register',
        {
          type: 'api-key',
          name: `copy-${field.replace(/_/g, 'u').toLowerCase()}`,
          scope: { kind: 'personal' },
          fields: { headerName: 'X', value: VALUE },
        },
        own,
      )) as IpcResult<{ secret: SecretDetails }>
      if (!saved.ok) throw new Error(saved.error.message)
      const before = fileDigests(join(dir, 'vault'))
      const copied = await router.dispatch(
        'secrets:copy',
        { id: saved.value.secret.id, field },
        own,
      )
      expect(copied).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(clipboard.readText()).toBe('untouched')
      expect(fileDigests(join(dir, 'vault'))).toEqual(before)
      const shown = (await router.dispatch(
        'secrets:show',
        { id: saved.value.secret.id },
        own,
      )) as IpcResult<SecretDetails>
      expect(shown.ok && shown.value.usages).toEqual([])
    },
  )
})
