/**
 * "Search secrets" across every scope and every non-secret field (DESIGN §6.3). Pure. The index
 * is built once per secrets list: each secret's searchable text, folded to lower case, joined into
 * one haystack, so a keystroke costs one `includes` per secret; where a hit matched is worked out
 * only for the rows on screen. Folding keeps every string's length, so an offset found in folded
 * text marks the same characters of the original. Values are never here: the summary has none.
 */
import type { SecretSummary } from '../../../shared/secret-view'

/** Longer input is cut: no query makes a keystroke's work grow without bound. */
export const MAX_QUERY_LENGTH = 200

export interface SearchField {
  /** The label the UI gives the field ("Header name"), shown where a match was found. */
  label: string
  text: string
}

/** Where a secret matched: the field, and the matched span in its text. */
export interface SearchMatch extends SearchField {
  start: number
  end: number
}

export interface SearchIndex {
  /** True when `secret` holds `needle` (a normalized query) in any searchable field. */
  matches(secret: SecretSummary, needle: string): boolean
  /** The secrets of `list` that hold `needle`, in the list's order. */
  filter(list: readonly SecretSummary[], needle: string): SecretSummary[]
  /**
   * Folds the indexed secrets' text ahead of the first keystroke, while `more()` says there is
   * time (always, without it); true once every secret is folded.
   */
  warm(more?: () => boolean): boolean
}

/** The typed fields search reads, in the order the details show them. */
const PLAIN_FIELDS: readonly (readonly [string, string])[] = [
  ['headerName', 'Header name'],
  ['clientId', 'Client ID'],
  ['url', 'URL'],
]

// Never found inside a query (normalizeQuery drops control characters), so no match spans fields.
const SEPARATOR = '\u0000'
// C0 and C1 controls: a pasted query keeps only what a person could have meant to type.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g

/** Lower case that keeps the length: the one character whose lower case is longer (İ) stays. */
export function fold(text: string): string {
  const lower = text.toLowerCase()
  if (lower.length === text.length) return lower
  let out = ''
  for (const char of text) {
    const folded = char.toLowerCase()
    out += folded.length === char.length ? folded : char
  }
  return out
}

/** What the search box holds, as the needle searched for; '' means no search. */
export function normalizeQuery(raw: string): string {
  return fold(raw.slice(0, MAX_QUERY_LENGTH).replace(CONTROLS, ' ').trim())
}

/**
 * Calls `visit` with every searchable field of a secret, the name first: a match is reported in
 * the first that holds it. The one list of what search reads; no value is among them.
 */
function eachField(secret: SecretSummary, visit: (label: string, text: string) => void): void {
  visit('Secret name', secret.name)
  for (const [key, label] of PLAIN_FIELDS) {
    const text = Object.hasOwn(secret.fields, key) ? secret.fields[key] : undefined
    if (typeof text === 'string' && text !== '') visit(label, text)
  }
  for (const key of secret.keys) visit('Key', key)
  const certificate = secret.certificateNames
  if (certificate !== null) {
    visit('Certificate subject', certificate.subject)
    visit('Certificate issuer', certificate.issuer)
    for (const name of certificate.subjectAltNames) visit('Subject alternative name', name)
  }
  for (const tag of secret.tags) visit('Tag', tag)
  if (secret.notes !== '') visit('Notes', secret.notes)
  for (const usage of secret.usages) visit('Used by', usage.consumer)
}

export function searchFields(secret: SecretSummary): SearchField[] {
  const fields: SearchField[] = []
  eachField(secret, (label, text) => fields.push({ label, text }))
  return fields
}

function haystackOf(secret: SecretSummary): string {
  let joined = ''
  eachField(secret, (_label, text) => {
    joined = joined === '' ? text : joined + SEPARATOR + text
  })
  return fold(joined)
}

// One haystack per summary object, for as long as it lives: a list that changes one secret (a
// star) reuses every other secret's haystack.
const haystacks = new WeakMap<SecretSummary, string>()

function haystack(secret: SecretSummary): string {
  let text = haystacks.get(secret)
  if (text === undefined) {
    text = haystackOf(secret)
    haystacks.set(secret, text)
  }
  return text
}

/** The haystacks of a list, in its order: made once per list, then one `includes` per secret. */
const listHaystacks = new WeakMap<readonly SecretSummary[], string[]>()

function haystacksOf(list: readonly SecretSummary[]): string[] {
  let texts = listHaystacks.get(list)
  if (texts === undefined) {
    texts = list.map(haystack)
    listHaystacks.set(list, texts)
  }
  return texts
}

/** Folds the secrets of `list` not folded yet while `more()` allows; true when all are done. */
function warmList(list: readonly SecretSummary[], more: () => boolean): boolean {
  for (const secret of list) {
    if (!haystacks.has(secret)) {
      if (!more()) return false
      haystacks.set(secret, haystackOf(secret))
    }
  }
  return true
}

/**
 * Built once per secrets list. Haystacks are made on first use of each secret, so building costs
 * nothing; `warm` makes them ahead of the first keystroke, a slice at a time while the window is
 * idle, and whatever is left when the first key comes is made then.
 */
export function buildSearchIndex(secrets: readonly SecretSummary[]): SearchIndex {
  return {
    matches: (secret, needle) => needle === '' || haystack(secret).includes(needle),
    filter(list, needle) {
      if (needle === '') return [...list]
      const texts = haystacksOf(list)
      const hits: SecretSummary[] = []
      for (let i = 0; i < list.length; i++) if (texts[i]!.includes(needle)) hits.push(list[i]!)
      return hits
    },
    warm: (more = () => true) => warmList(secrets, more),
  }
}

/** Where `needle` (a normalized query) is found in `secret`: its first field that holds it. */
export function findMatch(secret: SecretSummary, needle: string): SearchMatch | null {
  if (needle === '') return null
  for (const field of searchFields(secret)) {
    const start = fold(field.text).indexOf(needle)
    if (start >= 0) return { ...field, start, end: start + needle.length }
  }
  return null
}
