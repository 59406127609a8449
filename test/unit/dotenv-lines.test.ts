/**
 * `safehold get NAME` of a Key/Value secret prints `.env` lines; dotenv's `parse` must read them
 * back to exactly the stored keys and values, for any value: quotes of every kind, backslashes,
 * "#", line breaks (LF, CR, CRLF), leading and trailing spaces. A value no .env line can carry
 * is refused by name, never printed wrong. Safehold's own reader reads the lines back too.
 */
import { parse } from 'dotenv'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseKvFile } from '../../src/main/secrets/kv-file'
import { dotenvLines, dotenvValue, unprintable } from '../../src/main/usage/dotenv-lines'

/** Values made of what dotenv treats specially, and ordinary text around it. */
const value = fc
  .array(
    fc.oneof(
      fc.constantFrom(...['"', "'", '`', '\\', '#', ' ', '\t', '\n', '\r', '\r\n', '\\n', '\\r']),
      fc.constantFrom(...['=', ':', '$', '{', '}', 'export ', '\uFEFF', '\u00A0', 'é', '😀']),
      fc.string({ maxLength: 6 }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''))
  .filter((text) => text.trim() !== '')

const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,20}$/).filter((k) => k !== '__proto__')
const pairs = fc.uniqueArray(fc.record({ key, value }), {
  selector: (pair) => pair.key,
  minLength: 1,
  maxLength: 8,
})

describe('.env lines that dotenv reads back unchanged', () => {
  it('for any values: dotenv.parse(printed) is exactly the stored pairs', () => {
    let printed = 0
    fc.assert(
      fc.property(pairs, (all) => {
        const given = all.filter((pair) => dotenvValue(pair.value) !== null)
        if (given.length === 0) return
        printed++
        const text = dotenvLines(given)
        const read = parse(text)
        expect(Object.entries(read)).toEqual(given.map((pair) => [pair.key, pair.value]))
        // And Safehold reads its own output back the same way.
        expect(parseKvFile({ fileName: '.env', data: Buffer.from(text) })).toEqual(given)
      }),
      { numRuns: 5_000 },
    )
    expect(printed).toBeGreaterThan(4_000)
  }, 60_000)

  it('refuses only values that no form carries; each printed one alone reads back too', () => {
    fc.assert(
      fc.property(value, (text) => {
        const line = dotenvValue(text)
        if (line === null) {
          // Each quoted form is ruled out, and so is the value standing bare.
          const quotable = !text.endsWith('\\')
          expect(quotable && !/['\n\r]/.test(text)).toBe(false)
          expect(quotable && !/"|\\[nr]/.test(text)).toBe(false)
          expect(quotable && !/[`\r]/.test(text)).toBe(false)
          expect(text.trim() === text && !/[\n\r\u2028\u2029#]|^['"`]/.test(text)).toBe(false)
        } else expect(parse(`K=${line}`)).toEqual({ K: text })
      }),
      { numRuns: 20_000 },
    )
  }, 60_000)

  it.each([
    ['plain text bare', 'sk_live_123', 'sk_live_123'],
    ['a value with spaces and # in single quotes', ' a # b ', "' a # b '"],
    [
      'a PEM in double quotes, breaks as \\n',
      '-----BEGIN-----\nMIIB\n-----END-----',
      '"-----BEGIN-----\\nMIIB\\n-----END-----"',
    ],
    ['a CRLF in double quotes as \\r\\n', 'a\r\nb', '"a\\r\\nb"'],
    ["inline JSON with ' in backticks", `{"it's": "x"}\n`, '`{"it\'s": "x"}\n`'],
    ['a Windows path ending in a backslash bare', 'C:\\dir\\', 'C:\\dir\\'],
  ])('writes %s', (_, stored, line) => {
    expect(dotenvValue(stored)).toBe(line)
    expect(parse(`K=${line}`)).toEqual({ K: stored })
  })

  it('names why a pair cannot be a line', () => {
    expect(unprintable('K', `'"\`#`, '"K"')).toBe(
      'the value of "K" holds quotes, line breaks, "#" or backslashes in a way no .env line reads back unchanged',
    )
    expect(unprintable('__proto__', 'x', '"__proto__"')).toBe(
      'dotenv drops a key named "__proto__"',
    )
    expect(unprintable('K', 'ok', '"K"')).toBeNull()
  })
})
