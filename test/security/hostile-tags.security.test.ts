/**
 * Tags are words a user picks, then filters by: `__proto__` or `constructor` as a tag could reach
 * Object.prototype through a lookup table keyed by tag, or make `list --tag constructor` match
 * every secret; 1,000 tags could make each listing walk them; "prod" and "PROD" would be two tags
 * that filter as one. Here `__proto__` and `constructor` stay plain words (stored, listed, found
 * only where they were put), while too many tags, a duplicate in another case, and a tag against
 * the rule are refused by their place, none of them echoed, nothing written.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAppServices, type AppServices } from '../../src/main/app/app-services'
import { createIpcRouter, type IpcRouter } from '../../src/main/ipc/ipc-router'
import { sameOriginAs } from '../../src/main/ipc/ipc-sender'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { memoryClipboard } from '../../src/main/usage/clipboard'
import type { SecretDetails, SecretSummary } from '../../src/shared/secret-view'
import { fileDigests } from '../support/cli'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'
import { fixedClock } from '../support/vault-fixtures'

const MARK = 'TAGCANARY'
let root = ''
let vault = ''
const keychain = memoryKeychain()
const cli = (args: string[]) => runCliInProcess(args, { vault, keychain })
const register = (name: string, tags: string[]) =>
  cli([
    'register',
    ...['--type', 'api-key', '--name', name, '--scope', 'personal'],
    ...['--field', 'headerName=X', '--field', 'value=v'],
    ...tags.flatMap((tag) => ['--tag', tag]),
  ])
const listed = async (tag: string): Promise<string[]> => {
  const result = await cli(['list', '--tag', tag, '--json'])
  expect(result.code, result.stderr).toBe(0)
  return (JSON.parse(result.stdout) as SecretSummary[]).map((s) => s.name)
}
let services: AppServices
let router: IpcRouter
const OWN = { url: 'app://safehold/index.html' }

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-tags-'))
  vault = join(root, 'vault')
  await initInProcess(vault, keychain)
  expect((await register('plain-key', ['prod'])).code).toBe(0)
  services = await openAppServices({
    vaultDir: join(root, 'app-vault'),
    keychain: memoryKeychain(),
    passphrase: null,
    clock: fixedClock(),
    clipboard: memoryClipboard(),
    createIfMissing: true,
  })
  router = createIpcRouter(services, { isOwnPage: sameOriginAs('app://safehold/'), log: () => {} })
})
afterAll(() => {
  services?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('tags named like Object’s own properties', () => {
  it('are stored as plain words and pollute nothing', async () => {
    const result = await register('proto-key', ['__proto__', 'constructor', 'hasOwnProperty'])
    expect(result.code, result.stderr).toBe(0)
    const shown = JSON.parse((await cli(['show', 'proto-key', '--json'])).stdout) as SecretDetails
    expect(shown.tags).toEqual(['__proto__', 'constructor', 'hasOwnProperty'])
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Record<string, unknown>)['prod']).toBeUndefined()
  })

  it('filter only the secrets that carry them', async () => {
    expect(await listed('constructor')).toEqual(['proto-key'])
    expect(await listed('__proto__')).toEqual(['proto-key'])
    expect(await listed('toString')).toEqual([])
    expect(await listed('prod')).toEqual(['plain-key'])
  })
})

describe('refused tags', () => {
  const cases: [string, string[], string][] = [
    [
      '1,000 tags',
      Array.from({ length: 1000 }, (_, i) => `${MARK}${i}`),
      'At most 20 tags are allowed.',
    ],
    [
      'a duplicate in another case',
      [`${MARK}prod`, 'billing', `${MARK}PROD`],
      'Tag #3 repeats tag #1; tags are unique whatever their case.',
    ],
    [
      'a tag with an escape',
      ['ok', `${MARK}\u001b[2J`],
      'Tag #2 must be 1–32 characters of letters, digits, "-" and "_".',
    ],
    [
      'a tag of 10,000 characters',
      [MARK.repeat(1200)],
      'Tag #1 must be 1–32 characters of letters, digits, "-" and "_".',
    ],
  ]

  it.each(cases)('%s: by register and edit, naming none of them', async (_, tags, message) => {
    const before = fileDigests(vault)
    for (const result of [
      await register('other-key', tags),
      await cli(['edit', 'plain-key', ...tags.flatMap((tag) => ['--tag', tag])]),
    ]) {
      expect(oneLineError(result, 'INVALID_INPUT')).toBe(message)
      expect(result.stderr).not.toContain(MARK)
    }
    expect(fileDigests(vault)).toEqual(before)
  })

  it.each(cases)('%s: over IPC, on the field tags', async (_, tags, message) => {
    const before = fileDigests(services.vaultDir)
    const result = await router.dispatch(
      'secrets:register',
      {
        type: 'api-key',
        name: 'ipc-key',
        scope: { kind: 'personal' },
        fields: { headerName: 'X', value: 'v' },
        tags,
      },
      OWN,
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    // The contract bounds the list (64) and each tag (64 characters) before the rule looks.
    if (tags.length <= 64 && tags.every((tag) => tag.length <= 64))
      expect(result).toMatchObject({ error: { message, field: 'tags' } })
    expect(JSON.stringify(result)).not.toContain(MARK)
    expect(fileDigests(services.vaultDir)).toEqual(before)
  })
})
