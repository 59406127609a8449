/**
 * A JSON key/value file with the same key twice was taken silently, the last value winning,
 * where a .env with a repeated key is refused. Now both are refused naming the key (a .env also
 * its lines), and nothing is stored. In JSON a "__proto__" key is an ordinary key, read back like
 * any other (a .env refuses it: hostile-env-files.security.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { parseKvFile } from '../../src/main/secrets/kv-file'
import { fileDigests } from '../support/cli'
import { initInProcess, oneLineError, runCliInProcess } from '../support/cli-in-process'

let root = ''
let vault = ''
const keychain = memoryKeychain()
const cli = (args: string[]) => runCliInProcess(args, { vault, keychain })
const kv = (name: string) => [
  'register',
  '--type',
  'key-value',
  '--name',
  name,
  '--scope',
  'personal',
]
const file = (name: string, text: string): string => {
  const path = join(root, name)
  writeFileSync(path, text)
  return path
}
const bytes = (text: string) => ({ fileName: 'pairs.json', data: new TextEncoder().encode(text) })

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'safehold-dupkeys-'))
  vault = join(root, 'vault')
  await initInProcess(vault, keychain)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('a JSON key/value file with a repeated key', () => {
  it.each([
    ['plain', '{"API_KEY": "first-value", "API_KEY": "second-value"}', 'API_KEY'],
    ['spelled with an escape', '{"A\\u0042": "one", "AB": "two"}', 'AB'],
    ['after nested-looking strings', '{"X": "{\\"X\\": 1}", "Y": "a,b", "Y": "c"}', 'Y'],
  ])('%s is refused, naming the key', async (_, text, key) => {
    expect(() => parseKvFile(bytes(text))).toThrow(`the key "${key}" appears more than once`)
    const before = fileDigests(vault)
    const result = await cli([...kv('dup-json'), '--kv-file', file('pairs.json', text)])
    expect(oneLineError(result, 'INVALID_INPUT')).toMatch(`the key "${key}" appears more than once`)
    expect(result.stderr).not.toMatch(/first-value|second-value/)
    expect(fileDigests(vault)).toEqual(before)
  })

  it('is refused at edit too', async () => {
    expect((await cli([...kv('edit-json'), '--field', 'pair:A=1'])).code).toBe(0)
    const before = fileDigests(vault)
    const result = await cli([
      'edit',
      'edit-json',
      '--kv-file',
      file('e.json', '{"B":"1","B":"2"}'),
    ])
    expect(oneLineError(result, 'INVALID_INPUT')).toMatch('the key "B" appears more than once')
    expect(fileDigests(vault)).toEqual(before)
  })

  it('as a .env file, the same way, naming both lines (dotenv would keep the last)', async () => {
    const result = await cli([...kv('dup-env'), '--kv-file', file('dup.env', 'A=1\nA=2\n')])
    expect(oneLineError(result, 'INVALID_INPUT')).toBe(
      'In "dup.env", line 2 repeats the key "A" of line 1 (dotenv would keep only the last).',
    )
  })

  it('equal keys inside nested values are not top-level keys', () => {
    expect(() => parseKvFile(bytes('{"A": "x", "B": {"A": "y"}}'))).toThrow(
      'the value of "B" is not a string',
    )
  })

  it('a "__proto__" key is stored and read back as an ordinary key', async () => {
    const path = file('proto.json', '{"__proto__": "proto-value", "constructor": "c-value"}')
    expect((await cli([...kv('proto-json'), '--kv-file', path])).code).toBe(0)
    const shown = JSON.parse((await cli(['show', 'proto-json', '--json'])).stdout) as {
      keys: string[]
    }
    expect(shown.keys).toEqual(['__proto__', 'constructor'])
    expect((await cli(['get', 'proto-json', '--field', '__proto__', '--as', 't'])).stdout).toBe(
      'proto-value\n',
    )
  })
})
