/**
 * The tags a form is building: the chips already added, and what is still typed in the field.
 * Typed text becomes tags at a comma or Enter; text left in the field when the form moves on
 * counts too, so nothing typed is dropped unseen. The rule is the shared one (checkTags), so the
 * form refuses exactly what main would, in the same words.
 */
import { checkTags } from '../../../../shared/secret-rules'

/** The words of typed text: split at commas, trimmed, empty ones dropped. */
export function typedTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
}

/**
 * `tags` with the words of `text` added, or why they cannot be. A word already there, whatever
 * its case, is not added again: its chip is already on screen.
 */
export function withTyped(
  tags: readonly string[],
  text: string,
): { tags: string[] } | { problem: string } {
  const seen = new Set(tags.map((tag) => tag.toLowerCase()))
  const next = [...tags]
  for (const tag of typedTags(text)) {
    if (seen.has(tag.toLowerCase())) continue
    seen.add(tag.toLowerCase())
    next.push(tag)
  }
  return checkTags(next)
}

/** The tags without the one at `index`. */
export function withoutTag(tags: readonly string[], index: number): string[] {
  return tags.filter((_, at) => at !== index)
}

/** Whether two tag lists are the same, in the same order (an edit sends tags only when not). */
export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, index) => tag === b[index])
}
