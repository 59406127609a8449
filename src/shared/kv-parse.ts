/**
 * Reads a Key/Value file: a `.env` file or a flat JSON object of strings, at most 1 MiB.
 * Pure (no Buffer, no fs), so the renderer parses a dropped file with the same rules main applies.
 * Errors name the line or key, never a value.
 */
import { SafeholdError } from './errors'
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
    throw invalid(`"${file.fileName}" is larger than 1 MiB, too large for a Key/Value file.`)
  const text = new TextDecoder('utf-8', { fatal: false }).decode(file.data)
  if (/\.json$/i.test(file.fileName)) return parseJson(text, file.fileName)
  if (ENV_NAME.test(file.fileName)) return parseEnv(text, file.fileName)
  throw invalid(
    `"${file.fileName}" is not a .env or .json file. Choose a .env file or a JSON object of strings.`,
  )
}

function parseJson(text: string, fileName: string): KeyValuePair[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw invalid(`"${fileName}" is not valid JSON.`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid(`"${fileName}" must hold one JSON object of "KEY": "value" pairs.`)
  }
  return Object.entries(parsed as Record<string, unknown>).map(([key, value]) => {
    if (typeof value !== 'string')
      throw invalid(`In "${fileName}", the value of "${key}" is not a string.`)
    return { key, value }
  })
}

function parseEnv(text: string, fileName: string): KeyValuePair[] {
  const pairs: KeyValuePair[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim()
    if (line === '' || line.startsWith('#')) continue
    const match = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line)
    if (!match) throw invalid(`"${fileName}", line ${index + 1}: expected KEY=value.`)
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
        `"${fileName}", line ${line}: the value opens with ${quote} but never closes it.`,
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
