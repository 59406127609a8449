/**
 * Threat: the window (or a page that took it over) uses "Import .env" to read values back, or to
 * make main do unbounded work. Main answers a preview and an import with keys, names and problems
 * only — a value never comes back, not in a problem about that value, not in a name taken, not
 * after the import; a file over the limit is refused before it is decoded; a file of thousands of
 * keys as one secret per key is refused before any secret is planned; an import refused for one
 * key adds none of the others.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { memoryKeychain } from '../../src/main/keychain/keychain'

const OWN = { url: 'app://safehold/index.html' }
const CANARY = 'CANARY_import_env_9f8e7d'
const PERSONAL = { kind: 'personal' } as const

let services: AppServices
let router: IpcRouter

const file = (text: string, fileName = '.env') => ({
  fileName,
  dataBase64: Buffer.from(text).toString('base64'),
})

async function ask(channel: 'import:preview-env' | 'import:env', payload: unknown) {
  const result = await router.dispatch(channel, payload, OWN)
  expect(JSON.stringify(result)).not.toContain(CANARY)
  return result as { ok: boolean; value?: unknown; error?: { code: string; message: string } }
}

function vaultFiles(): string {
  const dir = services.vaultDir
  return readdirSync(dir)
    .sort()
    .map((name) => `${name}:${readFileSync(join(dir, name)).toString('base64')}`)
    .join('\n')
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'safehold-import-env-'))
  services = await openAppServices({
    vaultDir: join(root, 'vault'),
    keychain: memoryKeychain(),
    passphrase: null,
    createIfMissing: true,
  })
  router = createIpcRouter(services, { isOwnPage: (url) => url === OWN.url, log: () => {} })
  await services.secrets.register({
    type: 'api-key',
    name: 'TAKEN_KEY',
    scope: PERSONAL,
    fields: { headerName: 'Authorization', value: 'existing-value-1' },
  })
}, 60_000)

afterAll(() => services?.close())

describe('what a preview and an import answer', () => {
  // So that "never holds a value" below is about real answers, not about a reader that fails.
  it('previews a good file as its keys', async () => {
    const text = `API_TOKEN=${CANARY}\nOTHER=${CANARY}-2\n`
    const payload = { file: file(text, '.env'), mode: 'per-key', name: 'x-env', scope: PERSONAL }
    const answer = await ask('import:preview-env', payload)
    expect(answer.ok).toBe(true)
    expect(JSON.stringify(answer.value)).toContain('API_TOKEN')
    expect(JSON.stringify(answer.value)).toContain('OTHER')
  })

  it.each([
    ['a good file', `API_TOKEN=${CANARY}\nOTHER=${CANARY}-2\n`],
    ['a name already taken', `TAKEN_KEY=${CANARY}\n`],
    ['a value over 64 KiB', `BIG=${CANARY.repeat(3000)}\n`],
    ['a key too short to be a name', `DB=${CANARY}\n`],
    ['a line that is not a pair', `GOOD=x\n${CANARY}\n`],
    ['a JSON value that is not text', `{"A": {"${CANARY}": 1}}`],
  ])('never holds a value, for %s', async (_what, text) => {
    const fileName = text.startsWith('{') ? 'values.json' : '.env'
    for (const mode of ['one', 'per-key'] as const) {
      const payload = { file: file(text, fileName), mode, name: 'imported-env', scope: PERSONAL }
      await ask('import:preview-env', payload)
    }
  })

  it('an import answers with names and ids, and the window then lists no value either', async () => {
    const result = await ask('import:env', {
      file: file(`SERVICE_TOKEN=${CANARY}\n`),
      mode: 'per-key',
      scope: PERSONAL,
    })
    expect(result).toMatchObject({ ok: true, value: { secrets: [{ name: 'SERVICE_TOKEN' }] } })
    await ask('secrets:list' as never, {})
  })
})

describe('bounded work', () => {
  it('refuses a file over the limit before decoding it', async () => {
    const huge = { fileName: '.env', dataBase64: 'A'.repeat(1_500_000) }
    const result = await ask('import:preview-env', { file: huge, mode: 'per-key', scope: PERSONAL })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(result.error?.message).toContain('file.dataBase64 is too long')
  })

  it('refuses thousands of keys as one secret per key, planning none', async () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `KEY_${i}=${CANARY}`).join('\n')
    const before = vaultFiles()
    const preview = await ask('import:preview-env', {
      file: file(keys),
      mode: 'per-key',
      scope: PERSONAL,
    })
    expect(preview).toMatchObject({
      ok: true,
      value: { problems: [expect.objectContaining({ field: 'pairs' })] },
    })
    const imported = await ask('import:env', { file: file(keys), mode: 'per-key', scope: PERSONAL })
    expect(imported).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(imported.error?.message).toContain('at most 200 secrets')
    expect(vaultFiles()).toBe(before)
  })
})

describe('all or none', () => {
  it('adds none of a file whose one key clashes', async () => {
    const before = vaultFiles()
    const result = await ask('import:env', {
      file: file(`NEW_ONE=${CANARY}\nTAKEN_KEY=${CANARY}\nNEW_TWO=${CANARY}\n`),
      mode: 'per-key',
      scope: PERSONAL,
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'NAME_TAKEN' } })
    expect(result.error?.message).toContain('"TAKEN_KEY"')
    expect(vaultFiles()).toBe(before)
    const names = (await services.secrets.list()).map((secret) => secret.name)
    expect(names).not.toContain('NEW_ONE')
  })
})
