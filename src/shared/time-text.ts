/**
 * An instant as people read it in messages and facts: `2020-01-31 00:00 UTC`. The same words in
 * main's error messages and in the renderer, so a date in an error matches the one on screen.
 */
export function utcText(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant
  if (Number.isNaN(date.getTime())) return String(instant)
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
