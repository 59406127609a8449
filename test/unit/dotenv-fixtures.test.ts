/**
 * `.env` fidelity (DESIGN.md §1.1): dotenv's own test fixtures (test/fixtures/dotenv, copied from
 * dotenv's repository) read by dotenv and by Safehold, key by key. Safehold refuses by rule only
 * what it says it refuses: keys dotenv reads as empty (the one rule for empty values: a secret
 * value has a character that is not a space). For those files the refusal names exactly those
 * keys and lines, and the file without those lines agrees with dotenv on every other key.
 * Beyond the fixtures, random text: Safehold either reads what dotenv reads, or refuses.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SafeholdError } from '../../src/shared/errors'
import { DOTENV_LINE, scanDotenv } from '../../src/main/secrets/dotenv-scan'
import { parseKvFile } from '../../src/main/secrets/kv-file'

const FIXTURES = join(__dirname, '..', 'fixtures', 'dotenv')
const fixtureNames = readdirSync(FIXTURES).filter((name) => name.startsWith('.env'))

/** What Safehold refuses in dotenv's fixtures, and where: every key dotenv reads as empty. */
const EMPTY_BY_RULE: Record<string, [key: string, line: number][]> = {
  '.env': [
    ['EMPTY', 5],
    ['EMPTY_SINGLE_QUOTES', 6],
    ['EMPTY_DOUBLE_QUOTES', 7],
    ['EMPTY_BACKTICKS', 8],
  ],
  '.env-multiline': [['EMPTY', 5]],
  '.env.multiline': [['EMPTY', 5]],
}

function read(fileName: string, data: Uint8Array): Record<string, string> | SafeholdError {
  try {
    return Object.fromEntries(parseKvFile({ fileName, data }).map(({ key, value }) => [key, value]))
  } catch (error) {
    if (error instanceof SafeholdError) return error
    throw error
  }
}

let agreed = 0
let refused = 0

describe("dotenv's fixtures", () => {
  it('are all here', () => {
    expect(fixtureNames.sort()).toEqual([
      '.env',
      '.env-multiline',
      '.env.bom',
      '.env.local',
      '.env.multiline',
      '.env.vault',
    ])
  })

  it.each(fixtureNames)('%s reads as dotenv reads it, key by key', (name) => {
    const bytes = readFileSync(join(FIXTURES, name))
    const dotenv = parse(bytes)
    const empty = EMPTY_BY_RULE[name] ?? []
    expect(Object.entries(dotenv).filter(([, value]) => value.trim() === '')).toEqual(
      empty.map(([key]) => [key, '']),
    )
    let ours = read(name, bytes)
    if (empty.length > 0) {
      // Refused by the one rule, naming every such key and line at once.
      expect(ours).toBeInstanceOf(SafeholdError)
      const keys = empty.map(([key, line]) => `"${key}" on line ${line}`)
      const listed =
        keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(', ')} and ${keys.at(-1)}`
      expect((ours as SafeholdError).message).toBe(
        `In "${name}", ${listed} ${keys.length === 1 ? 'has an empty value' : 'have empty values'} ` +
          '(a value needs at least one character that is not a space).',
      )
      refused += empty.length
      const lines = bytes.toString('utf8').split('\n')
      const kept = lines.filter((_, index) => !empty.some(([, line]) => line === index + 1))
      ours = read(name, Buffer.from(kept.join('\n')))
    }
    if (ours instanceof SafeholdError) throw ours
    for (const [key, value] of Object.entries(dotenv)) {
      if (empty.some(([refusedKey]) => refusedKey === key)) continue
      expect(ours[key], key).toBe(value)
      agreed++
    }
    expect(Object.keys(ours)).toEqual(
      Object.keys(dotenv).filter((key) => !empty.some(([refusedKey]) => refusedKey === key)),
    )
  })

  it('agree on every key but the empty ones', () => {
    const total = fixtureNames.reduce(
      (sum, name) => sum + Object.keys(parse(readFileSync(join(FIXTURES, name)))).length,
      0,
    )
    expect({ agreed, refused }).toEqual({ agreed: total - 6, refused: 6 })
  })
})

describe('the scanner that says which lines dotenv used', () => {
  it("holds dotenv's pattern, character for character", () => {
    const source = readFileSync(join(require.resolve('dotenv'), '..', 'main.js'), 'utf8')
    const line = /^const LINE = \/(.+)\/([a-z]*)$/m.exec(source)
    expect(line?.[1]).toBe(DOTENV_LINE.source)
    expect([...line![2]!].sort().join('')).toBe(DOTENV_LINE.flags)
  })

  /** Text from the characters and words that steer dotenv's pattern. */
  const envText = fc
    .array(
      fc.constantFrom(
        ...['A', 'B', '_', '1', '.', '-', '=', ':', ' ', '\t', '\n', '\r', '\r\n', '#'],
        ...['"', "'", '`', '\\', 'n', 'export ', '\uFEFF', '\u00A0', '\u2028', 'x y', '\n\n\n'],
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''))

  it("finds the entries dotenv's own loop finds, at the same places", () => {
    fc.assert(
      fc.property(envText, (raw) => {
        const text = raw.replace(/\r\n?/g, '\n')
        const pattern = new RegExp(DOTENV_LINE.source, DOTENV_LINE.flags)
        const dotenv: [string, number][] = []
        for (let match = pattern.exec(text); match !== null; match = pattern.exec(text))
          dotenv.push([match[1]!, pattern.lastIndex])
        expect(scanDotenv(text).map(({ key, end }) => [key, end])).toEqual(dotenv)
      }),
      { numRuns: 20_000 },
    )
  }, 60_000)

  it('reads any text as dotenv does, or refuses it', () => {
    let accepted = 0
    fc.assert(
      fc.property(envText, (text) => {
        const ours = read('.env', Buffer.from(text))
        if (ours instanceof SafeholdError) return
        accepted++
        expect(ours).toEqual(parse(text))
        expect(Object.keys(ours)).toEqual(Object.keys(parse(text)))
      }),
      { numRuns: 20_000 },
    )
    // Enough of the random files are read for the comparison to mean something.
    expect(accepted).toBeGreaterThan(1_000)
  }, 60_000)
})
