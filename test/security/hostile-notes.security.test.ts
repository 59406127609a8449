/**
 * Notes are free text that `safehold show` prints and the window shows: a note carrying ANSI
 * escapes could rewrite the terminal (clear it, set its title, fake a line), a bidi override could
 * make "deploy-prod" read as something else, and a note of megabytes, or of multi-byte characters
 * counted as characters, could slip past a 4 KiB limit. Each is refused on the command line and
 * over IPC, naming the field Notes, echoing none of it, writing nothing; and a note that reached
 * the vault some other way is printed with its control characters made visible.
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
import { CONTROL_CHARACTER } from '../../src/shared/name-text'
import { fileDigests } from '../support/cli'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'
import { fixedClock } from '../support/vault-fixtures'

const MARK = 'NOTE_CANARY_7d1e'
const CONTROL =
  'Notes cannot contain control characters other than line breaks and tabs (no terminal escapes or bidi overrides).'
const TOO_LONG =
  'Notes hold at most 4 KiB (4,096 bytes of UTF-8; accented letters and emoji count as several).'
const HOSTILE: [string, string, string][] = [
  ['a screen-clearing ANSI escape', `${MARK}\u001b[2J\u001b[H`, CONTROL],
  ['an OSC sequence that sets the terminal title', `\u001b]0;${MARK}\u0007`, CONTROL],
  ['a C1 CSI', `${MARK}\u009b31m`, CONTROL],
  ['a bidi override that reverses what follows', `${MARK}\u202Etorp-yolped`, CONTROL],
  ['a bidi isolate', `\u2067${MARK}\u2069`, CONTROL],
  ['a carriage return that overwrites the line', `${MARK}\rfake line`, CONTROL],
  ['a NUL byte', `${MARK}\u0000`, CONTROL],
  [
    '2,049 two-byte letters: 4,098 bytes in 2,049 characters',
    `${MARK}${'é'.repeat(2049)}`,
    TOO_LONG,
  ],
  ['1,100 emoji: 4,400 bytes', `${MARK}${'🔑'.repeat(1100)}`, TOO_LONG],
  ['a megabyte', MARK.repeat(65_536), TOO_LONG],
]

let root = ''
let vault = ''
const keychain = memoryKeychain()
const cli = (args: string[]) => runCliInProcess(args, { vault, keychain })
let services: AppServices
let router: IpcRouter
let secretId = ''
const OWN = { url: 'app://safehold/index.html' }

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-notes-'))
  vault = join(root, 'vault')
  await initInProcess(vault, keychain)
  const registered = await cli([
    'register',
    ...['--type', 'api-key', '--name', 'deploy-prod', '--scope', 'personal'],
    ...['--field', 'headerName=X', '--field', 'value=v', '--json'],
  ])
  secretId = (JSON.parse(registered.stdout) as { id: string }).id
  services = await openAppServices({
    vaultDir: join(root, 'app-vault'),
    keychain: memoryKeychain(),
    passphrase: null,
    clock: fixedClock(),
    clipboard: memoryClipboard(),
    createIfMissing: true,
  })
  router = createIpcRouter(services, {
    isOwnPage: sameOriginAs('app://safehold/'),
    log: () => {},
  })
})
afterAll(() => {
  services?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('a hostile note', () => {
  it.each(HOSTILE)('with %s is refused by register and edit', async (_, note, message) => {
    const before = fileDigests(vault)
    const registering = await cli([
      'register',
      ...['--type', 'api-key', '--name', 'other-key', '--scope', 'personal'],
      ...['--field', 'headerName=X', '--field', 'value=v', '--note', note],
    ])
    const editing = await cli(['edit', 'deploy-prod', '--note', note])
    for (const result of [registering, editing]) {
      expect(oneLineError(result, 'INVALID_INPUT')).toBe(message)
      expect(result.stderr).not.toContain(MARK)
    }
    expect(fileDigests(vault)).toEqual(before)
  })

  it.each(HOSTILE)('with %s is refused over IPC, on the field notes', async (_, note, message) => {
    const before = fileDigests(services.vaultDir)
    const registering = await router.dispatch(
      'secrets:register',
      {
        type: 'api-key',
        name: 'ipc-key',
        scope: { kind: 'personal' },
        fields: { headerName: 'X', value: 'v' },
        notes: note,
      },
      OWN,
    )
    expect(registering).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    // A note over the contract's size bound is refused by the contract, before the rule.
    if (note.length <= 8 * 1024)
      expect(registering).toMatchObject({ error: { message, field: 'notes' } })
    expect(JSON.stringify(registering)).not.toContain(MARK)
    expect(fileDigests(services.vaultDir)).toEqual(before)
  })
})

describe('a note that reached the vault another way', () => {
  it('is printed by show with every control character made visible', async () => {
    // As an older or altered Safehold might have written it: straight into the vault.
    const direct = await openAppServices({
      vaultDir: vault,
      keychain,
      passphrase: null,
      clock: fixedClock(),
    })
    await direct.store.transact((state) => ({
      ops: [
        {
          op: 'secret.put',
          secret: { ...state.secrets[secretId]!, notes: `line\u001b[2J\n\u202Eevil\tend` },
        },
      ],
      result: null,
    }))
    direct.close()
    const shown = await cli(['show', 'deploy-prod'])
    expect(shown.code).toBe(0)
    expect(CONTROL_CHARACTER.test(shown.stdout.replace(/\n/g, ''))).toBe(false)
    expect(shown.stdout).toMatch(/^Notes\s+line\\u\{1b\}\[2J$/m)
    expect(shown.stdout).toMatch(/^\s+\\u\{202e\}evil {4}end$/m)
  })
})
