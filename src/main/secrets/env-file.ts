/**
 * A `.env` file read exactly as dotenv reads it, or refused with every problem named by line in
 * one message. The values are dotenv's own (`parse`), so nothing is taken that a program using
 * dotenv would read differently; dotenv-scan.ts says which lines dotenv used, so what dotenv
 * would do in silence (skip a line, keep the last of two equal keys, drop `__proto__`) is refused
 * out loud instead. No message quotes a value or a line's text; keys are named. What a key may be,
 * and whether a value may be empty, is the caller's (EnvFileRules): Key/Value files
 * (kv-file.ts) and `run --env-file` differ there. Free of zod, so `run` loads little.
 */
import { isUtf8 } from 'node:buffer'
import { parse } from 'dotenv'
import { SafeholdError } from '../../shared/errors'
import type { KeyValuePair } from '../../shared/secret-requests'
import { scanDotenv, type DotenvMatch } from './dotenv-scan'
import { envFileMessage, type EnvProblem, type LineProblem } from './env-file-message'

export interface EnvFileRules {
  /** Why `key` is not allowed, as words to follow "which is not allowed"; null when it is. */
  keyProblem(key: string): string | null
  /** Refuse every empty (or all-space) value, naming each key; else keep them as dotenv does. */
  refuseEmpty: boolean
  /** The most UTF-8 bytes a value may hold, and how to say it ("64 KiB"); null: no limit. */
  maxValue: { bytes: number; words: string } | null
  /** The field a refusal belongs to. */
  field: string
}

/** Keys a plain JavaScript object does not hold as written: dotenv drops `__proto__`. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

export function readEnvFile(
  fileName: string,
  data: Uint8Array,
  rules: EnvFileRules,
): KeyValuePair[] {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  // What dotenv's parse does with a file's bytes: UTF-8, any BOM kept, then CRLF and CR to LF.
  const text = bytes.toString('utf8').replace(/\r\n?/g, '\n')
  const lines = new LineIndex(text)
  const problems: EnvProblem[] = []
  const onLines = (kind: LineProblem, lines: number[]): void => {
    if (lines.length > 0) problems.push({ kind, lines })
  }
  if (!isUtf8(bytes)) onLines('not-utf8', notUtf8Lines(bytes))
  onLines('nul', lines.holding(text, /\0/g))
  // dotenv's value step is quadratic in these, and reads them as line breaks only in places.
  const separators = lines.holding(text, /[\u2028\u2029]/g)
  onLines('separator', separators)
  const matches = scanDotenv(text)
  onLines('skipped', skippedLines(text, lines, matches))
  const entryLines = matches.map(({ start }) => lines.of(start))
  const values: (string | undefined)[] = []
  if (separators.length === 0) onLines('differs', readValues(text, matches, entryLines, values))

  const firstLine = new Map<string, number>()
  for (const [index, { key }] of matches.entries()) {
    const line = entryLines[index]!
    const first = firstLine.get(key)
    // A repeat is named as one; what its value holds no longer matters.
    if (first !== undefined) {
      problems.push({ kind: 'duplicate', line, key, first })
      continue
    }
    firstLine.set(key, line)
    if (RESERVED_KEYS.has(key)) {
      problems.push({ kind: 'reserved', line, key })
      continue
    }
    const keyProblem = rules.keyProblem(key)
    if (keyProblem !== null) problems.push({ kind: 'key-rule', line, key, rule: keyProblem })
    const value = values[index]
    if (value === undefined) continue
    if (rules.refuseEmpty && value.trim() === '') problems.push({ kind: 'empty', line, key })
    else if (rules.maxValue !== null && Buffer.byteLength(value) > rules.maxValue.bytes)
      problems.push({ kind: 'too-long', line, key, rule: rules.maxValue.words })
  }
  if (problems.length > 0)
    throw new SafeholdError('INVALID_INPUT', envFileMessage(fileName, problems), rules.field)
  return matches.map(({ key }, index) => ({ key, value: values[index]! }))
}

/**
 * dotenv's own values, entry by entry. Entries with nothing dotenv skipped between them are one
 * stretch of the file, which dotenv reads alone exactly as within the whole (the same pattern at
 * the same places), so it never meets the blank-line runs that make it slow. A stretch whose keys
 * come out other than scanned is refused rather than guessed at.
 */
function readValues(
  text: string,
  matches: DotenvMatch[],
  entryLines: number[],
  values: (string | undefined)[],
): number[] {
  const differs: number[] = []
  let first = 0
  while (first < matches.length) {
    let end = first + 1
    while (end < matches.length && !matches[end]!.afterSkip) end++
    const read = parse<Record<string, string>>(
      text.slice(matches[first]!.start, matches[end - 1]!.end),
    )
    const keys = new Set<string>()
    for (let index = first; index < end; index++) keys.add(matches[index]!.key)
    keys.delete('__proto__')
    // As sets: an object lists integer-like keys ("1") first, whatever their place in the file.
    const same =
      Object.keys(read).length === keys.size && [...keys].every((key) => Object.hasOwn(read, key))
    for (let index = first; index < end; index++) {
      const { key } = matches[index]!
      if (!same) differs.push(entryLines[index]!)
      else if (Object.hasOwn(read, key)) values[index] = read[key]
    }
    first = end
  }
  return differs
}

/** The first character of a line that is neither blank nor a comment. */
const CONTENT = /^[^\S\n]*[^\s#]/gm

/** Lines that are neither blank, nor a comment, nor part of an entry: dotenv skips them. */
function skippedLines(text: string, lines: LineIndex, matches: DotenvMatch[]): number[] {
  const skipped: number[] = []
  let next = 0
  CONTENT.lastIndex = 0
  for (let found = CONTENT.exec(text); found !== null; found = CONTENT.exec(text)) {
    const at = CONTENT.lastIndex - 1
    while (next < matches.length && matches[next]!.end <= at) next++
    const match = matches[next]
    if (match !== undefined && match.start <= at) CONTENT.lastIndex = match.end
    else skipped.push(lines.of(at))
  }
  return skipped
}

/** Lines holding bytes that are not UTF-8, numbered as dotenv's line breaks count them. */
function notUtf8Lines(bytes: Buffer): number[] {
  const found: number[] = []
  let line = 1
  let start = 0
  for (let index = 0; index <= bytes.length; index++) {
    const byte = index < bytes.length ? bytes[index] : 0x0a
    if (byte !== 0x0a && byte !== 0x0d) continue
    if (!isUtf8(bytes.subarray(start, index))) found.push(line)
    if (byte === 0x0d && bytes[index + 1] === 0x0a) index++
    start = index + 1
    line++
  }
  return found
}

/** Line numbers of positions in a text whose line breaks are all "\n". */
class LineIndex {
  private readonly starts: number[] = [0]

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
      this.starts.push(at + 1)
  }

  /** The 1-based line of a position (a "\n" belongs to the line it ends). */
  of(position: number): number {
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.starts[middle]! <= position) low = middle
      else high = middle - 1
    }
    return low + 1
  }

  /** The lines on which `pattern` (global) matches, each once. */
  holding(text: string, pattern: RegExp): number[] {
    const found = new Set<number>()
    for (const match of text.matchAll(pattern)) found.add(this.of(match.index))
    return [...found]
  }
}
