/** A setting typed as one whole number in a range, checked before anything is sent. Pure. */

export type ParsedNumber = { ok: true; value: number } | { ok: false; error: string }

/** A whole number from `min` to `max`, or the words that say what is wrong. */
export function parseWholeNumber(
  text: string,
  { min, max }: { min: number; max: number },
  words: { empty: string; notWhole: string; outOfRange: string },
): ParsedNumber {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, error: words.empty }
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: words.notWhole }
  const value = Number(trimmed)
  if (value < min || value > max) return { ok: false, error: words.outOfRange }
  return { ok: true, value }
}
