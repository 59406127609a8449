/**
 * Key/Value files (DESIGN.md §1.1, registration method File): a `.env` or a flat JSON object of
 * strings, at most 1 MiB. What a user's file turns into, and the message for a file that cannot be
 * read, which names the file and line or key but never a value.
 */
import { describe, expect, it } from 'vitest'
import { SafeholdError } from '../../src/shared/errors'
import { MAX_KV_FILE_BYTES } from '../../src/shared/secret-rules'
import { parseKvFile } from '../../src/main/secrets/kv-file'

const file = (fileName: string, content: string | Uint8Array) => ({
  fileName,
  data: typeof content === 'string' ? new TextEncoder().encode(content) : content,
})

function refusal(fileName: string, content: string | Uint8Array): SafeholdError {
  try {
    parseKvFile(file(fileName, content))
  } catch (error) {
    if (error instanceof SafeholdError) return error
    throw error
  }
  throw new Error(`${fileName} was accepted`)
}

describe('.env files', () => {
  it('reads KEY=value lines, skipping comments and blank lines, in file order', () => {
    const env = [
      '# Payment provider',
      'STRIPE_KEY=sk_live_123',
      '',
      '   # indented comment',
      'export DATABASE_URL=postgres://user@db:5432/app',
      '   ',
      'PORT = 8080',
      'EMPTY_LOOKING=a=b=c',
    ].join('\n')
    expect(parseKvFile(file('.env', env))).toEqual([
      { key: 'STRIPE_KEY', value: 'sk_live_123' },
      { key: 'DATABASE_URL', value: 'postgres://user@db:5432/app' },
      { key: 'PORT', value: '8080' },
      { key: 'EMPTY_LOOKING', value: 'a=b=c' },
    ])
  })

  it('unquotes single- and double-quoted values; only double quotes know escapes', () => {
    const env = [
      `SINGLE='keep # and \\n as typed'`,
      'DOUBLE="line one\\nline two"',
      'QUOTED="say \\"hi\\""',
      'WINDOWS_PATH="C:\\\\new\\\\table"',
      'SPACES="  padded  "',
    ].join('\n')
    expect(parseKvFile(file('app.env', env))).toEqual([
      { key: 'SINGLE', value: 'keep # and \\n as typed' },
      { key: 'DOUBLE', value: 'line one\nline two' },
      { key: 'QUOTED', value: 'say "hi"' },
      { key: 'WINDOWS_PATH', value: 'C:\\new\\table' },
      { key: 'SPACES', value: '  padded  ' },
    ])
  })

  it('drops a trailing comment from an unquoted value but keeps a # inside it', () => {
    const env = 'URL=https://example.com/#anchor  # the docs\nCOLOR=#ff0000'
    expect(parseKvFile(file('.env', env))).toEqual([
      { key: 'URL', value: 'https://example.com/#anchor' },
      { key: 'COLOR', value: '#ff0000' },
    ])
  })

  it('ends a quoted value at its closing quote, even when a comment after it quotes too', () => {
    const env = [
      'URL="https://api.example.com" # the "main" endpoint',
      `NAME='prod' # it's the live one`,
      'ESCAPED="a \\"b\\" c" # "quoted"',
    ].join('\n')
    expect(parseKvFile(file('.env', env))).toEqual([
      { key: 'URL', value: 'https://api.example.com' },
      { key: 'NAME', value: 'prod' },
      { key: 'ESCAPED', value: 'a "b" c' },
    ])
  })

  it('reads Windows line endings and a byte order mark', () => {
    expect(parseKvFile(file('.env', '\uFEFFA=1\r\nB="2"\r\n'))).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: '2' },
    ])
  })

  it.each(['.env', '.env.local', 'production.env', 'config/.env.staging', 'DEV.ENV'])(
    'reads a file named %s',
    (name) => {
      expect(parseKvFile(file(name, 'A=1'))).toEqual([{ key: 'A', value: '1' }])
    },
  )

  it('names the file and line of a line that is not KEY=value', () => {
    const error = refusal('.env', '# header\nA=1\n\nthis is not a pair\n')
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.field).toBe('pairs')
    expect(error.message).toBe('".env", line 4: expected KEY=value.')
  })

  it('names the line of a quoted value that never closes, without the value', () => {
    const error = refusal('.env', 'A=1\nTOKEN="sk_live_secret\n')
    expect(error.message).toBe('".env", line 2: the value opens with " but never closes it.')
    expect(error.message).not.toContain('sk_live_secret')
  })
})

describe('JSON files', () => {
  it('reads a flat object of strings in file order', () => {
    const json = JSON.stringify({ API_KEY: 'abc', 'db.password': 'p@ss word', _X: ' x ' })
    expect(parseKvFile(file('secrets.json', json))).toEqual([
      { key: 'API_KEY', value: 'abc' },
      { key: 'db.password', value: 'p@ss word' },
      { key: '_X', value: ' x ' },
    ])
  })

  it('reads a file with a byte order mark, as Windows editors save it', () => {
    expect(parseKvFile(file('secrets.JSON', '\uFEFF{"A": "1"}'))).toEqual([
      { key: 'A', value: '1' },
    ])
  })

  it.each([
    ['a number', '{"PORT": 8080}', 'PORT'],
    ['a boolean', '{"A": "ok", "DEBUG": true}', 'DEBUG'],
    ['null', '{"TOKEN": null}', 'TOKEN'],
    ['a nested object', '{"DB": {"password": "hunter2"}}', 'DB'],
    ['an array', '{"HOSTS": ["a", "b"]}', 'HOSTS'],
  ])('refuses %s as a value, naming its key', (_, json, key) => {
    const error = refusal('secrets.json', json)
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.field).toBe('pairs')
    expect(error.message).toBe(`In "secrets.json", the value of "${key}" is not a string.`)
    expect(error.message).not.toContain('hunter2')
  })

  it.each([
    ['an array', '["A", "B"]'],
    ['a string', '"just text"'],
    ['null', 'null'],
  ])('refuses %s at the top level', (_, json) => {
    expect(refusal('secrets.json', json).message).toBe(
      '"secrets.json" must hold one JSON object of "KEY": "value" pairs.',
    )
  })

  it('refuses text that is not JSON', () => {
    expect(refusal('secrets.json', "{ A: 'single quotes' }").message).toBe(
      '"secrets.json" is not valid JSON.',
    )
  })
})

describe('files Safehold does not read', () => {
  it.each(['secrets.txt', 'secrets.yaml', 'config.ini', 'environment', 'my.envrc', 'keys.csv'])(
    'refuses %s by its extension',
    (name) => {
      const error = refusal(name, 'A=1')
      expect(error.code).toBe('INVALID_INPUT')
      expect(error.field).toBe('pairs')
      expect(error.message).toBe(
        `"${name}" is not a .env or .json file. Choose a .env file or a JSON object of strings.`,
      )
    },
  )

  it('accepts exactly 1 MiB and refuses one byte more', () => {
    const exact = 'A=' + 'x'.repeat(MAX_KV_FILE_BYTES - 6) + '\nK=v'
    expect(new TextEncoder().encode(exact).length).toBe(MAX_KV_FILE_BYTES)
    expect(parseKvFile(file('.env', exact)).map((pair) => pair.key)).toEqual(['A', 'K'])

    const error = refusal('big.env', new Uint8Array(MAX_KV_FILE_BYTES + 1).fill(0x41))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.field).toBe('pairs')
    expect(error.message).toBe('"big.env" is larger than 1 MiB, too large for a Key/Value file.')
    expect(refusal('big.json', new Uint8Array(MAX_KV_FILE_BYTES + 1)).message).toBe(
      '"big.json" is larger than 1 MiB, too large for a Key/Value file.',
    )
  })
})
