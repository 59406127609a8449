/**
 * Reads a Key/Value file: a `.env` file or a flat JSON object of strings, at most 1 MiB.
 * Pure (no Buffer, no fs), so the renderer parses a dropped file with the same rules main applies.
 * Errors name the line or key, never a value.
 */
import { SafeholdError } from './errors'
import { quoted } from './name-text'
import { MAX_KV_FILE_BYTES } from './secret-rules'
import type { KeyValuePair } from './secret-requests'

/** The bytes of a file and its name; main's FileInput fits this shape. */
export interface KvFile {
  fileName: string
  data: Uint8Array
}

const ENV_NAME = /(^|[./\\])env(\.[^./\\]+)?$|\.env$/i

function invalid(message: string): SafeholdError {
  return new SafeholdError('INVALID_INPUT', message, 'pairs')
}

export function parseKvFile(file: KvFile): KeyValuePair[] {
  if (file.data.length > MAX_KV_FILE_BYTES)
    throw invalid(
      `${shownFile(file.fileName)} is larger than 1 MiB, too large for a Key/Value file.`,
    )
  const text = new TextDecoder('utf-8', { fatal: false }).decode(file.data)
  if (/\.json$/i.test(file.fileName)) return parseJson(text, file.fileName)
  if (ENV_NAME.test(file.fileName)) return parseEnv(text, file.fileName)
  throw invalid(
    `${shownFile(file.fileName)} is not a .env or .json file. Choose a .env file or a JSON object of strings.`,
  )
}

function parseJson(text: string, fileName: string): KeyValuePair[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw invalid(`${shownFile(fileName)} is not valid JSON.`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid(`${shownFile(fileName)} must hold one JSON object of "KEY": "value" pairs.`)
  }
  // JSON.parse keeps the last of two equal keys without a word; a .env would be refused.
  const seen = new Set<string>()
  for (const key of topLevelKeys(text)) {
    if (seen.has(key))
      throw invalid(
        `In ${shownFile(fileName)}, the key ${quoted(key, 'of one pair')} appears more than once.`,
      )
    seen.add(key)
  }
  // Own properties only; a "__proto__" key is an own property of JSON.parse's result, a plain key.
  return Object.entries(parsed as Record<string, unknown>).map(([key, value]) => {
    if (typeof value !== 'string')
      throw invalid(
        `In ${shownFile(fileName)}, the value of ${quoted(key, 'a key')} is not a string.`,
      )
    return { key, value }
  })
}

/**
 * The keys of the outermost object of `text`, which JSON.parse has accepted, in file order and
 * with repeats: strings are skipped whole, so braces and commas inside them do not count.
 */
function topLevelKeys(text: string): string[] {
  const keys: string[] = []
  let depth = 0
  let expectKey = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (char === '"') {
      let end = index + 1
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1
      if (depth === 1 && expectKey) keys.push(JSON.parse(text.slice(index, end + 1)) as string)
      expectKey = false
      index = end
    } else if (char === '{' || char === '[') {
      depth++
      expectKey = depth === 1
    } else if (char === '}' || char === ']') depth--
    else if (char === ',' && depth === 1) expectKey = true
  }
  return keys
}

/** A file's name as messages show it: quoted when it can be shown, else "The file". */
function shownFile(fileName: string): string {
  return quoted(fileName, 'The file')
}

function parseEnv(text: string, fileName: string): KeyValuePair[] {
  const pairs: KeyValuePair[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim()
    if (line === '' || line.startsWith('#')) continue
    const match = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line)
    if (!match) throw invalid(`${shownFile(fileName)}, line ${index + 1}: expected KEY=value.`)
    pairs.push({ key: match[1]!, value: unquote(match[2]!, fileName, index + 1) })
  }
  return pairs
}

/** The escapes dotenv knows inside double quotes. */
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', '"': '"', '\\': '\\' }

function unquote(raw: string, fileName: string, line: number): string {
  const quote = raw[0]
  if (quote === '"' || quote === "'") {
    const end = closingQuote(raw, quote)
    if (end === -1)
      throw invalid(
        `${shownFile(fileName)}, line ${line}: the value opens with ${quote} but never closes it.`,
      )
    const inner = raw.slice(1, end)
    // One pass, so an escaped backslash before "n" stays a backslash and an "n".
    return quote === '"' ? inner.replace(/\\([nr"\\])/g, (_, c: string) => ESCAPES[c]!) : inner
  }
  const comment = raw.search(/\s#/)
  return (comment === -1 ? raw : raw.slice(0, comment)).trim()
}

/** The first unescaped closing quote: a comment after the value may contain quotes too. */
function closingQuote(raw: string, quote: string): number {
  for (let index = 1; index < raw.length; index++) {
    if (quote === '"' && raw[index] === '\\') index++
    else if (raw[index] === quote) return index
  }
  return -1
}
