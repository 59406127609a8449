/**
 * Masking of `safehold run` (DESIGN §6.1): every injected value that a child prints is replaced by
 * `<concealed by safehold>`. One automaton over the values' bytes (value-matcher.ts) finds every
 * value at once in one pass (linear in the output: one transition per byte, amortised). Output is
 * held back only while its last bytes could still begin a value — never more than the longest
 * value less one byte — so a value split across two writes is still found. Overlapping or
 * adjacent values are concealed as one run. Values shorter than MIN_MASKED_BYTES are not
 * masked: a 2-byte value would conceal every "ok" in the output and tell more than it hides.
 */

import { buildAutomaton, step } from './value-matcher'

export const MASK = '<concealed by safehold>'
export const MIN_MASKED_BYTES = 6

const MASK_BYTES = Buffer.from(MASK)

export interface ValueMasker {
  /** The part of `chunk` (with what was held back) that can be written now, masked. */
  write(chunk: Buffer): Buffer
  /** Whatever is still held back, masked: at the end of the stream. */
  end(): Buffer
}

/**
 * A masker for one output stream. `values` shorter than MIN_MASKED_BYTES are ignored (see
 * `unmaskable`); with no value left, output passes through unchanged.
 */
export function createMasker(values: readonly string[]): ValueMasker {
  const patterns = [
    ...new Set(values.filter((value) => Buffer.byteLength(value) >= MIN_MASKED_BYTES)),
  ].map((value) => Buffer.from(value))
  if (patterns.length === 0) return { write: (chunk) => chunk, end: () => Buffer.alloc(0) }
  const automaton = buildAutomaton(patterns)
  const { depth, hit } = automaton

  let state = 0
  /** Bytes not written yet; `held[0]` is at stream offset `heldFrom`. */
  let held: Buffer = Buffer.alloc(0)
  let heldFrom = 0
  /** Stream offset of the next byte to read. */
  let offset = 0
  /** Concealed runs not yet written past, as [start, end) stream offsets, disjoint, ascending. */
  const runs: [number, number][] = []
  /** The last byte written was concealed: a run that continues or adjoins adds no second mask. */
  let inRun = false

  function addRun(start: number, end: number): void {
    while (runs.length > 0 && runs[runs.length - 1]![0] >= start) runs.pop()
    const last = runs[runs.length - 1]
    if (last !== undefined && last[1] >= start) last[1] = Math.max(last[1], end)
    else runs.push([start, end])
  }

  /** Writes out the held bytes before stream offset `until`, concealing the runs among them. */
  function release(until: number): Buffer {
    const parts: Buffer[] = []
    let at = heldFrom
    while (at < until) {
      const run = runs[0]
      if (run !== undefined && run[0] <= at) {
        if (!inRun) parts.push(MASK_BYTES)
        inRun = true
        const stop = Math.min(run[1], until)
        if (stop === run[1]) runs.shift()
        at = stop
      } else {
        inRun = false
        const stop = Math.min(run === undefined ? until : run[0], until)
        parts.push(held.subarray(at - heldFrom, stop - heldFrom))
        at = stop
      }
    }
    held = held.subarray(until - heldFrom)
    heldFrom = until
    return Buffer.concat(parts)
  }

  return {
    write(chunk) {
      held = held.length === 0 ? chunk : Buffer.concat([held, chunk])
      for (const byte of chunk) {
        state = step(automaton, state, byte)
        offset++
        const length = hit[state]!
        if (length > 0) addRun(offset - length, offset)
      }
      // A value still to come starts within the last depth[state] bytes; all before is final.
      return release(offset - depth[state]!)
    },
    end() {
      const out = release(offset)
      state = 0
      inRun = false
      return out
    },
  }
}

/** How many of `values` are too short to be masked. */
export function unmaskable(values: readonly string[]): number {
  return values.filter((value) => value !== '' && Buffer.byteLength(value) < MIN_MASKED_BYTES)
    .length
}
