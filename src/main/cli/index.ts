/**
 * The `safehold` command. Failures print one line on stderr (JSON with --json) and exit non-zero;
 * never a stack trace, never a value.
 */
import { isSafeholdError } from '../../shared/errors'
import { buildProgram } from './cli-program'

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json')
  if (argv.length <= 2) {
    // Plain `safehold` is a request for help, not a mistake.
    buildProgram().outputHelp()
    return
  }
  try {
    await buildProgram().parseAsync(argv)
  } catch (error) {
    if (isCommanderExit(error)) {
      process.exitCode = error.exitCode
      // Help and version were printed already; a usage mistake is reported below.
      if (error.exitCode === 0 || error.code === 'commander.help') return
    }
    const info = isSafeholdError(error)
      ? error.toInfo()
      : isCommanderExit(error)
        ? {
            code: 'INVALID_INPUT',
            message: error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' '),
          }
        : {
            code: 'IO_ERROR',
            message: error instanceof Error ? error.message.split('\n')[0]! : String(error),
          }
    process.stderr.write(
      json ? JSON.stringify({ error: info }) + '\n' : `safehold: ${info.message} [${info.code}]\n`,
    )
    process.exitCode = 1
  }
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

void main(process.argv)
