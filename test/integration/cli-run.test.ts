/**
 * `safehold run` and `safehold inject` as a user runs them (DESIGN §6.1): values in the child's
 * environment and nowhere else, exit codes and signals passed through, printed values concealed,
 * each use recorded once per run, availability enforced and every refusal in the audit log.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CLI_PATH, expectCliError, expectSuccess } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'

const TOKEN = 'sk_live_run_4eC39HqLyjWDarjt'
const DB_PASS = 'db-pass-Zq81kLmN0p'
const SPOT_TOKEN = 'ghp_spot_only_value_77'
const MASK = '<concealed by safehold>'
const NODE = process.execPath

let v: CliVault

interface Usage {
  consumer: string
  count: number
}

function usages(name: string): Usage[] {
  return v.json<{ usages: Usage[] }>(['show', name]).usages
}

function auditOf(name: string, action: string): { actor: string; detail: string | null }[] {
  return v.json(['audit', name, '--action', action])
}

beforeAll(() => {
  v = cliVault('run')
  v.registerApiKey('stripe-live', TOKEN)
  expectSuccess(
    v.cli([
      'register',
      ...['--type', 'key-value', '--name', 'app-env', '--scope', 'personal'],
      ...['--field', `pair:DB_PASS=${DB_PASS}`, '--field', 'pair:REGION=eu-west-1'],
      ...['--field', 'pair:PIN=1234'],
    ]),
  )
  expectSuccess(
    v.cli([
      'register',
      ...['--type', 'bearer-token', '--name', 'gh-actions', '--scope', 'organization'],
      ...['--availability', 'spot:CodeCrafters', '--field', 'headerName=Authorization'],
      ...['--field', `headerValue=${SPOT_TOKEN}`],
    ]),
  )
}, 60_000)

/** A Node one-liner as the child. */
const node = (code: string): string[] => [NODE, '-e', code]

describe('safehold run', () => {
  it('puts the value in the child’s environment only, never in its arguments', () => {
    const result = v.cli([
      'run',
      ...['--as', 'deploy', '--env', 'TOKEN=stripe-live', '--env', 'DB=app-env.DB_PASS'],
      '--',
      // The child's code names no value: it reports digests of its variables and its own and its
      // parent's command lines, and the test compares.
      ...node(
        `const fs = require('fs'), hash = (t) => require('crypto').createHash('sha256').update(t ?? '').digest('hex');
         console.log(JSON.stringify({
           token: hash(process.env.TOKEN),
           db: hash(process.env.DB),
           argv: fs.readFileSync('/proc/self/cmdline', 'utf8') + fs.readFileSync('/proc/' + process.ppid + '/cmdline', 'utf8'),
           passphrase: 'SAFEHOLD_PASSPHRASE' in process.env,
         }))`,
      ),
    ])
    expectSuccess(result)
    const seen = JSON.parse(result.stdout) as Record<string, unknown>
    const hash = (text: string) => createHash('sha256').update(text).digest('hex')
    expect(seen).toMatchObject({ token: hash(TOKEN), db: hash(DB_PASS), passphrase: false })
    expect(seen['argv']).toContain('run')
    expect(seen['argv']).not.toContain(TOKEN)
    expect(seen['argv']).not.toContain(DB_PASS)
  })

  it('passes standard input through and exits with the child’s status', () => {
    const echo = v.cli(
      ['run', '--as', 'deploy', '--env', 'T=stripe-live', '--', 'sh', '-c', 'cat; exit 7'],
      { input: 'from stdin\n' },
    )
    expect(echo.code).toBe(7)
    expect(echo.stdout).toBe('from stdin\n')
  })

  it('exits 128 + n when a signal ends the child: 143 for SIGTERM, 137 for SIGKILL', () => {
    for (const [signal, status] of [
      ['TERM', 143],
      ['KILL', 137],
    ] as const) {
      const result = v.cli([
        'run',
        ...['--as', 'deploy', '--env', 'T=stripe-live', '--'],
        ...['sh', '-c', `kill -${signal} $$`],
      ])
      expect(result.code, signal).toBe(status)
    }
  })

  it('conceals a value printed whole, split across writes, and on stdout and stderr at once', () => {
    const result = v.cli([
      'run',
      ...['--as', 'deploy', '--env', 'T=stripe-live', '--env', 'D=app-env.DB_PASS', '--'],
      ...node(
        `const t = process.env.T, d = process.env.D;
         process.stdout.write('whole ' + t + '\\n');
         process.stdout.write('split ' + t.slice(0, 9));
         setTimeout(() => {
           process.stdout.write(t.slice(9) + ' end\\n');
           for (let i = 0; i < 3; i++) { process.stdout.write('out ' + d + '\\n'); process.stderr.write('err ' + t + '\\n') }
         }, 50)`,
      ),
    ])
    expectSuccess(result)
    expect(result.stdout).toBe(
      [`whole ${MASK}`, `split ${MASK} end`, ...Array<string>(3).fill(`out ${MASK}`), ''].join(
        '\n',
      ),
    )
    expect(result.stderr).toBe([...Array<string>(3).fill(`err ${MASK}`), ''].join('\n'))
    expect(result.stdout + result.stderr).not.toContain(TOKEN.slice(0, 9))
  })

  it('says once that a value shorter than 6 bytes is not masked', () => {
    const result = v.cli([
      'run',
      ...['--as', 'deploy', '--env', 'P=app-env.PIN', '--env', 'T=stripe-live', '--'],
      ...['sh', '-c', 'echo "$P"; echo "$P" >&2'],
    ])
    expectSuccess(result)
    expect(result.stdout).toBe('1234\n')
    const notes = result.stderr.split('\n').filter((line) => line.startsWith('safehold:'))
    expect(notes).toEqual([
      'safehold: one value is shorter than 6 bytes and not masked in the output.',
    ])
  })

  it('--no-masking passes the child’s bytes through unchanged', () => {
    const result = v.cli([
      'run',
      ...['--as', 'deploy', '--no-masking', '--env', 'T=stripe-live', '--'],
      ...node(`process.stdout.write(process.env.T + '\\u0000\\u00ff\\r\\n')`),
    ])
    expectSuccess(result)
    expect(result.stdout).toBe(`${TOKEN}\u0000\u00ff\r\n`)
  })

  it('records one use per run for the consumer, however many fields it took', () => {
    const before = usages('app-env').find((u) => u.consumer === 'billing-cron')?.count ?? 0
    for (let run = 0; run < 2; run++) {
      expectSuccess(
        v.cli([
          'run',
          ...['--as', 'billing-cron', '--env', 'A=app-env.DB_PASS', '--env', 'B=app-env.REGION'],
          ...['--', 'true'],
        ]),
      )
    }
    expect(usages('app-env').find((u) => u.consumer === 'billing-cron')?.count).toBe(before + 2)
  })

  it('takes a .env template with safehold:// references, literal values kept as written', () => {
    const file = join(v.scratch, 'template.env')
    writeFileSync(
      file,
      [
        'REGION=eu-central-1',
        'TOKEN=safehold://stripe-live',
        'DB=safehold://personal/app-env/DB_PASS',
        '',
      ].join('\n'),
    )
    const result = v.cli([
      'run',
      ...['--as', 'deploy', '--no-masking', '--env-file', file, '--'],
      ...['sh', '-c', 'printf "%s|%s|%s" "$REGION" "$TOKEN" "$DB"'],
    ])
    expectSuccess(result)
    expect(result.stdout).toBe(`eu-central-1|${TOKEN}|${DB_PASS}`)
  })

  it('refuses what it cannot do, naming the problem, and runs nothing', () => {
    const marker = join(v.scratch, 'ran')
    const attempt = (...args: string[]) =>
      v.cli(['run', '--as', 'deploy', ...args, '--', 'sh', '-c', `touch ${marker}`])
    expectCliError(attempt('--env', '1X=stripe-live'), 'INVALID_INPUT', /--env number 1/)
    expectCliError(attempt('--env', 'X=no-such-secret'), 'NOT_FOUND')
    expectCliError(
      attempt('--env', 'X=stripe-live', '--env', 'X=app-env.DB_PASS'),
      'INVALID_INPUT',
      /given more than once/,
    )
    expectCliError(attempt(), 'INVALID_INPUT', /Say which values/)
    expect(() => statSync(marker)).toThrow()
    expectCliError(
      v.cli(['run', '--as', 'deploy', '--env', 'X=stripe-live', '--', 'no-such-command-x']),
      'INVALID_INPUT',
      /not found/,
    )
  })

  it('forwards a signal sent to it to the child, once', async () => {
    const child = spawn(
      NODE,
      [
        CLI_PATH,
        ...['--vault', v.vault, 'run', '--as', 'deploy', '--env', 'T=stripe-live', '--'],
        ...node(
          `let n = 0; for (const s of ['SIGINT', 'SIGUSR1']) process.on(s, () => { n++; console.log(s) });
           console.log('ready'); setTimeout(() => { console.log('count ' + n); process.exit(5) }, 1500)`,
        ),
      ],
      { env: { ...process.env, SAFEHOLD_STATE_DIR: v.stateDir, ...passphraseEnv() } },
    )
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (chunk.toString().includes('ready')) {
        child.kill('SIGINT')
        setTimeout(() => child.kill('SIGUSR1'), 200)
      }
    })
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(status).toBe(5)
    expect(out.split('\n').filter(Boolean)).toEqual(['ready', 'SIGINT', 'SIGUSR1', 'count 2'])
  })
})

const SCRIPT = ['/usr/bin/script', '/bin/script'].find((path) => existsSync(path))
if (!SCRIPT) console.warn('skipped the terminal Ctrl-C test: util-linux script(1) is not installed')

describe.skipIf(!SCRIPT)('safehold run in a terminal', () => {
  it('a Ctrl-C reaches the child once, not once from the terminal and once more from safehold', async () => {
    // script(1) runs the command on a new pseudo-terminal, whose Ctrl-C goes to the foreground
    // process group: safehold and its child alike. It runs it through $SHELL (else /bin/sh):
    // `exec` takes that shell out of the group, since dash, unlike bash, stays and dies of a
    // Ctrl-C itself.
    const command = [
      NODE,
      CLI_PATH,
      ...['--vault', v.vault, 'run', '--as', 'deploy', '--env', 'T=stripe-live', '--'],
      ...node(
        `let n = 0; process.on('SIGINT', () => { if (++n === 1) setTimeout(() => { console.log('count ' + n); process.exit(0) }, 700) });
         console.log('ready'); setTimeout(() => {}, 10000)`,
      ),
    ]
      .map((part) => `'${part.replace(/'/g, `'\\''`)}'`)
      .join(' ')
    const terminal = spawn(SCRIPT!, ['-qfec', `exec ${command}`, '/dev/null'], {
      env: { ...process.env, SAFEHOLD_STATE_DIR: v.stateDir, ...passphraseEnv() },
    })
    let out = ''
    terminal.stdout.on('data', (chunk: Buffer) => {
      const before = out
      out += chunk.toString()
      if (!before.includes('ready') && out.includes('ready')) terminal.stdin.write('\u0003')
    })
    const status = await new Promise<number | null>((resolve) => terminal.on('close', resolve))
    expect(status).toBe(0)
    expect(out).toMatch(/count 1\r?\n/)
  })
})

/** The key source cliVault uses, for a process the test starts itself. */
function passphraseEnv(): Record<string, string> {
  return process.env['SAFEHOLD_TEST_KEYCHAIN'] === '1'
    ? {}
    : { SAFEHOLD_PASSPHRASE: 'run: a passphrase long enough' }
}

describe('safehold inject', () => {
  it('fills every reference in a template, to stdout or to a new 0600 file', () => {
    const template = join(v.scratch, 'config.tmpl')
    writeFileSync(
      template,
      'url: https://api.example.com\ntoken: {{ safehold://stripe-live }}\ndb: {{safehold://app-env/DB_PASS}}\n',
    )
    const expected = `url: https://api.example.com\ntoken: ${TOKEN}\ndb: ${DB_PASS}\n`
    const printed = v.cli(['inject', '-i', template, '--as', 'deploy'])
    expectSuccess(printed)
    expect(printed.stdout).toBe(expected)

    const out = join(v.scratch, 'config.yml')
    expectSuccess(v.cli(['inject', '-i', template, '-o', out, '--as', 'deploy']))
    expect(readFileSync(out, 'utf8')).toBe(expected)
    expect(statSync(out).mode & 0o777).toBe(0o600)

    writeFileSync(out, 'kept', { mode: 0o644 })
    const before = usages('stripe-live').find((u) => u.consumer === 'deploy')!.count
    expectCliError(
      v.cli(['inject', '-i', template, '-o', out, '--as', 'deploy']),
      'CONFIRMATION_REQUIRED',
      /--force/,
    )
    expect(readFileSync(out, 'utf8')).toBe('kept')
    expect(usages('stripe-live').find((u) => u.consumer === 'deploy')!.count).toBe(before)
    expectSuccess(v.cli(['inject', '-i', template, '-o', out, '--force', '--as', 'deploy']))
    expect(readFileSync(out, 'utf8')).toBe(expected)
    expect(statSync(out).mode & 0o777).toBe(0o600)
  })

  it('refuses a malformed reference, naming which one', () => {
    const template = join(v.scratch, 'bad.tmpl')
    writeFileSync(template, 'a={{ safehold://stripe-live }}\nb={{ safehold://a/b/c/d }}\n')
    expectCliError(
      v.cli(['inject', '-i', template, '--as', 'deploy']),
      'INVALID_INPUT',
      /reference 2 of the template/,
    )
  })
})

describe('availability on every consumer path', () => {
  const paths = (consumer: string) => ({
    get: () => v.cli(['get', 'gh-actions', '--as', consumer]),
    run: () =>
      v.cli(['run', '--as', consumer, '--env', 'G=gh-actions', '--', 'sh', '-c', 'echo ran']),
    inject: () => {
      const template = join(v.scratch, 'spot.tmpl')
      writeFileSync(template, 'g={{ safehold://gh-actions }}\n')
      return v.cli(['inject', '-i', template, '--as', consumer])
    },
  })

  it('the named Spot gets a Spot-only secret on every path', () => {
    const spot = paths('spot:CodeCrafters')
    expect(spot.get().stdout).toBe(`${SPOT_TOKEN}\n`)
    expect(spot.run().stdout).toBe('ran\n')
    expect(spot.inject().stdout).toBe(`g=${SPOT_TOKEN}\n`)
  })

  it('any other consumer is refused on every path, and each refusal is in the audit log', () => {
    const before = auditOf('gh-actions', 'use-refused').length
    for (const [path, attempt] of Object.entries(paths('deploy-script'))) {
      const result = attempt()
      expectCliError(result, 'USE_DENIED', /available only to the Spot CodeCrafters/)
      expect(result.stderr, path).not.toContain(SPOT_TOKEN)
    }
    expectCliError(paths('spot:NeuralNinjas').get(), 'USE_DENIED')
    const refusals = auditOf('gh-actions', 'use-refused').slice(before)
    expect(refusals.map((entry) => entry.actor)).toEqual([
      'deploy-script',
      'deploy-script',
      'deploy-script',
      'spot:NeuralNinjas',
    ])
    expect(usages('gh-actions').map((u) => u.consumer)).toEqual(['spot:CodeCrafters'])
  })
})

describe('safehold audit', () => {
  it('lists every use and refusal with time, actor and action, and never a value', () => {
    const all = v.cli(['audit', '--json'])
    expectSuccess(all)
    const entries = JSON.parse(all.stdout) as { at: string; actor: string; action: string }[]
    expect(entries.some((e) => e.action === 'used' && e.actor === 'billing-cron')).toBe(true)
    expect(entries.some((e) => e.action === 'registered')).toBe(true)
    const text = v.cli(['audit'])
    expectSuccess(text)
    for (const value of [TOKEN, DB_PASS, SPOT_TOKEN])
      expect(all.stdout + text.stdout).not.toContain(value)
    const future = v.json<unknown[]>(['audit', '--since', '2999-01-01'])
    expect(future).toEqual([])
    expectCliError(v.cli(['audit', '--since', 'yesterday']), 'INVALID_INPUT', /--since/)
  })
})
