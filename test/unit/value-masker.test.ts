import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMasker, MASK, MIN_MASKED_BYTES, unmaskable } from '../../src/main/usage/value-masker'

/** The whole output at once, masked the slow, obvious way: every byte inside any value hidden. */
function reference(output: Buffer, values: string[]): string {
  const covered = new Uint8Array(output.length)
  for (const value of values) {
    const bytes = Buffer.from(value)
    if (bytes.length < MIN_MASKED_BYTES) continue
    for (let at = output.indexOf(bytes); at !== -1; at = output.indexOf(bytes, at + 1))
      covered.fill(1, at, at + bytes.length)
  }
  const parts: Buffer[] = []
  for (let i = 0; i < output.length;) {
    if (covered[i]) {
      parts.push(Buffer.from(MASK))
      while (i < output.length && covered[i]) i++
    } else {
      const start = i
      while (i < output.length && !covered[i]) i++
      parts.push(output.subarray(start, i))
    }
  }
  return Buffer.concat(parts).toString('latin1')
}

/** Streams `output` through a masker in the given chunks. */
function streamed(output: Buffer, values: string[], cuts: number[]): string {
  const masker = createMasker(values)
  const parts: Buffer[] = []
  let from = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parts.push(masker.write(output.subarray(from, cut)))
    from = cut
  }
  parts.push(masker.write(output.subarray(from)), masker.end())
  return Buffer.concat(parts).toString('latin1')
}

describe('the value masker', () => {
  const token = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'

  it('conceals a value printed whole', () => {
    const masker = createMasker([token])
    const out = Buffer.concat([masker.write(Buffer.from(`key=${token}\n`)), masker.end()])
    expect(out.toString()).toBe(`key=${MASK}\n`)
  })

  it('conceals a value split across two writes, at every split point', () => {
    const line = Buffer.from(`token: ${token} done\n`)
    for (let cut = 1; cut < line.length; cut++) {
      expect(streamed(line, [token], [cut])).toBe(`token: ${MASK} done\n`)
    }
  })

  it('conceals a value written one byte at a time', () => {
    const line = Buffer.from(`a${token}b`)
    const cuts = Array.from({ length: line.length - 1 }, (_, i) => i + 1)
    expect(streamed(line, [token], cuts)).toBe(`a${MASK}b`)
  })

  it('holds back no more than could still begin a value', () => {
    const masker = createMasker([token])
    expect(masker.write(Buffer.from('plain text, no value\n')).toString()).toBe(
      'plain text, no value\n',
    )
    expect(masker.write(Buffer.from('ends with sk_li')).toString()).toBe('ends with ')
    expect(masker.end().toString()).toBe('sk_li')
  })

  it('finds every value at once, overlapping and adjoining ones as one concealed run', () => {
    const values = ['password-one', 'one-two-three', 'abcdef']
    const text = 'x password-one-two-three y abcdefabcdef z'
    expect(streamed(Buffer.from(text), values, [])).toBe(`x ${MASK} y ${MASK} z`)
  })

  it('leaves values shorter than 6 bytes alone, and counts them', () => {
    expect(streamed(Buffer.from('ok: abc, 12345'), ['abc', '12345'], [])).toBe('ok: abc, 12345')
    expect(unmaskable(['abc', '12345', token, ''])).toBe(2)
  })

  it('masks multi-byte and multi-line values by their bytes', () => {
    const pem = '-----BEGIN KEY-----\nMIIBVQ==\n-----END KEY-----'
    const word = 'pässwörd-ünïcode'
    const text = Buffer.from(`${pem}\nand ${word}!`)
    expect(streamed(text, [pem, word], [3, 30, 52]).toString()).toBe(`${MASK}\nand ${MASK}!`)
  })

  it('agrees with the obvious masking for any output, values and chunking', () => {
    const alphabet = fc.constantFrom(...'abcab-\n'.split(''))
    const text = (min: number, max: number) =>
      fc.array(alphabet, { minLength: min, maxLength: max }).map((chars) => chars.join(''))
    fc.assert(
      fc.property(
        fc.array(text(1, 9), { minLength: 1, maxLength: 4 }),
        text(0, 80),
        fc.array(fc.nat(80), { maxLength: 6 }),
        (values, output, cuts) => {
          const bytes = Buffer.from(output)
          const inRange = cuts.map((cut) => Math.min(cut, bytes.length))
          expect(streamed(bytes, values, inRange)).toBe(reference(bytes, values))
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('passes output through untouched when no value can be masked', () => {
    const bytes = Buffer.from([0, 255, 10, 13, 0x1b])
    const masker = createMasker(['abc'])
    expect(Buffer.concat([masker.write(bytes), masker.end()])).toEqual(bytes)
  })
})
