/**
 * Key/Value files (DESIGN.md §1.1, registration method File): a `.env` read exactly as dotenv
 * reads it, or a flat JSON object of strings, at most 1 MiB. What a user's file turns into, and
 * the one message for a file that cannot be read, which names every problem by line (and key)
 * but never a value. Each .env case is checked against dotenv's own `parse` as well.
 */
import { parse } from 'dotenv'
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

/** Our pairs, which must be dotenv's reading of the same text, key by key and in order. */
function asDotenv(fileName: string, env: string): { key: string; value: string }[] {
  const pairs = parseKvFile(file(fileName, env))
  expect(Object.fromEntries(pairs.map(({ key, value }) => [key, value]))).toEqual(parse(env))
  expect(pairs.map(({ key }) => key)).toEqual(Object.keys(parse(env)))
  return pairs
}

describe('.env files, read as dotenv reads them', () => {
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
      'COLON: form',
    ].join('\n')
    expect(asDotenv('.env', env)).toEqual([
      { key: 'STRIPE_KEY', value: 'sk_live_123' },
      { key: 'DATABASE_URL', value: 'postgres://user@db:5432/app' },
      { key: 'PORT', value: '8080' },
      { key: 'EMPTY_LOOKING', value: 'a=b=c' },
      { key: 'COLON', value: 'form' },
    ])
  })

  it('unquotes single, double and back quotes; double quotes turn only \\n and \\r into breaks', () => {
    const env = [
      `SINGLE='keep # and \\n as typed'`,
      'DOUBLE="line one\\nline two"',
      'QUOTED="say \\"hi\\""',
      'WINDOWS_PATH="C:\\\\new\\\\table"',
      'SPACES="  padded  "',
      'BACKTICKS=`it\'s "both"`',
    ].join('\n')
    expect(asDotenv('app.env', env)).toEqual([
      { key: 'SINGLE', value: 'keep # and \\n as typed' },
      { key: 'DOUBLE', value: 'line one\nline two' },
      // dotenv keeps \" and \\ as typed, and reads the \n of "\\new" as a line break.
      { key: 'QUOTED', value: 'say \\"hi\\"' },
      { key: 'WINDOWS_PATH', value: 'C:\\\new\\\\table' },
      { key: 'SPACES', value: '  padded  ' },
      { key: 'BACKTICKS', value: `it's "both"` },
    ])
  })

  it('keeps inline JSON in double or single quotes whole', () => {
    const env = ['JSON="{"a": 1, "b": "x"}"', `JSON_SINGLE='{"k": "v"}'`].join('\n')
    expect(asDotenv('.env', env)).toEqual([
      { key: 'JSON', value: '{"a": 1, "b": "x"}' },
      { key: 'JSON_SINGLE', value: '{"k": "v"}' },
    ])
  })

  it('stores a multi-line value in double quotes, a PEM key with its line breaks', () => {
    const pem = [
      '-----BEGIN PRIVATE KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      '-----END PRIVATE KEY-----',
    ]
    const env = `A=1\nKEY="${pem.join('\n')}"\nB=2\n`
    expect(asDotenv('.env', env)).toEqual([
      { key: 'A', value: '1' },
      { key: 'KEY', value: pem.join('\n') },
      { key: 'B', value: '2' },
    ])
  })

  it('ends a value at the first # outside quotes, as dotenv does', () => {
    const env = [
      'URL=https://example.com/#anchor  # the docs',
      'QUOTED_URL="https://api.example.com/#top" # the "main" endpoint',
      `NAME='prod' # it's the live one`,
    ].join('\n')
    expect(asDotenv('.env', env)).toEqual([
      { key: 'URL', value: 'https://example.com/' },
      { key: 'QUOTED_URL', value: 'https://api.example.com/#top' },
      { key: 'NAME', value: 'prod' },
    ])
  })

  it('keeps a quote that never closes as a character, as dotenv does', () => {
    expect(asDotenv('.env', 'A=1\nTOKEN="sk_live_secret\n')).toEqual([
      { key: 'A', value: '1' },
      { key: 'TOKEN', value: '"sk_live_secret' },
    ])
  })

  it('reads Windows line endings and a byte order mark', () => {
    expect(asDotenv('.env', '\uFEFFA=1\r\nB="2"\r\nC="x\r\ny"\r\n')).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: '2' },
      { key: 'C', value: 'x\ny' },
    ])
  })

  it.each([
    '.env',
    '.env.local',
    '.env.development.local',
    '.env.production.local',
    '.env-staging',
    'env',
    'production.env',
    'x.env',
    'config/.env.staging',
    'DEV.ENV',
  ])('reads a file named %s', (name) => {
    expect(parseKvFile(file(name, 'A=1'))).toEqual([{ key: 'A', value: '1' }])
  })
})

describe('.env files refused, every problem by line in one message', () => {
  it('names a line dotenv would skip, without its text', () => {
    const error = refusal('.env', '# header\nA=1\n\nthis is not a pair sk_live_typo\n')
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.field).toBe('pairs')
    expect(error.message).toBe(
      'In ".env", line 4 is not a KEY=value line (dotenv would skip it without a word).',
    )
  })

  it('names both lines of a repeated key, which dotenv would take the last of', () => {
    const error = refusal('.env', 'A=first-value\nB=2\nA=second-value\nA=third-value\n')
    expect(error.message).toBe(
      'In ".env", lines 3 and 4 repeat the key "A" of line 1 (dotenv would keep only the last).',
    )
  })

  it('refuses every empty value at once, naming each key and line (the one rule)', () => {
    const env = 'A=1\nEMPTY=\nQUOTED=""\nBLANK="   "\nCOLOR=#ff0000\n'
    expect(parse(env)).toMatchObject({ EMPTY: '', QUOTED: '', BLANK: '   ', COLOR: '' })
    expect(refusal('.env', env).message).toBe(
      'In ".env", "EMPTY" on line 2, "QUOTED" on line 3, "BLANK" on line 4 and "COLOR" on line 5 ' +
        'have empty values (a value needs at least one character that is not a space).',
    )
  })

  it('refuses keys a JavaScript object keeps for itself, and keys outside the key rule', () => {
    const env = '__proto__=x\nconstructor=y\nprototype=z\n1ST=w\n'
    expect(parse(env)).not.toHaveProperty('__proto__', 'x')
    const message = refusal('.env', env).message
    for (const [line, key] of [
      [1, '__proto__'],
      [2, 'constructor'],
      [3, 'prototype'],
    ])
      expect(message).toContain(
        `line ${line} names the key "${key}", which JavaScript objects keep for themselves`,
      )
    expect(message).toContain(
      'line 4 names the key "1ST", which is not allowed (keys must start with a letter or "_"',
    )
  })

  it('refuses a value over 64 KiB, naming its key', () => {
    const error = refusal('.env', `BIG=${'x'.repeat(64 * 1024 + 1)}\nSMALL=1\n`)
    expect(error.message).toBe('In ".env", the value of "BIG" on line 1 is over 64 KiB.')
  })

  it('names every problem of a file at once, each kind in turn, never a value', () => {
    const env = [
      'A=value-one',
      'garbage-value-two',
      'A=value-three',
      '__proto__=value-four',
      'E=',
      'also garbage value-five',
      'F=   ',
    ].join('\n')
    const message = refusal('.env', env).message
    expect(message).toBe(
      'In ".env", lines 2 and 6 are not KEY=value lines (dotenv would skip them without a word); ' +
        'line 4 names the key "__proto__", which JavaScript objects keep for themselves (programs ' +
        'that read the file into an object, dotenv among them, may not get it as written); ' +
        'line 3 repeats the key "A" of line 1 (dotenv would keep only the last); ' +
        '"E" on line 5 and "F" on line 7 have empty values (a value needs at least one character ' +
        'that is not a space).',
    )
    expect(message).not.toMatch(/value-|garbage/)
  })

  it('counts lines as dotenv does: CRLF and a lone CR each end one', () => {
    expect(refusal('.env', 'A=1\r\nB=2\rnot a pair\r\n').message).toBe(
      'In ".env", line 3 is not a KEY=value line (dotenv would skip it without a word).',
    )
  })

  it('names lines that are not UTF-8, or hold NUL or U+2028', () => {
    const bytes = Buffer.concat([
      Buffer.from('A=1\nB=caf'),
      Buffer.from([0xe9]),
      Buffer.from('\nC=x\u0000y\nD="a\u2028b"\n'),
    ])
    expect(refusal('.env', bytes).message).toBe(
      'In ".env", line 2 is not UTF-8 text; line 3 holds a NUL character, which no environment ' +
        'variable can hold; line 4 holds a Unicode line or paragraph separator (U+2028, U+2029), ' +
        'which dotenv reads as a line break in some places and not in others.',
    )
  })

  it('lists at most 20 runs of lines, then says how many more', () => {
    const env = Array.from({ length: 30 }, (_, index) => `bad line ${index}\nK${index}=v`).join(
      '\n',
    )
    expect(refusal('.env', env).message).toBe(
      `In ".env", lines ${Array.from({ length: 20 }, (_, index) => 2 * index + 1).join(', ')} ` +
        'and 10 more lines are not KEY=value lines (dotenv would skip them without a word).',
    )
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
    // Eighteen values of under 64 KiB each fill the file to the byte.
    const lines = Array.from({ length: 17 }, (_, index) => `K${index}=${'x'.repeat(61_000)}`)
    const used = new TextEncoder().encode(lines.join('\n') + '\nLAST=').length
    const exact = `${lines.join('\n')}\nLAST=${'y'.repeat(MAX_KV_FILE_BYTES - used)}`
    expect(new TextEncoder().encode(exact).length).toBe(MAX_KV_FILE_BYTES)
    expect(parseKvFile(file('.env', exact)).map((pair) => pair.key)).toHaveLength(18)

    const error = refusal('big.env', new Uint8Array(MAX_KV_FILE_BYTES + 1).fill(0x41))
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.field).toBe('pairs')
    expect(error.message).toBe('"big.env" is larger than 1 MiB, too large for a Key/Value file.')
    expect(refusal('big.json', new Uint8Array(MAX_KV_FILE_BYTES + 1)).message).toBe(
      '"big.json" is larger than 1 MiB, too large for a Key/Value file.',
    )
  })
})
