/**
 * Masking of `safehold run` (DESIGN §6.1): every injected value that a child prints is replaced by
 * `<concealed by safehold>`. One Aho–Corasick automaton over the values' UTF-8 bytes finds every
 * value at once in one pass (linear in the output: one transition per byte, amortised). Output is
 * held back only while its last bytes could still begin a value — never more than the longest
 * value less one byte — so a value split across two writes is still found. Overlapping or
 * adjacent values are concealed as one run. Values shorter than MIN_MASKED_BYTES are not
 * masked: a 2-byte value would conceal every "ok" in the output and tell more than it hides.
 */

export const MASK = '<concealed by safehold>'
export const MIN_MASKED_BYTES = 6

const MASK_BYTES = Buffer.from(MASK)

/**
 * The automaton. Transitions live in one map keyed `state * 256 + byte` (a map per state would cost
 * a hundred bytes for each byte of every value); `fail` is the failure link, `depth` the length of
 * a state's text, `hit` the length of the longest value that ends it (0 when none does).
 */
interface Automaton {
  edges: Map<number, number>
  fail: Int32Array
  depth: Int32Array
  hit: Int32Array
}

function build(values: readonly Buffer[]): Automaton {
  const edges = new Map<number, number>()
  const children: number[][] = [[]]
  const depths = [0]
  const terminal = [0]
  for (const value of values) {
    let state = 0
    for (const byte of value) {
      let to = edges.get(state * 256 + byte)
      if (to === undefined) {
        to = depths.length
        edges.set(state * 256 + byte, to)
        children[state]!.push(byte)
        children.push([])
        depths.push(depths[state]! + 1)
        terminal.push(0)
      }
      state = to
    }
    terminal[state] = value.length
  }
  const fail = new Int32Array(depths.length)
  const hit = new Int32Array(depths.length)
  // Breadth first: a state's failure link is shallower, so it is complete when the state is made.
  const queue = [0]
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!
    hit[state] = Math.max(terminal[state]!, state === 0 ? 0 : hit[fail[state]!]!)
    for (const byte of children[state]!) {
      const child = edges.get(state * 256 + byte)!
      if (state !== 0) {
        let f = fail[state]!
        let target = edges.get(f * 256 + byte)
        while (target === undefined && f !== 0) {
          f = fail[f]!
          target = edges.get(f * 256 + byte)
        }
        fail[child] = target ?? 0
      }
      queue.push(child)
    }
  }
  return { edges, fail, depth: Int32Array.from(depths), hit }
}

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
  const { edges, fail, depth, hit } = build(patterns)

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
        let to = edges.get(state * 256 + byte)
        while (to === undefined && state !== 0) {
          state = fail[state]!
          to = edges.get(state * 256 + byte)
        }
        state = to ?? 0
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
