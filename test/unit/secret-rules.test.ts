/**
 * The rules of DESIGN.md §1.1 as the schemas state them: for every rule, values a user would type
 * that pass, and values that fail with the exact message the user reads.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { SPOTS } from '../../src/shared/domain'
import {
  FIELD_SCHEMAS,
  MAX_KV_PAIRS,
  MAX_VALUE_BYTES,
  availabilitySchema,
  clientIdSchema,
  credentialTypeSchema,
  expirationSchema,
  headerNameSchema,
  kvPairsSchema,
  notesSchema,
  parseExpiration,
  scopeSchema,
  secretNameSchema,
  secretValueSchema,
  tagsSchema,
  tokenUrlSchema,
} from '../../src/shared/secret-rules'

/** The message a user sees for `value`, or null when it is accepted. */
function messageOf(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value)
  return result.success ? null : (result.error.issues[0]?.message ?? '(no message)')
}

const pairs = (...entries: [string, string][]) => entries.map(([key, value]) => ({ key, value }))

describe('Secret name', () => {
  const RULE =
    'Secret name must be 3–64 characters long and use only letters, digits, "-", "_" and ".".'

  it.each(['abc', 'Stripe-Live_key.v2', 'a'.repeat(64), '...', '123', 'A-B'])('accepts %j', (n) => {
    expect(messageOf(secretNameSchema, n)).toBeNull()
  })

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(65)],
    ['a space', 'my key'],
    ['a slash', 'prod/key'],
    ['a colon', 'spot:key'],
    ['a non-ASCII letter', 'clé-api'],
    ['a trailing newline', 'abc\n'],
  ])('refuses a name with %s', (_, name) => {
    expect(messageOf(secretNameSchema, name)).toBe(RULE)
  })

  it('asks for a name when none is given, rather than stating the rule', () => {
    expect(messageOf(secretNameSchema, undefined)).toBe('Secret name is required.')
    expect(messageOf(secretNameSchema, '')).toBe('Secret name is required.')
  })
})

describe('Header name (RFC 9110 token, 1–128 characters)', () => {
  const CHARS =
    'Header name may contain only letters, digits and !#$%&\'*+-.^_`|~ (no spaces or ":").'

  it.each(['X-Api-Key', 'Authorization', 'x', "!#$%&'*+-.^_`|~", 'A'.repeat(128), 'X_Token.2'])(
    'accepts %j',
    (header) => {
      expect(messageOf(headerNameSchema, header)).toBeNull()
    },
  )

  it.each([
    ['a space', 'X Api Key'],
    ['a colon', 'X-Api-Key:'],
    ['parentheses', 'X(Key)'],
    ['a double quote', '"X-Key"'],
    ['an at sign', 'key@host'],
    ['a non-ASCII letter', 'X-Schlüssel'],
    ['a newline (header injection)', 'X-Key\r\nEvil'],
  ])('refuses a header name with %s', (_, header) => {
    expect(messageOf(headerNameSchema, header)).toBe(CHARS)
  })

  it('refuses an empty header name and one of 129 characters', () => {
    expect(messageOf(headerNameSchema, '')).toBe('Header name is required.')
    expect(messageOf(headerNameSchema, undefined)).toBe('Header name is required.')
    expect(messageOf(headerNameSchema, 'A'.repeat(129))).toBe(
      'Header name must be at most 128 characters.',
    )
  })
})

describe('URL (absolute https://; http:// only for loopback)', () => {
  const HTTPS_ONLY = 'URL must use https:// (http:// is allowed only for localhost).'
  const ABSOLUTE = 'URL must be an absolute address such as https://auth.example.com/oauth/token.'

  it.each([
    'https://auth.example.com/oauth/token',
    'https://auth.example.com:8443/token?audience=api',
    'https://localhost/token',
    'http://localhost:8080/oauth/token',
    'http://127.0.0.1:9000/token',
    'http://127.10.20.30/token',
    'http://[::1]:8080/token',
  ])('accepts %s', (url) => {
    expect(messageOf(tokenUrlSchema, url)).toBeNull()
  })

  it.each([
    ['plain http to a remote host', 'http://auth.example.com/oauth/token'],
    ['http to a private address', 'http://10.0.0.5/token'],
    ['http to a host that only starts with localhost', 'http://localhost.example.com/token'],
    ['http to a DNS name that only starts with 127.', 'http://127.0.0.1.nip.io/token'],
    ['another scheme', 'ftp://auth.example.com/token'],
    ['a javascript: URL', 'javascript:alert(1)'],
  ])('refuses %s', (_, url) => {
    expect(messageOf(tokenUrlSchema, url)).toBe(HTTPS_ONLY)
  })

  it.each([
    ['a host without scheme', 'auth.example.com/oauth/token'],
    ['a path', '/oauth/token'],
    ['a bare scheme', 'https://'],
  ])('refuses %s as not absolute', (_, url) => {
    expect(messageOf(tokenUrlSchema, url)).toBe(ABSOLUTE)
  })

  it('asks for a URL when none is given', () => {
    expect(messageOf(tokenUrlSchema, '')).toBe('URL is required.')
  })
})

describe('Client ID', () => {
  it('accepts an ordinary client id and refuses empty, blank and over-long ones', () => {
    expect(messageOf(clientIdSchema, 'svc-billing@acme')).toBeNull()
    expect(messageOf(clientIdSchema, '')).toBe('Client ID is required.')
    expect(messageOf(clientIdSchema, '   ')).toBe('Client ID cannot be only whitespace.')
    expect(messageOf(clientIdSchema, 'c'.repeat(513))).toBe(
      'Client ID must be at most 512 characters.',
    )
  })
})

describe('Expiration date', () => {
  const FORMAT = 'Expiration date must be a date such as 2027-03-31.'

  it('reads a calendar day as the end of that day, UTC', () => {
    expect(parseExpiration('2027-03-31')?.toISOString()).toBe('2027-03-31T23:59:59.999Z')
    expect(parseExpiration('2028-02-29')?.toISOString()).toBe('2028-02-29T23:59:59.999Z')
  })

  it('reads an ISO instant with Z or an offset as that instant', () => {
    expect(parseExpiration('2027-03-31T12:00:00Z')?.toISOString()).toBe('2027-03-31T12:00:00.000Z')
    expect(parseExpiration('2027-03-31T12:00:00.250+02:00')?.toISOString()).toBe(
      '2027-03-31T10:00:00.250Z',
    )
    expect(messageOf(expirationSchema, '2027-03-31T12:00Z')).toBeNull()
  })

  it.each([
    ['a day that does not exist', '2027-02-30'],
    ['February 29 of a common year', '2027-02-29'],
    ['month 13', '2027-13-01'],
    ['day/month/year', '31/03/2027'],
    ['unpadded month', '2027-3-31'],
    ['words', 'next tuesday'],
    ['empty text', ''],
    ['an instant on a day that does not exist', '2027-02-30T00:00:00Z'],
    ['an instant without a time zone', '2027-03-31T12:00:00'],
    ['an instant with an hour 25', '2027-03-31T25:00:00Z'],
  ])('refuses %s', (_, text) => {
    expect(messageOf(expirationSchema, text)).toBe(FORMAT)
  })
})

describe('Values (1 byte to 64 KiB of UTF-8, not only whitespace)', () => {
  const value = secretValueSchema('Value')

  it('accepts one byte and exactly 64 KiB', () => {
    expect(messageOf(value, 'x')).toBeNull()
    expect(messageOf(value, 'x'.repeat(MAX_VALUE_BYTES))).toBeNull()
    expect(messageOf(value, '  sk_live_with_spaces  ')).toBeNull()
  })

  it('counts the limit in UTF-8 bytes, not characters', () => {
    expect(messageOf(value, 'é'.repeat(MAX_VALUE_BYTES / 2))).toBeNull()
    expect(messageOf(value, 'é'.repeat(MAX_VALUE_BYTES / 2 + 1))).toBe(
      'Value is too long: at most 64 KiB.',
    )
    expect(messageOf(value, '🔑'.repeat(MAX_VALUE_BYTES / 4))).toBeNull()
    expect(messageOf(value, '🔑'.repeat(MAX_VALUE_BYTES / 4) + 'x')).toBe(
      'Value is too long: at most 64 KiB.',
    )
  })

  it('refuses one byte over 64 KiB', () => {
    expect(messageOf(value, 'x'.repeat(MAX_VALUE_BYTES + 1))).toBe(
      'Value is too long: at most 64 KiB.',
    )
  })

  it('refuses empty and whitespace-only values', () => {
    expect(messageOf(value, '')).toBe('Value is required.')
    expect(messageOf(value, undefined)).toBe('Value is required.')
    expect(messageOf(value, ' \t\r\n\u00a0')).toBe('Value cannot be only whitespace.')
  })

  it('refuses text that is not valid UTF-8', () => {
    expect(messageOf(value, 'abc\uFFFDdef')).toBe('Value must be valid UTF-8 text.')
    expect(messageOf(value, 'abc\uD800def')).toBe('Value must be valid UTF-8 text.')
    expect(messageOf(value, 'abc\uDC00')).toBe('Value must be valid UTF-8 text.')
  })

  it('names each secret field by its UI label', () => {
    expect(messageOf(FIELD_SCHEMAS['value']!, '')).toBe('Value is required.')
    expect(messageOf(FIELD_SCHEMAS['headerValue']!, '   ')).toBe(
      'Header value cannot be only whitespace.',
    )
    expect(messageOf(FIELD_SCHEMAS['clientSecret']!, 'x'.repeat(MAX_VALUE_BYTES + 1))).toBe(
      'Client secret is too long: at most 64 KiB.',
    )
  })
})

describe('Key/Value pairs', () => {
  const KEY_RULE =
    'Keys must start with a letter or "_" and contain only letters, digits, "_", "." and "-".'

  it('accepts keys of the form [A-Za-z_][A-Za-z0-9_.-]*', () => {
    expect(
      messageOf(
        kvPairsSchema,
        pairs(['DATABASE_URL', 'postgres://db'], ['_private', 'x'], ['a.b-c_1', 'y'], ['Z', 'z']),
      ),
    ).toBeNull()
  })

  it.each([
    ['a digit first', '1PASSWORD'],
    ['a dash first', '-flag'],
    ['a dot first', '.hidden'],
    ['a space', 'API KEY'],
    ['an equals sign', 'A=B'],
    ['a non-ASCII letter', 'CLÉ'],
    ['nothing', ''],
  ])('refuses a key with %s, naming the key', (_, key) => {
    expect(messageOf(kvPairsSchema, pairs([key, 'v']))).toBe(`Key "${key}": ${KEY_RULE}`)
  })

  it('refuses a key used twice; keys differing in case are different keys', () => {
    expect(messageOf(kvPairsSchema, pairs(['TOKEN', 'a'], ['OTHER', 'b'], ['TOKEN', 'c']))).toBe(
      'Key "TOKEN" appears more than once.',
    )
    expect(messageOf(kvPairsSchema, pairs(['token', 'a'], ['TOKEN', 'b']))).toBeNull()
  })

  it('accepts 200 keys and refuses 201', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `K${i}`, value: 'v' }))
    expect(messageOf(kvPairsSchema, many(MAX_KV_PAIRS))).toBeNull()
    expect(messageOf(kvPairsSchema, many(MAX_KV_PAIRS + 1))).toBe('At most 200 keys are allowed.')
  })

  it('refuses an empty set', () => {
    expect(messageOf(kvPairsSchema, [])).toBe('Add at least one key and value.')
  })

  it('applies the value rules to every value, naming its key', () => {
    expect(messageOf(kvPairsSchema, pairs(['A', 'ok'], ['B', '']))).toBe(
      'The value of "B" is required.',
    )
    expect(messageOf(kvPairsSchema, pairs(['A', '  ']))).toBe(
      'The value of "A" cannot be only whitespace.',
    )
    expect(messageOf(kvPairsSchema, pairs(['BIG', 'x'.repeat(MAX_VALUE_BYTES + 1)]))).toBe(
      'The value of "BIG" is too long: at most 64 KiB.',
    )
  })

  it('never puts a value into a message', () => {
    const secret = 'sk_live_DO_NOT_SHOW'
    const messages = [
      messageOf(kvPairsSchema, pairs(['1BAD', secret])),
      messageOf(kvPairsSchema, pairs(['A', secret], ['A', secret])),
      messageOf(kvPairsSchema, pairs(['A', `${secret}\uD800`])),
    ]
    for (const message of messages) {
      expect(message).not.toBeNull()
      expect(message).not.toContain(secret)
    }
  })
})

describe('Type, scope and availability', () => {
  it('names the credential types a user can pick', () => {
    expect(messageOf(credentialTypeSchema, 'password')).toBe(
      'Credential type must be one of: api-key, bearer-token, client-credentials, certificate, key-value.',
    )
  })

  it('accepts the three scopes and refuses anything else', () => {
    expect(messageOf(scopeSchema, { kind: 'organization' })).toBeNull()
    expect(messageOf(scopeSchema, { kind: 'workspace', workspace: 'Payments' })).toBeNull()
    expect(messageOf(scopeSchema, { kind: 'personal' })).toBeNull()
    expect(messageOf(scopeSchema, { kind: 'team' })).toBe(
      'Scope must be organization, workspace:NAME or personal.',
    )
    expect(messageOf(scopeSchema, { kind: 'workspace', workspace: '' })).toBe(
      'Workspace name is required.',
    )
    expect(messageOf(scopeSchema, { kind: 'workspace', workspace: 'Pay\u001b[2Jments' })).toBe(
      'Workspace name cannot contain control characters (line breaks, tabs, terminal escapes, bidi overrides).',
    )
  })

  it('accepts the entire organization or one of the six Spots', () => {
    expect(messageOf(availabilitySchema, { kind: 'organization' })).toBeNull()
    for (const spot of SPOTS)
      expect(messageOf(availabilitySchema, { kind: 'spot', spot })).toBeNull()
    expect(messageOf(availabilitySchema, { kind: 'spot', spot: 'SkyNet' })).toBe(
      'Spot must be one of: CodeCrafters, Bytebards, GlitchGuardians, QuantumQuorums, NeuralNinjas, EchoEngineers.',
    )
    expect(messageOf(availabilitySchema, { kind: 'everyone' })).toBe(
      'Availability must be Entire organization or one Spot.',
    )
  })
})

describe('Notes (up to 4 KiB of UTF-8; line breaks and tabs, no other control character)', () => {
  const TOO_LONG =
    'Notes hold at most 4 KiB (4,096 bytes of UTF-8; accented letters and emoji count as several).'
  const CONTROL =
    'Notes cannot contain control characters other than line breaks and tabs (no terminal escapes or bidi overrides).'

  it.each([
    ['empty', ''],
    ['lines and tabs', 'Owner: Ada\n\tRotate monthly.\n'],
    ['4,096 ASCII bytes', 'n'.repeat(4096)],
    ['4,096 bytes of three-byte characters', '€'.repeat(1365) + 'x'],
    ['Persian with a zero-width non-joiner', 'می‌خواهم'],
  ])('accepts %s', (_, notes) => {
    expect(messageOf(notesSchema, notes)).toBeNull()
  })

  it('stores Windows line ends as \\n', () => {
    expect(notesSchema.parse('a\r\nb\r\n')).toBe('a\nb\n')
  })

  it.each([
    ['4,097 ASCII bytes', 'n'.repeat(4097)],
    ['2,049 two-byte letters (4,098 bytes)', 'é'.repeat(2049)],
    ['1,025 emoji (4,100 bytes)', '🔑'.repeat(1025)],
    ['a million characters', 'x'.repeat(1_000_000)],
  ])('refuses %s as too long, counting bytes', (_, notes) => {
    expect(messageOf(notesSchema, notes)).toBe(TOO_LONG)
  })

  it.each([
    ['an ANSI escape', 'see \u001b[31mred\u001b[0m'],
    ['an OSC title sequence', '\u001b]0;pwned\u0007'],
    ['a C1 CSI', 'x\u009b2J'],
    ['a bidi override', 'abc\u202Edef'],
    ['a bidi isolate', '\u2066x\u2069'],
    ['a lone carriage return', 'line\rover'],
    ['a NUL', 'a\u0000b'],
    ['a lone surrogate', 'a\uD800b'],
  ])('refuses %s', (_, notes) => {
    expect(messageOf(notesSchema, notes)).toBe(CONTROL)
  })

  it('never repeats the notes in its message', () => {
    const notes = 'SECRET-LOOKING-TEXT\u001b[2J'
    expect(messageOf(notesSchema, notes)).not.toContain('SECRET-LOOKING')
  })
})

describe('Tags (up to 20, each 1–32 letters, digits, "-", "_", unique in any case)', () => {
  it.each([
    ['none', []],
    ['one of each kind of character', ['prod', 'Team_A', 'eu-west-1', '2027']],
    ['20 tags of 32 characters', Array.from({ length: 20 }, (_, i) => `t${i}`.padEnd(32, 'x'))],
    ['the names of Object’s properties, as words', ['__proto__', 'constructor', 'toString']],
  ])('accepts %s', (_, tags) => {
    expect(tagsSchema.parse(tags)).toEqual(tags)
  })

  it.each([
    ['21 tags', Array.from({ length: 21 }, (_, i) => `t${i}`), 'At most 20 tags are allowed.'],
    ['1,000 tags', Array.from({ length: 1000 }, () => 'same'), 'At most 20 tags are allowed.'],
    ['an empty tag', ['ok', ''], 'Tag #2 must be 1–32 characters of letters, digits, "-" and "_".'],
    [
      'a tag of 33 characters',
      ['x'.repeat(33)],
      'Tag #1 must be 1–32 characters of letters, digits, "-" and "_".',
    ],
    [
      'a tag with a space, a dot or an accent',
      ['a', 'b', 'café'],
      'Tag #3 must be 1–32 characters of letters, digits, "-" and "_".',
    ],
    [
      'the same tag in another case',
      ['Prod', 'billing', 'PROD'],
      'Tag #3 repeats tag #1; tags are unique whatever their case.',
    ],
    ['a list of something else', ['ok', 7], 'Tags must be a list of words.'],
    ['one word instead of a list', 'prod', 'Tags must be a list of words.'],
  ])('refuses %s, naming the tag by its place', (_, tags, message) => {
    expect(messageOf(tagsSchema, tags)).toBe(message)
  })
})
