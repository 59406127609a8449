/**
 * The `safehold` command as a function of its argv and its io: it returns the exit status and
 * reports every failure as one line (`safehold: <message> [CODE]`, or one JSON object with
 * --json), never a stack trace, never a raw Node message, never a value the user gave.
 */
import { errnoOf, fromFsError, isSafeholdError, type ErrorInfo } from '../../shared/errors'
import { CONTROL_CHARACTER, isShowable } from '../../shared/name-text'
import type { CliIo } from './cli-io'
import { readQuickLine, type QuickLine } from './quick-line'

/** `argv` as process.argv has it: the node binary and the script first. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // Only Safehold's own options count: `run`'s command after "--" may take a --json of its own.
  const end = argv.indexOf('--')
  const json = (end === -1 ? argv : argv.slice(0, end)).includes('--json')
  try {
    const quick = readQuickLine(argv.slice(2))
    if (quick !== null) return await runQuick(quick, io)
    // Loaded only here: `get` and `run` are read without it (quick-line.ts).
    const { buildProgram } = await import('./cli-program')
    if (argv.length <= 2) {
      // Plain `safehold` is a request for help, not a mistake.
      buildProgram(io).outputHelp()
      return 0
    }
    const exit = { code: 0 }
    await buildProgram(io, exit).parseAsync(argv)
    return exit.code
  } catch (error) {
    // --help and --version were printed already.
    if (isCommanderExit(error) && error.exitCode === 0) return 0
    const info = describe(error)
    if (io.env['SAFEHOLD_DEBUG'] && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`)
    // The last line of defence: whatever a message holds, it reaches the terminal as one line.
    const message = info.message.replace(new RegExp(CONTROL_CHARACTER.source, 'gu'), ' ')
    io.stderr.write(
      json
        ? JSON.stringify({ error: { ...info, message } }) + '\n'
        : `safehold: ${message} [${info.code}]\n`,
    )
    return 1
  }
}

/** A line read by quick-line.ts, run as commander would run it (cli-program.ts's `run`). */
async function runQuick(line: QuickLine, io: CliIo): Promise<number> {
  const { CliContext } = await import('./cli-context')
  const context = new CliContext(line.options, io)
  if (line.command === 'get') {
    const { get } = await import('./command-get')
    await get(context, line.args, line.options)
  } else {
    const { run } = await import('./command-run')
    await run(context, line.args, line.options)
  }
  context.printNotices()
  return context.exitStatus ?? 0
}

function describe(error: unknown): ErrorInfo {
  if (isSafeholdError(error)) return error.toInfo()
  if (isCommanderExit(error)) return { code: 'INVALID_INPUT', message: usageMessage(error) }
  if (errnoOf(error) !== null)
    return fromFsError(error, 'a file or folder it was working with').toInfo()
  // A fault of Safehold itself: its message may quote anything, so only its kind is told.
  const kind = error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'error'
  return {
    code: 'IO_ERROR',
    message: `Safehold stopped on an unexpected ${kind}; nothing was changed by this step. Set SAFEHOLD_DEBUG=1 to see where.`,
  }
}

/**
 * Commander's own message, unless it quotes what the user typed in a form that cannot be shown:
 * each quoted piece that fails the name rule is replaced by its place.
 */
function usageMessage(error: { code: string; message: string }): string {
  // Commander shows help for a command line that names no command; one line says it instead.
  if (error.code === 'commander.help') return 'Name a command; "safehold --help" lists them.'
  const text = error.message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/'([^'\n]*)'/g, (whole, inner: string) => (isShowable(inner) ? whole : '(as given)'))
  if (CONTROL_CHARACTER.test(text) || text.length > 400)
    return 'The command line is not valid; "safehold --help" shows how to write it.'
  return text
}

function isCommanderExit(
  error: unknown,
): error is { exitCode: number; code: string; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    String(error.code).startsWith('commander.')
  )
}
