import fc from 'fast-check'
import type { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { buildProgram } from '../../src/main/cli/cli-program'
import { memoryOutput } from '../../src/main/cli/cli-io'
import { readQuickLine } from '../../src/main/cli/quick-line'

// `get` and `run` lines are read without commander (quick-line.ts) only where commander would read
// them the same way: each line below, and thousands of random ones, go through both.

/** What commander hands get's or run's action for `argv`, or null when it refuses the line. */
async function commanderReads(
  argv: string[],
): Promise<{ command: string; args: string[]; options: Record<string, unknown> } | null> {
  const program = buildProgram({
    stdout: memoryOutput(),
    stderr: memoryOutput(),
    stdin: () => ({ async *[Symbol.asyncIterator]() {} }),
    env: {},
  })
  let read: { command: string; args: string[]; options: Record<string, unknown> } | null = null
  for (const command of program.commands) {
    command.action((...params: unknown[]) => {
      const self = params[params.length - 1] as Command
      read = { command: self.name(), args: self.args, options: { ...self.optsWithGlobals() } }
    })
  }
  try {
    await program.parseAsync(['node', 'safehold', ...argv])
  } catch {
    return null
  }
  return read
}

async function expectSameAsCommander(argv: string[]): Promise<boolean> {
  const quick = readQuickLine(argv)
  if (quick === null) return false
  const commander = await commanderReads(argv)
  expect(commander, argv.join(' ')).not.toBeNull()
  expect({ command: quick.command, args: quick.args, options: quick.options }).toEqual(commander)
  return true
}

describe('a quick line', () => {
  it.each([
    [['get', 'stripe-live', '--as', 'deploy']],
    [['--vault', '/tmp/v', 'get', '--as=deploy', 'stripe-live', '--field', 'value']],
    [['--json', '--passphrase-stdin', 'get', 'a.b', '--scope', 'workspace:Ops', '--as', 'x']],
    [['run', '--as', 'deploy', '--env', 'A=one', '--env', 'B=two.field', '--', 'sh', '-c', 'x']],
    [['run', '--as', 'deploy', '--env-file', '.env', '--no-masking', '--', 'true', '--json']],
    [['--vault=/tmp/v', 'run', '--as=ci', '--']],
  ])('reads %j as commander does', async (argv) => {
    expect(await expectSameAsCommander(argv)).toBe(true)
  })

  it.each([
    [['get', 'stripe-live']],
    [['get', 'stripe-live', '--as', '-x']],
    [['get', 'stripe-live', '--as', 'a', '--as', 'b']],
    [['get', 'a', 'b', '--as', 'x']],
    [['get', '--help']],
    [['get', 'x', '--as', 'y', '--json']],
    [['run', '--as', 'x', 'sh']],
    [['run', '--as', 'x', '--unknown', '--', 'sh']],
    [['list', '--json']],
    [[]],
  ])('leaves %j to commander', (argv) => {
    expect(readQuickLine(argv)).toBeNull()
  })

  it('agrees with commander on random lines of get and run', async () => {
    // Lines made of the pieces real ones are made of, some of them misplaced or doubled.
    const global = fc.constantFrom(['--json'], ['--passphrase-stdin'], ['--vault', '/tmp/v'])
    const piece = fc.constantFrom(
      ['name'],
      ['a.b'],
      ['--as', 'deploy'],
      ['--as=ci'],
      ['--as', '-x'],
      ['--field', 'value'],
      ['--scope', 'personal'],
      ['--env', 'A=b'],
      ['--env=B=c.d'],
      ['--env-file', '.env'],
      ['--no-masking'],
      ['--json'],
      ['--', 'sh', '-c', 'x'],
      ['--'],
      ['-x'],
    )
    const line = fc
      .tuple(
        fc.array(global, { maxLength: 2 }),
        fc.constantFrom('get', 'run'),
        fc.array(piece, { maxLength: 5 }),
      )
      .map(([globals, command, pieces]) => [...globals.flat(), command, ...pieces.flat()])
    let quick = 0
    await fc.assert(
      fc.asyncProperty(line, async (argv) => {
        if (await expectSameAsCommander(argv)) quick += 1
      }),
      { numRuns: 20_000 },
    )
    // The property is about lines read quickly: enough of them must have been.
    expect(quick).toBeGreaterThan(100)
  })
})
