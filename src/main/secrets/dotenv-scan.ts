/**
 * Where dotenv finds its entries in a text, and nothing else: the same pattern, tried at the same
 * places, in the same order, so every entry found here is one dotenv finds and no line dotenv
 * skips is taken. dotenv's `parse` does not say which lines it used; this does, so the lines it
 * would skip in silence can be named. Its values are left to dotenv itself (env-file.ts).
 *
 * dotenv tries its pattern at every line start, and its `^\s*` runs over every blank line below
 * before failing, so a run of blank lines ending in a line that is not an entry costs it time
 * quadratic in the run (40,000 blank lines: 3 s). Every line start in such a run fails on the
 * same first non-blank character, so here that character is tried once: the same entries, found
 * in linear time.
 */

/** dotenv 17's LINE pattern, character for character (a test compares it with dotenv's source). */
export const DOTENV_LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm

/** The pattern after its `(?:^|^)\s*`, tried where the blank space before an entry ends. */
const ENTRY = new RegExp(DOTENV_LINE.source.replace(/^\(\?:\^\|\^\)\\s\*/, ''), 'my')

const BLANK = /\s*/y
/** What ends a line for `^` and `$` in a multiline pattern. */
const LINE_END = /[\n\r\u2028\u2029]/g

/** One entry as dotenv's pattern matches it: `text.slice(start, end)` is the entry alone. */
export interface DotenvMatch {
  key: string
  /** Where the entry begins: its `export` or its key, past any blank space before it. */
  start: number
  /** Where the match ends: the end of its last line (a value may span several lines). */
  end: number
  /**
   * dotenv tried its pattern and failed somewhere between the previous entry and this one (it
   * skipped a line): the text from the previous entry's end to this one's start is not blank.
   */
  afterSkip: boolean
}

/**
 * The entries of `text` in file order, as dotenv's loop finds them. `text` is what dotenv's
 * `parse` matches against: line breaks already turned into "\n".
 */
export function scanDotenv(text: string): DotenvMatch[] {
  const matches: DotenvMatch[] = []
  let from = 0
  let skipped = false
  for (;;) {
    const lineStart = nextLineStart(text, from)
    if (lineStart === -1) break
    BLANK.lastIndex = lineStart
    BLANK.exec(text)
    const start = BLANK.lastIndex
    if (start >= text.length) break
    ENTRY.lastIndex = start
    const match = ENTRY.exec(text)
    if (match === null) {
      // Every line start from here to `start` fails on the same character: go on past it.
      from = start + 1
      skipped = true
      continue
    }
    matches.push({ key: match[1]!, start, end: ENTRY.lastIndex, afterSkip: skipped })
    skipped = false
    from = ENTRY.lastIndex
  }
  return matches
}

/** The first position at or after `from` where `^` holds in a multiline pattern; -1 if none. */
function nextLineStart(text: string, from: number): number {
  if (from === 0) return 0
  const before = text.charCodeAt(from - 1)
  if (before === 0x0a || before === 0x0d || before === 0x2028 || before === 0x2029) return from
  LINE_END.lastIndex = from
  return LINE_END.exec(text) === null ? -1 : LINE_END.lastIndex
}
