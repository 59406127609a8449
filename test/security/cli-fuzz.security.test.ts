/**
 * The CLI under random argv and stdin, for every command: never a stack trace, never a failure
 * without a typed code, never a value echoed back, never a raw control character on the
 * terminal, never a hang. Each run hides a fresh marker in every place that may hold a value
 * (field values, stdin, file contents, --confirm, --expires); names get hostile text (escapes,
 * bidi, 2,000 characters) but never the marker. Nothing this run stored can print the marker,
 * so it must not appear anywhere. 2,000 runs in-process and 50 as real processes.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { ERROR_CODES } from '../../src/shared/errors'
import { CONTROL_CHARACTER } from '../../src/shared/name-text'
import { ensureBuilt, fileDigests, runCli } from '../support/cli'
import { initInProcess, runCliInProcess } from '../support/cli-in-process'
import { runCliLimited } from '../support/cli-spawn'
import type { CliResult } from '../support/cli-process'
import { fuzzRun } from '../support/cli-fuzz-arbitraries'

const PASSPHRASE = 'fuzz: a passphrase long enough to pass'
const SEED = Number(process.env['SAFEHOLD_FUZZ_SEED'] ?? Date.now() % 2 ** 31)
let root = ''
let vault = ''
let spawnVault = ''
let files: Record<string, string> = {}
const keychain = memoryKeychain()

// ── Properties ───────────────────────────────────────────────────────────────────────────────
const CODES = new Set<string>(ERROR_CODES)

/** Outcomes seen, printed at the end: a fuzz run that only ever hits one error proves little. */
const outcomes = new Map<string, number>()

function check(result: CliResult & { timedOut?: boolean }, m: string, json: boolean): void {
  const outcome =
    result.code === 0
      ? 'ok'
      : (/"code":"([A-Z_]+)"|\[([A-Z_]+)\]\n$/.exec(result.stderr)?.slice(1).find(Boolean) ?? '?')
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
  expect(result.timedOut ?? false, 'the command hung').toBe(false)
  const all = result.stdout + result.stderr
  expect(all, 'a stack trace').not.toMatch(/\n\s+at .+:\d+|node:internal/)
  expect(all.includes(m), 'an echoed value').toBe(false)
  if (!json)
    expect(CONTROL_CHARACTER.test(all.replace(/\n/g, '')), 'a raw control character').toBe(false)
  if (result.code === 0) return
  expect(result.code).toBe(1)
  expect(result.stdout).toBe('')
  if (json) {
    const { error } = JSON.parse(result.stderr) as { error: { code: string; message: string } }
    expect(CODES.has(error.code), `untyped: ${result.stderr}`).toBe(true)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  } else {
    const line = /^safehold: (.+) \[([A-Z_]+)\]\n$/.exec(result.stderr)
    expect(line, `not one typed line: ${result.stderr}`).not.toBeNull()
    expect(CODES.has(line![2]!)).toBe(true)
  }
  expect(result.stderr, 'an unexpected fault').not.toMatch(/stopped on an unexpected/)
}

function writeFiles(dir: string): Record<string, string> {
  const at = (n: string, text: string | Buffer) => {
    writeFileSync(join(dir, n), text)
    return join(dir, n)
  }
  mkdirSync(join(dir, 'folder.env'))
  execFileSync('mkfifo', [join(dir, 'pipe.env')])
  return {
    kvEnv: at('pairs.env', 'API_KEY=MRKSTATIC\n'),
    kvJson: at('pairs.json', '{"API_KEY": "v1", "__proto__": "v2"}'),
    dupJson: at('dup.json', '{"A": "1", "A": "2"}'),
    garbageEnv: at('garbage.env', Buffer.from([0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x3d])),
    pem: at(
      'cert.pem',
      '-----BEGIN CERTIFICATE-----\nnot base64 \u001b[2J\n-----END CERTIFICATE-----\n',
    ),
    dir: join(dir, 'folder.env'),
    fifo: join(dir, 'pipe.env'),
    missing: join(dir, 'missing.env'),
    big: at('big.env', `A=${'x'.repeat(1024 * 1024)}\n`),
    written: join(dir, 'written.env'),
  }
}

beforeAll(async () => {
  await ensureBuilt()
  root = mkdtempSync(join(tmpdir(), 'safehold-fuzz-'))
  files = writeFiles(root)
  vault = join(root, 'vault')
  await initInProcess(vault, keychain)
  const setup = [
    ['workspace', 'add', 'Ops'],
    [
      'register',
      '--type',
      'api-key',
      '--name',
      'alpha-key',
      '--scope',
      'personal',
      '--field',
      'headerName=X',
      '--field',
      'value=seed-value-1',
    ],
    [
      'register',
      '--type',
      'key-value',
      '--name',
      'env-set',
      '--scope',
      'workspace:Ops',
      '--field',
      'pair:A=seed-value-2',
    ],
    [
      'register',
      '--type',
      'bearer-token',
      '--name',
      'org-token',
      '--scope',
      'organization',
      '--field',
      'headerName=Authorization',
      '--field',
      'headerValue=seed-value-3',
    ],
  ]
  for (const args of setup) expect((await runCliInProcess(args, { vault, keychain })).code).toBe(0)
  spawnVault = join(root, 'spawn-vault')
  expect(
    runCli(['init', '--user', 'Ann'], {
      vault: spawnVault,
      env: { SAFEHOLD_PASSPHRASE: PASSPHRASE },
    }).code,
  ).toBe(0)
})

afterAll(() => {
  console.info(
    `outcomes: ${JSON.stringify(Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])))}`,
  )
  rmSync(root, { recursive: true, force: true })
})

const withLimit = <T>(work: Promise<T>, ms: number): Promise<T | { timedOut: true }> =>
  Promise.race([
    work,
    new Promise<{ timedOut: true }>((done) => setTimeout(() => done({ timedOut: true }), ms)),
  ])

describe(`the CLI under random input (SAFEHOLD_FUZZ_SEED=${SEED})`, () => {
  it('holds its promises over 2,000 in-process runs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fuzzRun(files),
        async ({ marker: m, argv, stdin, written, passphraseStdin }) => {
          writeFileSync(files['written']!, written)
          const args = passphraseStdin ? ['--passphrase-stdin', ...argv] : argv
          const before = fileDigests(vault)
          const result = await withLimit(
            runCliInProcess(args, { vault, keychain, input: stdin }),
            10_000,
          )
          if ('timedOut' in result) throw new Error(`hung: ${JSON.stringify(args)}`)
          check(result, m, args.includes('--json'))
          // A refused command changes nothing; only a refused use is written down, as an audit entry.
          if (result.code !== 0 && !result.stderr.includes('USE_DENIED'))
            expect(fileDigests(vault)).toEqual(before)
        },
      ),
      { numRuns: 2000, seed: SEED, endOnFailure: true },
    )
    // The generator reaches successes and many distinct refusals, not one error over and over.
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(50)
    expect(outcomes.size).toBeGreaterThanOrEqual(6)
  }, 240_000)

  it('holds them over 50 real processes (stdin, exit status, backups and restore)', () => {
    const real = fuzzRun(files).chain((r) =>
      fc
        .oneof(
          { weight: 4, arbitrary: fc.constant(r.argv) },
          fc.constantFrom(
            ['backups'],
            ['restore', 'nope', '--confirm', 'RESTORE'],
            ['backups', '--json'],
          ),
        )
        .map((argv) => ({ ...r, argv })),
    )
    fc.assert(
      fc.property(real, ({ marker: m, argv, stdin, written, passphraseStdin }) => {
        writeFileSync(files['written']!, written)
        // A process argument cannot hold NUL; the rest of the text goes through as generated.
        const args = (passphraseStdin ? ['--passphrase-stdin', ...argv] : argv).map((a) =>
          a.replace(/\0/g, ''),
        )
        const result = runCliLimited(args, {
          vault: spawnVault,
          env: { SAFEHOLD_PASSPHRASE: PASSPHRASE },
          input: stdin.replace(/\0/g, ''),
          timeoutMs: 20_000,
        })
        check(result, m, args.includes('--json'))
      }),
      { numRuns: 50, seed: SEED, endOnFailure: true },
    )
  }, 240_000)
})
