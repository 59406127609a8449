/**
 * The one message that refuses a `.env` file: every problem, by line, grouped by kind, in a fixed
 * order. It names lines and keys (metadata), never a value or the text of a line, which may be a
 * value typed in the wrong place. A hostile file cannot make it long: each kind lists at most
 * LISTED items (a run of lines counts as one) and says how many more there are.
 */
import { quoted } from '../../shared/name-text'

/** Problems that concern a line as a whole. */
export type LineProblem = 'not-utf8' | 'nul' | 'separator' | 'skipped' | 'differs'
/** Problems that concern the key an entry names. */
type KeyProblem = 'reserved' | 'key-rule' | 'empty' | 'too-long'

interface LineFound {
  kind: LineProblem
  lines: number[]
}
interface KeyFound {
  kind: KeyProblem
  line: number
  key: string
  /** The rule's words: why the key is not allowed ('key-rule'), the limit ('too-long'). */
  rule?: string
}
interface RepeatFound {
  kind: 'duplicate'
  line: number
  key: string
  first: number
}

export type EnvProblem = LineFound | KeyFound | RepeatFound

const LISTED = 20

/** What is wrong with lines, as "lines 4, 9–12 are …": [one line, several lines]. */
const LINE_WORDS: Record<LineProblem, [string, string]> = {
  'not-utf8': ['is not UTF-8 text', 'are not UTF-8 text'],
  nul: [
    'holds a NUL character, which no environment variable can hold',
    'hold NUL characters, which no environment variable can hold',
  ],
  separator: [
    'holds a Unicode line or paragraph separator (U+2028, U+2029), which dotenv reads as a line break in some places and not in others',
    'hold Unicode line or paragraph separators (U+2028, U+2029), which dotenv reads as line breaks in some places and not in others',
  ],
  skipped: [
    'is not a KEY=value line (dotenv would skip it without a word)',
    'are not KEY=value lines (dotenv would skip them without a word)',
  ],
  differs: [
    'cannot be read here the way dotenv reads it',
    'cannot be read here the way dotenv reads them',
  ],
}

export function envFileMessage(fileName: string, problems: EnvProblem[]): string {
  const parts: string[] = []
  const of = (kind: KeyProblem): KeyFound[] =>
    problems.filter((found): found is KeyFound => found.kind === kind)
  const onLines = (kind: LineProblem): void => {
    const lines = problems
      .filter((found): found is LineFound => found.kind === kind)
      .flatMap((found) => found.lines)
    if (lines.length > 0) parts.push(lineSentence(lines, LINE_WORDS[kind]))
  }
  for (const kind of ['not-utf8', 'nul', 'separator', 'skipped'] as const) onLines(kind)
  parts.push(
    ...listed(
      of('reserved'),
      ({ line, key }) =>
        `line ${line} names the key ${keyName(key)}, which JavaScript objects keep for themselves (programs that read the file into an object, dotenv among them, may not get it as written)`,
    ),
  )
  parts.push(
    ...listed(
      of('key-rule'),
      ({ line, key, rule }) =>
        `line ${line} names the key ${keyName(key)}, which is not allowed (${rule ?? ''})`,
    ),
  )
  parts.push(
    ...duplicates(problems.filter((found): found is RepeatFound => found.kind === 'duplicate')),
  )
  const empty = of('empty')
  if (empty.length > 0) {
    const keys = listed(empty, ({ line, key }) => `${keyName(key)} on line ${line}`)
    const have = empty.length === 1 ? 'has an empty value' : 'have empty values'
    parts.push(
      `${andList(keys)} ${have} (a value needs at least one character that is not a space)`,
    )
  }
  parts.push(
    ...listed(
      of('too-long'),
      ({ line, key, rule }) => `the value of ${keyName(key)} on line ${line} is over ${rule ?? ''}`,
    ),
  )
  onLines('differs')
  return `In ${quoted(fileName, 'the file')}, ${parts.join('; ')}.`
}

/** "line 4 repeats the key "A" of line 2", one item per key. */
function duplicates(found: RepeatFound[]): string[] {
  const byKey = new Map<string, { first: number; lines: number[] }>()
  for (const { key, line, first } of found) {
    const entry = byKey.get(key) ?? { first, lines: [] }
    entry.lines.push(line)
    byKey.set(key, entry)
  }
  return listed([...byKey], ([key, { first, lines }]) => {
    const repeat = lines.length === 1 ? `line ${lines[0]} repeats` : `${lineList(lines)} repeat`
    return `${repeat} the key ${keyName(key)} of line ${first} (dotenv would keep only the last)`
  })
}

function lineSentence(lines: number[], [one, several]: [string, string]): string {
  return `${lineList(lines)} ${lines.length === 1 ? one : several}`
}

/** "line 4", "lines 4 and 9", "lines 4, 9–12 and 15", "lines 1–20, … and 312 more lines". */
export function lineList(lines: number[]): string {
  // Lines arrive in file order; a repeat (two problems on one line) joins its run.
  const runs: [number, number][] = []
  for (const line of lines) {
    const last = runs.at(-1)
    if (last !== undefined && line >= last[0] && line <= last[1] + 1)
      last[1] = Math.max(last[1], line)
    else runs.push([line, line])
  }
  // Two lines read better as "3 and 4" than as "3–4".
  for (let index = runs.length - 1; index >= 0; index--) {
    const [from, to] = runs[index]!
    if (to === from + 1) runs.splice(index, 1, [from, from], [to, to])
  }
  const shown = runs
    .slice(0, LISTED)
    .map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`))
  const hidden = runs.slice(LISTED).reduce((count, [from, to]) => count + to - from + 1, 0)
  if (hidden > 0) shown.push(`${hidden} more line${hidden === 1 ? '' : 's'}`)
  const head = runs.length === 1 && runs[0]![0] === runs[0]![1] ? 'line' : 'lines'
  return `${head} ${andList(shown)}`
}

/** "a", "a and b", "a, b and c". */
function andList(words: string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/** At most LISTED items, then "N more like it". */
function listed<T>(items: T[], word: (item: T) => string): string[] {
  const words = items.slice(0, LISTED).map(word)
  const hidden = items.length - LISTED
  if (hidden > 0) words.push(`${hidden} more like ${hidden === 1 ? 'it' : 'them'}`)
  return words
}

/** Keys come from dotenv's pattern ([A-Za-z0-9_.-]); only a very long one goes unnamed. */
function keyName(key: string): string {
  return quoted(key, 'a key too long to show')
}
