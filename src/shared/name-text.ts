/**
 * Names as text: one spelling per name, and what of a user's text a message may repeat. Names a
 * user typed are metadata and help them see what went wrong, but a string that fails the name
 * rule may carry terminal escapes, bidi overrides or 100 KB: such a text is never printed; the
 * message names its place instead. Free of zod, so `safehold get` loads it cheaply.
 */
import type { Scope } from './domain'
import { SafeholdError } from './errors'

/**
 * C0, DEL and C1 controls (ANSI escapes start with ESC or CSI), line and paragraph separators,
 * lone surrogates, and format characters: bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), LRM/RLM/ALM, zero-width space, word joiner, BOM, soft hyphen.
 * ZWNJ and ZWJ (U+200C, U+200D) are allowed: Persian and Indic names and emoji need them.
 */
export const CONTROL_CHARACTER = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]|(?![\u200C\u200D])\p{Cf}/u

const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'gu')

/**
 * Text as a terminal shows it: control and format characters (escapes, bidi overrides) are
 * written as \u{…}, so what is printed is what is stored, never a command to the terminal.
 */
export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`)
}

/** Text an error may quote: 1–64 characters, none of them a control or format character. */
export function isShowable(text: unknown): text is string {
  return (
    typeof text === 'string' &&
    text.length > 0 &&
    [...text].length <= 64 &&
    !CONTROL_CHARACTER.test(text) &&
    text.trim() === text
  )
}

/** `"text"` when it may be shown, else `fallback` ("the name given to --user"). */
export function quoted(text: unknown, fallback: string): string {
  return isShowable(text) ? `"${text}"` : fallback
}

/** People and places keep at most this many characters (code points, after normalization). */
export const MAX_NAME_CHARACTERS = 64

/**
 * The one rule for names of people and places (organization, user, workspace): 1–64 characters
 * after NFC normalization and trimming, no control or format character. Returns the name as it
 * is stored, or why it is refused, in the words of `label` and without repeating the name.
 * Overlong input is refused before it is normalized, so a 100 KB name costs nothing.
 */
export function checkName(text: unknown, label: string): { name: string } | { problem: string } {
  const tooLong = { problem: `${label} must be at most ${MAX_NAME_CHARACTERS} characters.` }
  if (typeof text !== 'string') return { problem: `${label} is required.` }
  if (text.length > MAX_NAME_CHARACTERS * 16) return tooLong
  const name = normalizeName(text)
  if (name.length === 0) return { problem: `${label} is required.` }
  if ([...name].length > MAX_NAME_CHARACTERS) return tooLong
  if (CONTROL_CHARACTER.test(name))
    return {
      problem: `${label} cannot contain control characters (line breaks, tabs, terminal escapes, bidi overrides).`,
    }
  return { name }
}

/** The organization and user names of a new vault, as stored; else INVALID_INPUT naming which. */
export function checkProfileNames(profile: { organization: string; user: string }): {
  organization: string
  user: string
} {
  const organization = checkName(profile.organization, 'Organization name')
  if ('problem' in organization)
    throw new SafeholdError('INVALID_INPUT', organization.problem, 'organization')
  const user = checkName(profile.user, 'User name')
  if ('problem' in user) throw new SafeholdError('INVALID_INPUT', user.problem, 'user')
  return { organization: organization.name, user: user.name }
}

/** One spelling per name: NFC, no surrounding whitespace. */
export function normalizeName(text: string): string {
  return text.normalize('NFC').trim()
}

/** Names of places are one name however they are cased: "Pay ments " is "pay ments". */
export function nameKey(text: string): string {
  return normalizeName(text).toLowerCase()
}

/** Where a secret name is taken, as the NAME_TAKEN message says it. */
export function scopePhrase(scope: Scope): string {
  if (scope.kind === 'workspace') return `workspace "${scope.workspace}"`
  return scope.kind === 'organization' ? 'the organization' : 'your personal secrets'
}

/**
 * The one NAME_TAKEN text, for registration and rename alike: a name held by a secret scheduled
 * for deletion is still taken, and the message offers "Cancel deletion" instead.
 */
export function nameTakenMessage(holder: string, scope: Scope, scheduled: boolean): string {
  return scheduled
    ? `The name "${holder}" is still taken in ${scopePhrase(scope)} by a secret that is scheduled for deletion. Use "Cancel deletion" on it to keep that secret, or choose another name.`
    : `A secret named "${holder}" already exists in ${scopePhrase(scope)}. Choose another name.`
}
