import { describe, expect, it } from 'vitest'
import { checkTags, MAX_TAGS } from '../../src/shared/secret-rules'
import {
  sameTags,
  typedTags,
  withoutTag,
  withTyped,
} from '../../src/renderer/src/dialogs/secret-form/tag-list'
import {
  checkNotesAndTags,
  tagsToSave,
} from '../../src/renderer/src/dialogs/secret-form/metadata-rules'
import { notesBytes, notesCountText } from '../../src/renderer/src/dialogs/secret-form/notes-count'

// The Tags and Notes fields of the wizard and the edit dialog refuse exactly what main refuses,
// in main's words (the shared rules), and count the 4 KiB as main does.

function problemOf(result: { tags: string[] } | { problem: string }): string | undefined {
  return 'problem' in result ? result.problem : undefined
}

describe('tags typed into a form', () => {
  it('turns typed text into tags at commas, trimmed, empty ones dropped', () => {
    expect(typedTags(' prod, billing ,,eu-west_1 ')).toEqual(['prod', 'billing', 'eu-west_1'])
    expect(withTyped(['prod'], 'billing, eu')).toEqual({ tags: ['prod', 'billing', 'eu'] })
  })

  it('does not add a tag that is already there, whatever its case', () => {
    expect(withTyped(['prod'], 'PROD, Prod, stage, STAGE')).toEqual({ tags: ['prod', 'stage'] })
  })

  it('refuses a tag the shared rule refuses, with the rule’s message', () => {
    const refused = withTyped(['prod'], 'not a tag!')
    expect(refused).toEqual(checkTags(['prod', 'not a tag!']))
    expect('problem' in refused && refused.problem).toMatch(/^Tag #2 must be 1–32 characters/)
    expect(withTyped([], 'x'.repeat(33))).toHaveProperty('problem')
  })

  it('refuses a 21st tag, and a pasted thousand at once, cheaply', () => {
    const twenty = Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`)
    expect(withTyped(twenty, 'one-more')).toEqual({
      problem: `At most ${MAX_TAGS} tags are allowed.`,
    })
    const pasted = Array.from({ length: 1000 }, (_, i) => `tag${i}`).join(',')
    expect(withTyped([], pasted)).toEqual({ problem: `At most ${MAX_TAGS} tags are allowed.` })
  })

  it('keeps a prototype name as an ordinary tag', () => {
    expect(withTyped([], '__proto__, constructor')).toEqual({
      tags: ['__proto__', 'constructor'],
    })
  })

  it('removes one chip, and compares lists in order', () => {
    expect(withoutTag(['a', 'b', 'c'], 1)).toEqual(['a', 'c'])
    expect(sameTags(['a', 'b'], ['a', 'b'])).toBe(true)
    expect(sameTags(['a', 'b'], ['b', 'a'])).toBe(false)
  })

  it('saves the text still typed in the field with the chips', () => {
    expect(tagsToSave({ notes: '', tags: ['prod'], tagText: 'billing' })).toEqual([
      'prod',
      'billing',
    ])
    // Text the rule refuses is not saved: the check puts its message beside the field first.
    expect(tagsToSave({ notes: '', tags: ['prod'], tagText: 'bad tag' })).toEqual(['prod'])
    expect(checkNotesAndTags({ notes: '', tags: ['prod'], tagText: 'bad tag' })).toEqual({
      tags: problemOf(checkTags(['prod', 'bad tag'])),
    })
  })
})

describe('notes typed into a form', () => {
  it('counts UTF-8 bytes as main does, a Windows line end as one', () => {
    expect(notesBytes('abc')).toBe(3)
    expect(notesBytes('é')).toBe(2)
    expect(notesBytes('🔑')).toBe(4)
    expect(notesBytes('a\r\nb')).toBe(3)
    expect(notesCountText('x'.repeat(1234))).toBe('1,234 of 4,096 bytes')
  })

  it('is refused over 4 KiB and with a control character, by the shared rule', () => {
    expect(checkNotesAndTags({ notes: 'x'.repeat(4096), tags: [], tagText: '' })).toEqual({})
    expect(checkNotesAndTags({ notes: 'é'.repeat(2049), tags: [], tagText: '' })).toEqual({
      notes: expect.stringMatching(/^Notes hold at most 4 KiB/) as unknown,
    })
    expect(checkNotesAndTags({ notes: 'line one\nline\ttwo', tags: [], tagText: '' })).toEqual({})
    expect(checkNotesAndTags({ notes: 'evil \u202e text', tags: [], tagText: '' })).toEqual({
      notes: expect.stringMatching(/cannot contain control characters/) as unknown,
    })
  })
})
