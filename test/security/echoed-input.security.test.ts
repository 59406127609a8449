/**
 * No error repeats what the user typed where a value may stand: `--field "$TOKEN"` without
 * `KEY=` once printed the token back. Messages name the option and its position instead, and a
 * name that cannot be shown (escapes, 100 KB) is named by its place.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { ensureBuilt, expectCliError, fileDigests, runCli } from '../support/cli'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'

const TOKEN = 'ghp_EchoTest0123456789abcdefABCDEF'
const ESCAPE = `\u001b]0;${TOKEN}\u0007\u001b[2J`
let root = ''
let vault = ''
const keychain = memoryKeychain()
const cli = (args: string[]) => runCliInProcess(args, { vault, keychain })
const api = ['register', '--type', 'api-key', '--name', 'echo-key', '--scope', 'personal']

beforeAll(async () => {
  await ensureBuilt()
  root = mkdtempSync(join(tmpdir(), 'safehold-echo-'))
  vault = join(root, 'vault')
  await initInProcess(vault, keychain)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('a refused command never prints what was typed in place of a value', () => {
  const cases: [string, string[], RegExp][] = [
    [
      '--field TOKEN (no "=")',
      [...api, '--field', 'headerName=X', '--field', TOKEN],
      /--field #2 takes KEY=VALUE/,
    ],
    [
      '--field =TOKEN (no key)',
      [...api, '--field', `=${TOKEN}`],
      /--field #1 takes KEY=VALUE; it has no KEY/,
    ],
    [
      '--field with an unknown key',
      [...api, '--field', `${ESCAPE}=x`],
      /has no field of that name/,
    ],
    ['--availability', [...api, '--availability', ESCAPE], /Availability \(as given\)/],
    ['--scope', ['list', '--scope', ESCAPE], /Scope \(as given\)/],
    ['--as spot:', ['get', 'echo-key', '--as', `spot:${ESCAPE}`], /--as|Spot/],
    ['a secret name with escapes', ['show', ESCAPE], /No secret of that name/],
    [
      '--type',
      [...api.slice(0, 1), '--type', ESCAPE, '--name', 'x', '--scope', 'personal'],
      /\(as given\)|not valid/,
    ],
    ['an unknown option', ['list', `--${ESCAPE}`], /unknown option|not valid/],
  ]
  it.each(cases)('%s', async (_, args, message) => {
    const before = fileDigests(vault)
    const result = await cli(args)
    const line = oneLineError(
      result,
      result.stderr.match(/\[([A-Z_]+)\]\n$/)?.[1] ?? 'INVALID_INPUT',
    )
    expect(line).toMatch(message)
    expect(result.stderr).not.toContain(TOKEN)
    expect(result.stderr).not.toContain('\u001b')
    expect(fileDigests(vault)).toEqual(before)
  })

  it('as a real process too, the token never reaches stderr', () => {
    const result = runCli([...api, '--field', TOKEN], { vault })
    expectCliError(result, 'INVALID_INPUT', /--field #1 takes KEY=VALUE; it has no "="/)
    expect(result.stderr).not.toContain(TOKEN)
  })
})
