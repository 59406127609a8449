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
  /** Folds every secret of the list now, so the first keystroke finds the index ready. */
  warm(): void
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

/** Every searchable field of a secret, the name first: a match is reported in the first that holds it. */
export function searchFields(secret: SecretSummary): SearchField[] {
  const fields: SearchField[] = [{ label: 'Secret name', text: secret.name }]
  for (const [key, label] of PLAIN_FIELDS) {
    const text = Object.hasOwn(secret.fields, key) ? secret.fields[key] : undefined
    if (typeof text === 'string' && text !== '') fields.push({ label, text })
  }
  for (const key of secret.keys) fields.push({ label: 'Key', text: key })
  const certificate = secret.certificateNames
  if (certificate !== null) {
    fields.push({ label: 'Certificate subject', text: certificate.subject })
    fields.push({ label: 'Certificate issuer', text: certificate.issuer })
    for (const name of certificate.subjectAltNames) {
      fields.push({ label: 'Subject alternative name', text: name })
    }
  }
  for (const tag of secret.tags) fields.push({ label: 'Tag', text: tag })
  if (secret.notes !== '') fields.push({ label: 'Notes', text: secret.notes })
  for (const usage of secret.usages) fields.push({ label: 'Used by', text: usage.consumer })
  return fields
}

function haystackOf(secret: SecretSummary): string {
  return fold(
    searchFields(secret)
      .map((field) => field.text)
      .join(SEPARATOR),
  )
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

/**
 * Built once per secrets list. Haystacks are made on first use of each secret, so building costs
 * nothing; `warm` makes them all ahead of the first keystroke, while the window is idle.
 */
export function buildSearchIndex(secrets: readonly SecretSummary[]): SearchIndex {
  return {
    matches: (secret, needle) => needle === '' || haystack(secret).includes(needle),
    warm() {
      for (const secret of secrets) haystack(secret)
    },
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
