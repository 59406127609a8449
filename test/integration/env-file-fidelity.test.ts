/**
 * `.env` fidelity through the real `safehold` command: a real-world file
 * (test/fixtures/env/.env.production.local: a byte order mark, CRLF line endings, `export`,
 * inline JSON in single and double quotes, backticks, a multi-line PEM in double quotes, `\\`
 * and `\"`) registered with `register --kv-file` holds dotenv's values key by key; `get` prints
 * .env lines that dotenv reads back to the same values, and that register again unchanged.
 * `run --env-file` reads its file by the same reader.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, expectCliError, expectSuccess } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'

const FIXTURE = join(__dirname, '..', 'fixtures', 'env', '.env.production.local')
const bytes = readFileSync(FIXTURE)
const dotenv = parse(bytes)

let v: CliVault

const register = (name: string, file: string) =>
  v.cli([
    'register',
    '--type',
    'key-value',
    '--name',
    name,
    '--scope',
    'personal',
    '--kv-file',
    file,
  ])

beforeAll(async () => {
  await ensureBuilt()
  v = cliVault('env-fidelity')
}, 120_000)

describe('a real-world .env through the CLI', () => {
  it('is the file the test means: BOM, CRLF, export, JSON, backticks, a PEM', () => {
    const text = bytes.toString('utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text.split('\r\n').length).toBeGreaterThan(15)
    expect(text).not.toMatch(/[^\r]\n/)
    for (const part of ['export ', `='{"`, '="{"', '=`', '"-----BEGIN PUBLIC KEY-----\r\n'])
      expect(text).toContain(part)
    expect(dotenv['JWT_PUBLIC_KEY']?.split('\n')).toHaveLength(4)
  })

  it('registers with --kv-file and holds dotenv’s values, key by key', () => {
    const result = register('payments-prod', FIXTURE)
    expectSuccess(result)
    expect(result.stderr).toBe('')
    const shown = v.json<{ keys: string[] }>(['show', 'payments-prod'])
    expect(shown.keys).toEqual(Object.keys(dotenv))
    // Each key alone (every key is read back through `get` below): the PEM, JSON, backticks, \\.
    for (const key of ['JWT_PUBLIC_KEY', 'SERVICE_ACCOUNT', 'GREETING', 'WINDOWS_PATH']) {
      const got = v.cli(['get', 'payments-prod', '--field', key, '--as', 'fidelity-check'])
      expect(got.stdout, key).toBe(`${dotenv[key]}\n`)
    }
  })

  it('prints .env lines that dotenv reads back to the same values, and that register again', () => {
    const got = v.cli(['get', 'payments-prod', '--as', 'fidelity-check'])
    expectSuccess(got)
    const printed = got.stdout.replace(/\n$/, '')
    const readBack = parse(printed)
    for (const [key, value] of Object.entries(dotenv)) expect(readBack[key], key).toBe(value)
    expect(Object.keys(readBack)).toEqual(Object.keys(dotenv))

    const copy = join(v.scratch, 'printed.env')
    writeFileSync(copy, got.stdout)
    expectSuccess(register('payments-copy', copy))
    expect(v.cli(['get', 'payments-copy', '--as', 'fidelity-check']).stdout).toBe(got.stdout)
  })

  it('run --env-file reads the same way: an empty value kept, references filled in', () => {
    const template = join(v.scratch, '.env.production.local')
    writeFileSync(
      template,
      '\uFEFFexport EMPTY=\r\nGREETING=`it\'s "live"`\r\nLEVEL=safehold://payments-prod/LOG_LEVEL\r\n',
    )
    const result = v.cli([
      'run',
      ...['--as', 'fidelity-check', '--no-masking', '--env-file', template, '--'],
      ...['sh', '-c', 'printf "[%s|%s|%s]" "$EMPTY" "$GREETING" "$LEVEL"'],
    ])
    expectSuccess(result)
    expect(result.stdout).toBe(`[|it's "live"|${dotenv['LOG_LEVEL']}]`)
  })

  it('run --env-file refuses what dotenv would read in silence, by line, and runs nothing', () => {
    const template = join(v.scratch, 'broken-template.env')
    writeFileSync(template, 'A=1\nnot a pair\nA=safehold://payments-prod/LOG_LEVEL\n')
    const marker = join(v.scratch, 'ran')
    const message = expectCliError(
      v.cli(['run', '--as', 'fidelity-check', '--env-file', template, '--', 'touch', marker]),
      'INVALID_INPUT',
    )
    expect(message).toBe(
      'In "broken-template.env", line 2 is not a KEY=value line (dotenv would skip it without a ' +
        'word); line 3 repeats the key "A" of line 1 (dotenv would keep only the last).',
    )
    expect(existsSync(marker)).toBe(false)
  })

  it('refuses a file with problems, naming every line, storing nothing and echoing no value', () => {
    const broken = join(v.scratch, '.env.development.local')
    writeFileSync(
      broken,
      'API_KEY=first-value-aa11\nnot a pair bb22\nAPI_KEY=second-value-cc33\nOPTIONAL=\n',
    )
    const message = expectCliError(register('broken', broken), 'INVALID_INPUT')
    expect(message).toBe(
      'In ".env.development.local", line 2 is not a KEY=value line (dotenv would skip it without ' +
        'a word); line 3 repeats the key "API_KEY" of line 1 (dotenv would keep only the last); ' +
        '"OPTIONAL" on line 4 has an empty value (a value needs at least one character that is ' +
        'not a space).',
    )
    expect(message).not.toMatch(/aa11|bb22|cc33/)
    expectCliError(v.cli(['show', 'broken']), 'NOT_FOUND')
  })
})
