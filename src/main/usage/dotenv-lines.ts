/**
 * A Key/Value secret as `.env` lines (`safehold get NAME`) that dotenv's `parse` reads back to
 * exactly the stored keys and values. dotenv has no escape for a quote or a backslash, so each
 * value takes the first form that survives its reading:
 *   - bare (KEY=value) for plain text: letters, digits and `_ . / : @ + -`;
 *   - 'single quotes' for one line without `'`;
 *   - "double quotes", line breaks written \n and \r, for text without `"` or a `\n` or `\r` of
 *     its own (dotenv would turn those into line breaks);
 *   - `backticks` for text without a backtick or a carriage return, line breaks kept as they are;
 *   - bare again for anything dotenv reads bare unchanged: one trimmed line without `#` that
 *     does not start with a quote (dotenv would look for its closing quote on later lines, and
 *     read \n after a leading `"` as a line break).
 * No quoted form may end in a backslash (it would escape the closing quote). A value that fits
 * none, or the key `__proto__` (dotenv drops it), cannot be printed this way: readField refuses
 * it and names the key to ask for alone. Free of dotenv and zod, so `get` loads little.
 */

const PLAIN = /^[A-Za-z0-9_./:@+-]+$/
/** What dotenv reads as a line break: itself, after turning CRLF and CR into LF, and in `^`/`$`. */
const LINE_BREAK = /[\n\r\u2028\u2029]/

/** `value` as dotenv writes it back, or null when no form reads back unchanged. */
export function dotenvValue(value: string): string | null {
  if (PLAIN.test(value)) return value
  const quotable = !value.endsWith('\\')
  if (quotable && !/['\n\r]/.test(value)) return `'${value}'`
  if (quotable && !/["]|\\[nr]/.test(value))
    return `"${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`
  if (quotable && !/[`\r]/.test(value)) return `\`${value}\``
  const bare =
    value !== '' && value.trim() === value && !LINE_BREAK.test(value) && !/^['"`]|#/.test(value)
  return bare ? value : null
}

/** Why the pair `key` cannot be a .env line, in words that name the key; null when it can. */
export function unprintable(key: string, value: string, shownKey: string): string | null {
  if (key === '__proto__') return `dotenv drops a key named ${shownKey}`
  if (dotenvValue(value) === null)
    return `the value of ${shownKey} holds quotes, line breaks, "#" or backslashes in a way no .env line reads back unchanged`
  return null
}

/** KEY=value lines, one per pair in order; every pair must have passed `unprintable`. */
export function dotenvLines(pairs: readonly { key: string; value: string }[]): string {
  return pairs.map(({ key, value }) => `${key}=${dotenvValue(value)!}`).join('\n')
}
