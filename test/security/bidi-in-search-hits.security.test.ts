/**
 * Where a search hit was found is shown as text taken from the secret's fields: a certificate's
 * subject and alternative names come from whoever made the certificate, notes from whoever wrote
 * them. A subject such as `CN=gateway-<U+202E>lmth.exe` would show as "gateway-exe.html" when
 * searched for, and zero-width or control characters could hide or break what the line says.
 * Now every such character is shown as U+FFFD (one for one, so the marked span stays on the
 * text that matched), line breaks as spaces, and nothing of the field is lost from the search.
 */
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { certificateFacts } from '../../src/main/certificates/certificate-chain'
import { findMatch, normalizeQuery } from '../../src/renderer/src/listing/search-index'
import { displaySafe, snippet } from '../../src/renderer/src/listing/search-snippet'
import { openssl } from '../support/certs'
import { summary } from '../support/secret-summaries'

const RLO = '\u202E'
// Characters that reorder, hide or control what a line shows.
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u

let dir = ''

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'safehold-bidi-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The search hit's second line as the listing renders it: label, before, marked, after. */
function shownHit(secret: ReturnType<typeof summary>, query: string) {
  const match = findMatch(secret, normalizeQuery(query))
  if (match === null) throw new Error(`no hit for ${query}`)
  return { label: match.label, ...snippet(match.text, match.start, match.end) }
}

describe('a hostile certificate subject in a search hit', () => {
  it('cannot reorder what the line shows', () => {
    openssl(
      dir,
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
      ...['-keyout', 'evil.key', '-out', 'evil.pem', '-days', '30', '-utf8'],
      ...['-subj', `/CN=gateway-${RLO}lmth.exe/O=Acme`],
    )
    const facts = certificateFacts([new X509Certificate(readFileSync(join(dir, 'evil.pem')))])
    // The attack: main keeps the subject as the certificate has it, override included.
    expect(facts.subject).toContain(RLO)
    const secret = summary('mtls-gateway', {
      type: 'certificate',
      certificateNames: {
        subject: facts.subject,
        issuer: facts.issuer,
        subjectAltNames: facts.subjectAltNames,
      },
    })

    const hit = shownHit(secret, 'lmth')
    expect(hit.label).toBe('Certificate subject')
    expect(hit.match).toBe('lmth')
    const line = hit.before + hit.match + hit.after
    expect(line).not.toMatch(UNSAFE)
    expect(line).toContain('gateway-\uFFFDlmth.exe')
  })
})

describe('hostile notes in a search hit', () => {
  const notes = [
    'rotate\u0007 monthly',
    'owner\u001b[31m: ops',
    `ok${RLO}evil`,
    'split\u200Bword',
    'line\nbreak',
    'bom\uFEFFhere',
    'isolate\u2067x\u2069y',
  ].join(' · ')
  const secret = summary('stripe-live', { notes })

  it('are still found by the text around the hostile characters', () => {
    for (const query of ['rotate', 'owner', 'evil', 'word', 'break', 'here', 'y']) {
      expect(findMatch(secret, normalizeQuery(query))?.label).toBe('Notes')
    }
  })

  it('show none of those characters, and the mark stays on what matched', () => {
    for (const query of ['rotate', 'owner', 'evil', 'word', 'break', 'here']) {
      const hit = shownHit(secret, query)
      expect(hit.match).toBe(query)
      expect(hit.before + hit.match + hit.after).not.toMatch(UNSAFE)
    }
    expect(displaySafe(notes)).not.toMatch(UNSAFE)
    expect(displaySafe(notes)).toHaveLength(notes.length)
  })
})
