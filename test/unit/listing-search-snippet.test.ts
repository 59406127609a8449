import { describe, expect, it } from 'vitest'
import { displaySafe, snippet } from '../../src/renderer/src/listing/search-snippet'

// The second line of a search hit ("Notes: …rotate the key before…"): a window around the match.

describe('the text around a match', () => {
  it('is shown whole when it is short', () => {
    expect(snippet('X-Api-Key', 2, 5)).toEqual({ before: 'X-', match: 'Api', after: '-Key' })
  })

  it('is cut to a window around the match, with an ellipsis where it was cut', () => {
    const notes = `${'a'.repeat(100)} rotate the key ${'b'.repeat(100)}`
    const start = notes.indexOf('rotate')
    const shown = snippet(notes, start, start + 6, 10)
    expect(shown.match).toBe('rotate')
    expect(shown.before).toBe(`…${'a'.repeat(9)} `)
    expect(shown.after).toBe(' the key b…')
  })

  it('never cuts the match, however long', () => {
    const text = `start ${'x'.repeat(150)} end`
    expect(snippet(text, 6, 156, 4).match).toBe('x'.repeat(150))
  })

  it('shows line breaks and tabs as one space each, and runs of spaces as one', () => {
    const notes = 'Owner:\n\n  payments\tteam'
    const start = notes.indexOf('payments')
    expect(snippet(notes, start, start + 8)).toEqual({
      before: 'Owner: ',
      match: 'payments',
      after: ' team',
    })
  })

  it('never splits a character made of two UTF-16 units', () => {
    const text = `${'🔑'.repeat(20)}match${'🔑'.repeat(20)}`
    const start = text.indexOf('match')
    for (const context of [3, 4, 5]) {
      const { before, after } = snippet(text, start, start + 5, context)
      expect(before.replace('…', '')).toMatch(/^(🔑)*$/u)
      expect(after.replace('…', '')).toMatch(/^(🔑)*$/u)
    }
  })

  it('keeps offsets valid: unsafe characters are replaced one for one', () => {
    expect(displaySafe('a\u202eb\u0007c')).toBe('a\uFFFDb\uFFFDc')
    expect(displaySafe('tab\there')).toBe('tab here')
  })
})
