/**
 * The random command lines of the CLI fuzz test. Every place that may hold a value (field values,
 * stdin, file contents, --confirm, --expires) carries the run's marker inside hostile text; names
 * get hostile text (escapes, bidi, 2,000 characters) or existing names, never the marker. Files
 * are chosen from a prepared set by key: regular files, a folder, a FIFO, /dev/zero, a big file.
 */
import fc from 'fast-check'

const marker = fc.stringMatching(/^[0-9A-F]{12}$/).map((hex) => `MRK${hex}`)
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u001b[31m', '\u001b]0;x\u0007', '\u202E', '\u2066', '\n', '\r', '\u009b2J', ''),
  fc.string({ unit: 'grapheme', minLength: 65, maxLength: 2000 }),
)
const existing = fc.constantFrom('alpha-key', 'env-set', 'org-token', 'Ops', 'ops ', 'Research')
const name = fc.oneof(
  { weight: 3, arbitrary: existing },
  fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/),
  hostile,
)
/** A value: hostile text around the marker. */
const value = (m: string) => fc.tuple(hostile, hostile).map(([a, b]) => `${a}${m}${b}`)
const scope = fc.oneof(
  fc.constantFrom(
    'organization',
    'personal',
    'workspace:Ops',
    'workspace:ops',
    'workspace:Nope',
    'team',
  ),
  name.map((n) => `workspace:${n}`),
)
const fieldKey = fc.constantFrom(
  'headerName',
  'value',
  'headerValue',
  'clientId',
  'url',
  'clientSecret',
  '__proto__',
  'constructor',
  'pair:API_KEY',
  'pair:__proto__',
  'pair:1bad',
)
const secretKeys = new Set(['value', 'headerValue', 'clientSecret'])
const fieldEntry = (m: string) =>
  fc.oneof(
    fc
      .tuple(fieldKey, value(m))
      .map(([k, v]) =>
        secretKeys.has(k) ||
        k.startsWith('pair:') ||
        k.startsWith('_') ||
        (k.startsWith('c') && k !== 'clientId')
          ? `${k}=${v}`
          : `${k}=${k === 'url' ? 'https://auth.example.com/t' : 'X-Api-Key'}`,
      ),
    value(m),
    value(m).map((v) => `=${v}`),
  )
const option = (flag: string, arb: fc.Arbitrary<string>) =>
  fc.option(
    arb.map((v) => [flag, v]),
    { nil: undefined },
  )
const flag = (f: string) => fc.option(fc.constant([f]), { nil: undefined })
/** Notes and tags are shown metadata, so they get hostile text like names, never the marker. */
const tags = fc
  .array(fc.oneof(fc.constantFrom('prod', 'PROD', '__proto__', 'constructor'), name), {
    maxLength: 3,
  })
  .map((ts) => ts.flatMap((t) => ['--tag', t]))
const note = fc.oneof(name, fc.constantFrom('line one\n\tline two', 'é'.repeat(2100)))
const availability = fc.oneof(
  fc.constantFrom('organization', 'spot:CodeCrafters', 'spot:Nobody'),
  name,
)
const file = fc.constantFrom(
  'kvEnv',
  'kvJson',
  'dupJson',
  'garbageEnv',
  'pem',
  'dir',
  'fifo',
  'missing',
  'big',
  '/dev/zero',
  'written',
)

function command(m: string, files: Record<string, string>): fc.Arbitrary<string[]> {
  const values = fc
    .array(fieldEntry(m), { maxLength: 3 })
    .map((es) => es.flatMap((e) => ['--field', e]))
  const fileOpt = (f: string) =>
    option(
      f,
      file.map((k) => files[k] ?? k),
    )
  const common = fc.tuple(option('--scope', scope), flag('--json'))
  const tail = (...parts: fc.Arbitrary<readonly string[] | undefined>[]) =>
    fc
      .tuple(...parts, common)
      .map((xs) => xs.flat(2).filter((x): x is string => typeof x === 'string'))
  return fc.oneof(
    tail(fc.constant(['init']), option('--org', name), option('--user', name)),
    tail(
      fc.constant(['workspace']),
      fc.option(
        fc.oneof(
          name.map((n) => ['add', n]),
          fc.tuple(name, name).map(([from, to]) => ['rename', from, to]),
          fc.constant(['list']),
          fc.constant(['frob']),
        ),
        { nil: undefined },
      ),
    ),
    tail(
      fc.constant(['profile']),
      option('--user', name),
      option('--role', fc.constantFrom('member', 'account-holder', 'boss')),
      option('--confirm', value(m)),
    ),
    tail(
      fc.constant(['register']),
      option(
        '--type',
        fc.constantFrom(
          'api-key',
          'bearer-token',
          'client-credentials',
          'certificate',
          'key-value',
          'password',
        ),
      ),
      option('--name', name),
      option('--availability', availability),
      option('--expires', fc.oneof(fc.constantFrom('2099-01-01', '2001-01-01'), value(m))),
      values,
      option('--secret-stdin', fieldKey),
      fileOpt('--kv-file'),
      fileOpt('--cert'),
      fileOpt('--key'),
      flag('--cert-password-stdin'),
      option('--note', note),
      tags,
    ),
    tail(
      fc.constant(['list']),
      option('--status', fc.constantFrom('active', 'expired', 'gone')),
      option('--tag', fc.oneof(fc.constantFrom('prod', 'constructor', '__proto__'), name)),
    ),
    tail(
      fc.constant(['show']),
      name.map((n) => [n]),
    ),
    tail(
      fc.constant(['get']),
      name.map((n) => [n]),
      option('--field', fc.oneof(fieldKey, name)),
      option('--as', fc.oneof(fc.constantFrom('deploy', 'spot:CodeCrafters', 'constructor'), name)),
    ),
    tail(
      fc.constant(['edit']),
      name.map((n) => [n]),
      values,
      option('--secret-stdin', fieldKey),
      option('--expires', value(m)),
      fileOpt('--kv-file'),
      option('--remove-key', name),
      option('--note', note),
      tags,
      flag('--clear-tags'),
      option('--rename', name),
      option('--availability', availability),
      flag('--restore-previous'),
    ),
    tail(
      fc.constant(['delete']),
      name.map((n) => [n]),
      flag('--now'),
      flag('--schedule'),
      option('--confirm', value(m)),
    ),
    tail(
      fc.constant(['cancel-deletion']),
      name.map((n) => [n]),
    ),
    tail(fc.constant(['upcoming'])),
    tail(fc.constant(['notifications']), flag('--mark-read')),
    fc.array(
      fc.oneof(
        name,
        fc.constantFrom('--json', '--vault', '--help', '-h', '--passphrase-stdin', '--field'),
      ),
      { maxLength: 5 },
    ),
  )
}

/** One run: its marker, argv, stdin, and the content of the file named "written". */
export const fuzzRun = (files: Record<string, string>) =>
  marker.chain((m) =>
    fc.record({
      marker: fc.constant(m),
      argv: command(m, files),
      stdin: fc.oneof(value(m), fc.constant('')),
      written: value(m).map((v) => `API_KEY=${JSON.stringify(v)}\n`),
      passphraseStdin: fc.boolean(),
    }),
  )
