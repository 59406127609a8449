/**
 * The lifecycle as the `safehold` command shows it (DESIGN §2, §6.1): `upcoming` is every pending
 * deletion and expiry soonest first, `notifications` the centre newest first, `list`/`show` give
 * status and deletesAt for the instant the command runs, and a deletion within 15 days is said in
 * one line on stderr, so stdout stays what a script parses. Runs in-process on a clock moved by
 * the test; the built command under faketime is in cli-lifecycle-deletion.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { openVault } from '../../src/main/vault/vault-access'
import type { NotificationRecord } from '../../src/main/vault/vault-state'
import type { SecretDetails, SecretSummary } from '../../src/shared/secret-view'
import { initInProcess, runCliInProcess } from '../support/cli-in-process'
import type { CliResult } from '../support/cli-process'
import { fixedClock, makeTempDir, removeTempDirs } from '../support/vault-fixtures'

const DAY = 86_400_000
const T0 = Date.parse('2030-01-15T09:00:00.000Z')
const at = (days: number): string => new Date(T0 + days * DAY).toISOString()

const keychain = memoryKeychain()
const clock = fixedClock(at(0))
let vault = ''

async function cli(args: string[], input?: string): Promise<CliResult> {
  return runCliInProcess(args, {
    vault,
    keychain,
    clock,
    ...(input === undefined ? {} : { input }),
  })
}

async function ok(args: string[], input?: string): Promise<CliResult> {
  const result = await cli(args, input)
  expect(result, `safehold ${args.join(' ')} failed: ${result.stderr}`).toMatchObject({ code: 0 })
  return result
}

async function json<T>(args: string[]): Promise<{ value: T; stderr: string }> {
  const result = await ok([...args, '--json'])
  return { value: JSON.parse(result.stdout) as T, stderr: result.stderr }
}

const register = (name: string, extra: string[] = []): Promise<CliResult> =>
  ok(
    [
      'register',
      ...['--type', 'api-key', '--name', name, '--scope', 'personal', ...extra],
      ...['--field', 'headerName=Authorization', '--secret-stdin', 'value'],
    ],
    `${name}-VALUE-never-printed`,
  )

/** The vault at day 0..20 of a story every test reads from its own instant. */
beforeAll(async () => {
  vault = makeTempDir('cli-lifecycle')
  await initInProcess(vault, keychain)
  clock.set(at(0))
  await register('alpha') // never used: inactive at day 30, deleted at day 60
  await register('beta', ['--expires', '2030-03-01']) // expires at the end of day 45
  clock.set(at(20))
  await register('gamma')
  const scheduled = await ok(['delete', 'gamma', '--schedule', '--confirm', 'DELETE'])
  expect(scheduled.stdout).toBe('"gamma" is scheduled for deletion on 2030-03-06 (in 30 days).\n')
  await register('delta')
  await ok(['get', 'delta', '--as', 'deploy-script'])
  await ok(['get', 'beta', '--as', 'deploy-script']) // active again until day 50
})
afterAll(removeTempDirs)

describe('safehold upcoming', () => {
  it('gives every pending deletion and expiry, soonest first, as JSON', async () => {
    clock.set(at(40))
    const { value } = await json<unknown[]>(['upcoming'])
    expect(value).toEqual([
      { secret: 'beta', scope: 'personal', event: 'expiry', at: '2030-03-01T23:59:59.999Z' },
      { secret: 'gamma', scope: 'personal', event: 'deletion', at: at(50) },
      { secret: 'alpha', scope: 'personal', event: 'deletion', at: at(60) },
    ])
  })

  it('prints the timeline grouped, each with its date and distance', async () => {
    clock.set(at(44))
    const { stdout } = await ok(['upcoming'])
    expect(stdout).toBe(
      [
        'Next 7 days',
        '  2030-03-01  in 1 day    Expiry    beta   personal',
        '  2030-03-06  in 6 days   Deletion  gamma  personal',
        'Next 30 days',
        '  2030-03-16  in 16 days  Deletion  alpha  personal',
        '',
      ].join('\n'),
    )
  })

  it('keeps a passed expiry as overdue', async () => {
    clock.set(at(47))
    const { stdout } = await ok(['upcoming'])
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      'Overdue',
      '  2030-03-01  2 days ago  Expiry    beta   personal',
    ])
    expect(stdout).toContain('Next 7 days\n  2030-03-06  in 3 days')
  })

  it('says in one line that nothing is pending', async () => {
    const empty = makeTempDir('cli-lifecycle-empty')
    await initInProcess(empty, keychain)
    const run = (args: string[]): Promise<CliResult> =>
      runCliInProcess(args, { vault: empty, keychain, clock })
    expect((await run(['upcoming'])).stdout).toBe(
      'The vault holds no secrets, so nothing is pending.\n',
    )
    expect((await run(['upcoming', '--json'])).stdout).toBe('[]\n')
    clock.set(at(0))
    const reg = await runCliInProcess(
      ['register', '--type', 'api-key', '--name', 'fresh', '--scope', 'personal'].concat([
        '--field',
        'headerName=X',
        '--secret-stdin',
        'value',
      ]),
      { vault: empty, keychain, clock, input: 'fresh-value' },
    )
    expect(reg.code).toBe(0)
    expect((await run(['upcoming'])).stdout).toBe(
      'Nothing pending: no secret is due for deletion, and none has an expiry date.\n',
    )
  })
})

describe('list and show at the instant they run', () => {
  it('report status and deletesAt as they are now', async () => {
    clock.set(at(29))
    let list = (await json<SecretSummary[]>(['list'])).value
    const of = (name: string): SecretSummary => list.find((s) => s.name === name)!
    expect(of('alpha')).toMatchObject({ status: 'active', deletesAt: null })
    clock.set(at(30))
    list = (await json<SecretSummary[]>(['list'])).value
    expect(of('alpha')).toMatchObject({ status: 'inactive', deletesAt: at(60) })
    expect(of('gamma')).toMatchObject({ status: 'scheduled-for-deletion', deletesAt: at(50) })
    expect(of('delta')).toMatchObject({ status: 'active', deletesAt: null })
    clock.set(at(46))
    list = (await json<SecretSummary[]>(['list'])).value
    expect(of('beta')).toMatchObject({ status: 'expired', deletesAt: null })
    const { value: shown } = await json<SecretDetails>(['show', 'alpha'])
    expect(shown).toMatchObject({ status: 'inactive', deletesAt: at(60) })
  })

  it('print the deletion date, and how far it is, for people', async () => {
    clock.set(at(40))
    const { stdout: shown } = await ok(['show', 'gamma'])
    expect(shown).toMatch(/^Status +Scheduled for deletion$/m)
    expect(shown).toMatch(/^Deletes at +2030-03-06 \(in 10 days\)$/m)
    expect((await ok(['show', 'delta'])).stdout).toMatch(/^Deletes at +—$/m)
    const { stdout: listed } = await ok(['list'])
    const lines = listed.split('\n')
    expect(lines[0]).toMatch(/STATUS +DELETES$/)
    expect(lines.find((l) => l.startsWith('gamma '))).toMatch(/Scheduled for deletion +2030-03-06$/)
    expect(lines.find((l) => l.startsWith('delta '))).toMatch(/Active$/)
  })
})

describe('the warning of a deletion within 15 days', () => {
  it('names the one secret on stderr and leaves the JSON on stdout whole', async () => {
    clock.set(at(37)) // gamma in 13 days, alpha in 23
    const listed = await json<SecretSummary[]>(['list'])
    expect(listed.value).toHaveLength(4)
    expect(listed.stderr).toBe(
      'warning: "gamma" will be deleted on 2030-03-06 (in 13 days) unless it is used or its deletion is cancelled.\n',
    )
    const shown = await json<SecretDetails>(['show', 'gamma'])
    expect(shown.value.name).toBe('gamma')
    expect(shown.stderr).toBe(listed.stderr)
    const human = await ok(['show', 'gamma'])
    expect(human.stdout).not.toContain('warning')
    expect(human.stderr).toBe(listed.stderr)
  })

  it('is not given for a deletion further away, or for a secret with none', async () => {
    clock.set(at(34)) // gamma in 16 days
    expect((await ok(['list'])).stderr).toBe('')
    expect((await ok(['show', 'alpha'])).stderr).toBe('')
    expect((await ok(['show', 'delta'])).stderr).toBe('')
  })

  it('is one summary line when a list holds several', async () => {
    clock.set(at(47)) // gamma in 3 days, alpha in 13
    const { stderr, value } = await json<SecretSummary[]>(['list'])
    expect(value).toHaveLength(4)
    expect(stderr).toBe(
      'warning: 2 secrets will be deleted within 15 days; see "safehold upcoming".\n',
    )
    const { stderr: one } = await json<SecretSummary[]>(['list', '--status', 'inactive'])
    expect(one).toMatch(/^warning: "alpha" will be deleted on 2030-03-16 \(in 13 days\)/)
  })

  it('is given by an edit that leaves a deletion scheduled, not by one that reactivates', async () => {
    clock.set(at(45))
    const edited = await ok(['edit', 'gamma', '--field', 'headerName=X-Gamma'])
    expect(edited.stderr).toBe(
      'warning: "gamma" will be deleted on 2030-03-06 (in 5 days) unless it is used or its deletion is cancelled.\n',
    )
    // alpha, inactive, is due in 15 days: the edit is activity, so nothing is near any more.
    expect((await ok(['show', 'alpha'])).stderr).toMatch(/^warning: "alpha" will be deleted/)
    const reactivated = await ok(['edit', 'alpha', '--field', 'headerName=X-Alpha'])
    expect(reactivated.stderr).toBe('')
  })

  it('gives way, for get, to the line that the use cancelled the deletion', async () => {
    clock.set(at(48))
    const got = await ok(['get', 'gamma', '--as', 'deploy-script'])
    expect(got.stdout).toBe('gamma-VALUE-never-printed\n')
    expect(got.stderr).toBe('"gamma" was used again; its deletion was cancelled.\n')
    expect((await json<SecretDetails>(['show', 'gamma'])).value).toMatchObject({
      status: 'active',
      deletesAt: null,
    })
  })

  it('never quotes a value', async () => {
    clock.set(at(55))
    for (const args of [['list'], ['show', 'alpha'], ['upcoming'], ['notifications']]) {
      const result = await ok(args)
      expect(result.stdout + result.stderr).not.toContain('VALUE-never-printed')
    }
  })
})

describe('safehold notifications', () => {
  it('says so in one line when there are none', async () => {
    const empty = makeTempDir('cli-notifications-empty')
    await initInProcess(empty, keychain)
    const run = (args: string[]): Promise<CliResult> =>
      runCliInProcess(args, { vault: empty, keychain, clock })
    expect((await run(['notifications'])).stdout).toBe(
      'No notifications: no reminder has been sent yet.\n',
    )
    expect((await run(['notifications', '--json'])).stdout).toBe('[]\n')
  })

  it('lists every reminder newest first, marks none read, and --mark-read marks all', async () => {
    const dir = makeTempDir('cli-notifications')
    await initInProcess(dir, keychain)
    const opened = await openVault(dir, { keychain, passphrase: null })
    const record = (kind: NotificationRecord['kind'], sent: number, read = false) => ({
      id: `s1/${kind}/${at(60)}/${kind === 'deletion-reminder' ? 15 : 0}`,
      at: at(sent),
      secretId: 's1',
      secretName: 'stripe-live',
      scope: 'personal',
      kind,
      dueAt: at(60),
      offsetDays: kind === 'deletion-reminder' ? 15 : 0,
      read,
    })
    await opened.store.transact(() => ({
      ops: [
        { op: 'notification.add', notification: record('inactive', 30, true) },
        { op: 'notification.add', notification: record('deletion-reminder', 45) },
        { op: 'notification.add', notification: record('deleted', 60) },
      ],
      result: null,
    }))
    const run = (args: string[]): Promise<CliResult> =>
      runCliInProcess(args, { vault: dir, keychain, clock })
    const listed = JSON.parse((await run(['notifications', '--json'])).stdout) as object[]
    expect(listed).toEqual([
      expect.objectContaining({ kind: 'deleted', at: at(60), read: false }),
      expect.objectContaining({ kind: 'deletion-reminder', at: at(45), read: false }),
      expect.objectContaining({ kind: 'inactive', at: at(30), read: true }),
    ])
    expect(Object.keys(listed[0]!).sort()).toEqual(
      ['at', 'dueAt', 'id', 'kind', 'read', 'scope', 'secret', 'title'].sort(),
    )
    expect(listed[0]).toEqual({
      id: `s1/deleted/${at(60)}/0`,
      at: at(60),
      secret: 'stripe-live',
      scope: 'personal',
      kind: 'deleted',
      dueAt: at(60),
      read: false,
      title: '"stripe-live" was deleted',
    })
    const human = await run(['notifications'])
    expect(human.stdout).toBe(
      [
        '* 2030-03-16 09:00 UTC  "stripe-live" was deleted',
        '* 2030-03-01 09:00 UTC  "stripe-live" will be deleted in 15 days',
        '  2030-02-14 09:00 UTC  "stripe-live" is inactive',
        '2 unread, marked *.',
        '',
      ].join('\n'),
    )
    // Reading is not marking: the same list again.
    expect((await run(['notifications'])).stdout).toBe(human.stdout)
    expect((await run(['notifications', '--mark-read'])).stdout).toBe(human.stdout)
    const after = JSON.parse((await run(['notifications', '--json'])).stdout) as { read: boolean }[]
    expect(after.map((n) => n.read)).toEqual([true, true, true])
    expect((await run(['notifications'])).stdout).not.toContain('unread')
  })
})

describe('a deletion at its exact instant', () => {
  it('is carried out by the first command at or after it, not a millisecond before', async () => {
    const dir = makeTempDir('cli-lifecycle-instant')
    const instant = fixedClock(at(0))
    await initInProcess(dir, keychain)
    const run = (args: string[], input?: string): Promise<CliResult> =>
      runCliInProcess(args, { vault: dir, keychain, clock: instant, ...(input ? { input } : {}) })
    expect(
      (
        await run(
          ['register', '--type', 'api-key', '--name', 'unused', '--scope', 'personal'].concat([
            '--field',
            'headerName=X',
            '--secret-stdin',
            'value',
          ]),
          'unused-value',
        )
      ).code,
    ).toBe(0)
    instant.set(new Date(T0 + 60 * DAY - 1).toISOString())
    const before = await run(['list', '--json'])
    expect(JSON.parse(before.stdout)).toEqual([
      expect.objectContaining({ name: 'unused', status: 'inactive', deletesAt: at(60) }),
    ])
    expect(before.stderr).toBe(
      'warning: "unused" will be deleted on 2030-03-16 (today) unless it is used or its deletion is cancelled.\n',
    )
    instant.set(at(60))
    const after = await run(['list', '--json'])
    expect(JSON.parse(after.stdout)).toEqual([])
    expect(after.stderr).toBe(
      'warning: "unused" was deleted; its deletion was due on 2030-03-16.\n',
    )
    // Said once: the next command finds nothing left to do.
    expect((await run(['list'])).stderr).toBe('')
    const centre = JSON.parse((await run(['notifications', '--json'])).stdout) as object[]
    expect(centre).toEqual([
      expect.objectContaining({ secret: 'unused', kind: 'deleted', dueAt: at(60), at: at(60) }),
    ])
    expect((await run(['upcoming'])).stdout).toBe(
      'The vault holds no secrets, so nothing is pending.\n',
    )
  })
})
