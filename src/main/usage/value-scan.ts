/**
 * The leak scan's matcher (DESIGN §3, §6.1 `safehold scan`): every vault value looked for at once
 * in a stream of bytes, each place found reported by line and by the names of the secrets whose
 * value it is — never the value. Values shorter than MIN_MASKED_BYTES are not looked for, as they
 * are not masked: they would be found everywhere.
 */
import { buildAutomaton, step, valuesEndingAt, type Automaton } from './value-matcher'
import { MIN_MASKED_BYTES } from './value-masker'

export interface ScanValue {
  value: string
  /** What a finding names: the secret's name, "(previous value)" added for a replaced one. */
  label: string
}

export interface ValueScanner {
  /** How many distinct values are looked for. */
  readonly size: number
  /** A new stream (a file, a hunk): line 1, nothing carried over. */
  start(line?: number): void
  /** Reads `chunk`; `found` gets each value's labels and the line where it starts. */
  feed(chunk: Uint8Array, found: (labels: readonly string[], line: number) => void): void
}

export function createScanner(values: readonly ScanValue[]): ValueScanner {
  const labelsOf = new Map<string, string[]>()
  for (const { value, label } of values) {
    if (Buffer.byteLength(value) < MIN_MASKED_BYTES) continue
    const labels = labelsOf.get(value) ?? []
    if (!labels.includes(label)) labels.push(label)
    labelsOf.set(value, labels)
  }
  const distinct = [...labelsOf.keys()]
  const labels = distinct.map((value) => labelsOf.get(value)!)
  // A value's start line is the line at its end less the line breaks inside it.
  const breaks = distinct.map((value) => {
    const inner = value.slice(0, -1)
    return inner.length - inner.replaceAll('\n', '').length
  })
  const automaton: Automaton | null =
    distinct.length === 0 ? null : buildAutomaton(distinct.map((value) => Buffer.from(value)))
  let state = 0
  let line = 1
  return {
    size: distinct.length,
    start(first = 1) {
      state = 0
      line = first
    },
    feed(chunk, found) {
      if (automaton === null) return
      for (const byte of chunk) {
        state = step(automaton, state, byte)
        if (automaton.hit[state]! > 0)
          valuesEndingAt(automaton, state, (index) => found(labels[index]!, line - breaks[index]!))
        if (byte === 10) line++
      }
    },
  }
}
