/**
 * Reads a Key/Value file: a `.env` file (env-file.ts: exactly as dotenv reads it, or refused) or a
 * flat JSON object of strings, at most 1 MiB. Only main reads them: the CLI here, the app in the
 * kv-file worker (kv-file-reader.ts), so the window never parses a file. Errors name the line or
 * key, never a value.
 */
import { SafeholdError } from '../../shared/errors'
import { quoted } from '../../shared/name-text'
import { kvKeySchema, MAX_KV_FILE_BYTES, MAX_VALUE_BYTES } from '../../shared/secret-rules'
import type { KeyValuePair } from '../../shared/secret-requests'
import { readEnvFile, type EnvFileRules } from './env-file'

/** The bytes of a file and its name; main's FileInput fits this shape. */
export interface KvFile {
  fileName: string
  data: Uint8Array
}

/**
 * dotenv's own names and the usual variants: `.env`, `.env.local`, `.env.development.local`,
 * `.env-staging`, `env`, `production.env`, `x.env`; not `.envrc` (a shell script) or
 * `environment`.
 */
const ENV_NAME = /(?:^|[./\\])env(?:[._-][^/\\]*)?$/i

/**
 * A Key/Value secret's rules for a .env: its key rule, values of 1 byte to 64 KiB, and the one
 * rule for empty values: refused, every such key named at once (a value has a character that is
 * not a space).
 */
const KEY_VALUE_RULES: EnvFileRules = {
  keyProblem: (key) => {
    // dotenv's keys are letters, digits, "_", "." and "-" already: most pass on their first one.
    if (/^[A-Za-z_]/.test(key) && key.length <= 256) return null
    const checked = kvKeySchema.safeParse(key)
    if (checked.success) return null
    // "Keys must …." as part of a sentence: no capital, no full stop.
    const rule = checked.error.issues[0]?.message ?? 'Keys must follow the key rule.'
    return rule.charAt(0).toLowerCase() + rule.slice(1).replace(/\.$/, '')
  },
  refuseEmpty: true,
  maxValue: { bytes: MAX_VALUE_BYTES, words: '64 KiB' },
  field: 'pairs',
}

function invalid(message: string): SafeholdError {
  return new SafeholdError('INVALID_INPUT', message, 'pairs')
}

export function parseKvFile(file: KvFile): KeyValuePair[] {
  if (file.data.length > MAX_KV_FILE_BYTES)
    throw invalid(
      `${shownFile(file.fileName)} is larger than 1 MiB, too large for a Key/Value file.`,
    )
  if (/\.json$/i.test(file.fileName)) {
    return parseJson(new TextDecoder('utf-8', { fatal: false }).decode(file.data), file.fileName)
  }
  if (ENV_NAME.test(file.fileName)) return readEnvFile(file.fileName, file.data, KEY_VALUE_RULES)
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
