/**
 * One Aho–Corasick automaton over many values' UTF-8 bytes: every value found in one pass over a
 * stream, one transition per byte (amortised), however many values there are. The masker of
 * `safehold run` (value-masker.ts) and the leak scan (value-scan.ts) both read their streams
 * through it.
 */

/**
 * The automaton, in typed arrays (a scan of a whole vault holds millions of states: one per byte of
 * every value, less shared prefixes). Transitions live in one open-addressing hash table keyed
 * `state * 256 + byte`; the root's 256 are also kept directly, as most bytes are read there.
 * `fail` is the failure link, `depth` the length of a state's text, `hit` the length of the
 * longest value that ends it (0 when none does).
 */
export interface Automaton {
  keys: Int32Array
  targets: Int32Array
  mask: number
  root: Int32Array
  fail: Int32Array
  depth: Int32Array
  hit: Int32Array
  /** The value a state ends, by its index in the values given; -1 when it ends none. */
  ends: Int32Array
  /** The nearest state down the failure links that ends a value (0: none). */
  out: Int32Array
}

const EMPTY = -1

function slot(keys: Int32Array, mask: number, key: number): number {
  let at = Math.imul(key, 0x9e3779b1) & mask
  while (keys[at] !== EMPTY && keys[at] !== key) at = (at + 1) & mask
  return at
}

/** The goto transition of `state` on `byte`; -1 when there is none. */
function edge(automaton: Automaton, state: number, byte: number): number {
  if (state === 0) return automaton.root[byte]!
  const { keys, targets, mask } = automaton
  const key = state * 256 + byte
  let at = Math.imul(key, 0x9e3779b1) & mask
  for (;;) {
    const found = keys[at]!
    if (found === key) return targets[at]!
    if (found === EMPTY) return -1
    at = (at + 1) & mask
  }
}

export function buildAutomaton(values: readonly Buffer[]): Automaton {
  const most = values.reduce((sum, value) => sum + value.length, 0) + 1
  if (most * 256 >= 2 ** 31) throw new RangeError('Too many bytes of values for one automaton.')
  let size = 16
  while (size < most * 2) size *= 2
  const keys = new Int32Array(size).fill(EMPTY)
  const targets = new Int32Array(size)
  const mask = size - 1
  const parent = new Int32Array(most)
  const byteIn = new Uint8Array(most)
  const depth = new Int32Array(most)
  const terminal = new Int32Array(most)
  const ends = new Int32Array(most).fill(-1)
  const root = new Int32Array(256).fill(-1)
  let states = 1
  for (const [index, value] of values.entries()) {
    let state = 0
    for (const byte of value) {
      const key = state * 256 + byte
      const at = slot(keys, mask, key)
      let to = keys[at] === key ? targets[at]! : -1
      if (to === -1) {
        to = states++
        keys[at] = key
        targets[at] = to
        if (state === 0) root[byte] = to
        parent[to] = state
        byteIn[to] = byte
        depth[to] = depth[state]! + 1
      }
      state = to
    }
    terminal[state] = value.length
    ends[state] = index
  }
  const automaton: Automaton = {
    keys,
    targets,
    mask,
    root,
    fail: new Int32Array(states),
    depth: depth.subarray(0, states),
    hit: new Int32Array(states),
    ends: ends.subarray(0, states),
    out: new Int32Array(states),
  }
  // Shallower states first (a counting sort by depth): a state's failure link is shallower than
  // the state, so its links are complete when the state's are worked out.
  const maxDepth = depth.subarray(0, states).reduce((max, d) => Math.max(max, d), 0)
  const starts = new Int32Array(maxDepth + 2)
  for (let s = 0; s < states; s++) starts[depth[s]! + 1]!++
  for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!
  const order = new Int32Array(states)
  for (let s = 0; s < states; s++) order[starts[depth[s]!]!++] = s
  const { fail, hit, out } = automaton
  for (const s of order) {
    if (s === 0) continue
    const up = parent[s]!
    let f = up === 0 ? -1 : fail[up]!
    let target = -1
    while (f !== -1) {
      target = edge(automaton, f, byteIn[s]!)
      if (target !== -1 || f === 0) break
      f = fail[f]!
    }
    fail[s] = up === 0 || target === -1 ? 0 : target
    hit[s] = Math.max(terminal[s]!, hit[fail[s]]!)
    out[s] = ends[fail[s]]! >= 0 ? fail[s] : out[fail[s]]!
  }
  // Unused slots of the root: back to the root itself, so reading from it never fails.
  for (let byte = 0; byte < 256; byte++) if (root[byte] === -1) root[byte] = 0
  return automaton
}

/** The state after reading `byte` in `state`. */
export function step(automaton: Automaton, state: number, byte: number): number {
  const { fail } = automaton
  for (;;) {
    const to = edge(automaton, state, byte)
    if (to !== -1) return to
    state = fail[state]!
  }
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
