/**
 * One Aho–Corasick automaton over many values' UTF-8 bytes: every value found in one pass over a
 * stream, one transition per byte (amortised), however many values there are. The masker of
 * `safehold run` (value-masker.ts) and the leak scan (value-scan.ts) both read their streams
 * through it.
 */

/**
 * The automaton. Transitions live in one map keyed `state * 256 + byte` (a map per state would cost
 * a hundred bytes for each byte of every value); `fail` is the failure link, `depth` the length of
 * a state's text, `hit` the length of the longest value that ends it (0 when none does).
 */
export interface Automaton {
  edges: Map<number, number>
  fail: Int32Array
  depth: Int32Array
  hit: Int32Array
  /** The value a state ends, by its index in the values given; -1 when it ends none. */
  ends: Int32Array
  /** The nearest state down the failure links that ends a value (0: none). */
  out: Int32Array
}

export function buildAutomaton(values: readonly Buffer[]): Automaton {
  const edges = new Map<number, number>()
  const children: number[][] = [[]]
  const depths = [0]
  const terminal = [0]
  const endsList = [-1]
  for (const [index, value] of values.entries()) {
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
        endsList.push(-1)
      }
      state = to
    }
    terminal[state] = value.length
    endsList[state] = index
  }
  const fail = new Int32Array(depths.length)
  const hit = new Int32Array(depths.length)
  const ends = Int32Array.from(endsList)
  const out = new Int32Array(depths.length)
  // Breadth first: a state's failure link is shallower, so it is complete when the state is made.
  const queue = [0]
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!
    hit[state] = Math.max(terminal[state]!, state === 0 ? 0 : hit[fail[state]!]!)
    if (state !== 0) out[state] = ends[fail[state]!]! >= 0 ? fail[state]! : out[fail[state]!]!
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
  return { edges, fail, depth: Int32Array.from(depths), hit, ends, out }
}

/** The state after reading `byte` in `state`. */
export function step(automaton: Automaton, state: number, byte: number): number {
  const { edges, fail } = automaton
  let to = edges.get(state * 256 + byte)
  while (to === undefined && state !== 0) {
    state = fail[state]!
    to = edges.get(state * 256 + byte)
  }
  return to ?? 0
}

/** Every value that ends in `state`, by index: the state's own, then down its output links. */
export function valuesEndingAt(
  automaton: Automaton,
  state: number,
  found: (index: number) => void,
): void {
  const { ends, out } = automaton
  for (let at = ends[state]! >= 0 ? state : out[state]!; at !== 0; at = out[at]!) found(ends[at]!)
}
