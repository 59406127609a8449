/**
 * The piece of a field shown where a search matched ("Notes: …rotate the key before…"), cut to
 * a window around the match. Pure. Field text comes from outside (a certificate's subject, a
 * consumer's name, notes): control characters and bidirectional overrides in it could reorder or
 * hide what the line shows, so every one of them is shown as U+FFFD, and line breaks and tabs as
 * spaces. The match itself is never cut.
 */

export interface Snippet {
  before: string
  match: string
  after: string
}

/** Characters of context kept on each side of the match. */
export const SNIPPET_CONTEXT = 28

// C0/C1 controls (but tab, LF, CR: spaces), bidi embeddings, overrides, isolates and marks,
// and the zero-width and invisible formatting characters that can hide text.
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\u206a-\u206f\ufeff]/g
const SPACES = /[\t\n\r]/g

/** The text with every unsafe character replaced one for one, so offsets stay valid. */
export function displaySafe(text: string): string {
  return text.replace(SPACES, ' ').replace(UNSAFE, '\uFFFD')
}

/** Runs of spaces shown as one. */
function squeeze(text: string): string {
  return text.replace(/ {2,}/g, ' ')
}

/** A code unit index moved off the second half of a surrogate pair, so no character is split. */
function onBoundary(text: string, index: number): number {
  const code = text.charCodeAt(index)
  return code >= 0xdc00 && code <= 0xdfff ? index - 1 : index
}

export function snippet(
  text: string,
  start: number,
  end: number,
  context = SNIPPET_CONTEXT,
): Snippet {
  const safe = displaySafe(text)
  const from = Math.max(0, onBoundary(safe, start - context))
  const to = Math.min(safe.length, onBoundary(safe, end + context))
  return {
    before: (from > 0 ? '…' : '') + squeeze(safe.slice(from, start)).trimStart(),
    match: squeeze(safe.slice(start, end)),
    after: squeeze(safe.slice(end, to)).trimEnd() + (to < safe.length ? '…' : ''),
  }
}
