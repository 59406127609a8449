/**
 * The `safehold` process: runs the command over the real stdin, stdout and stderr. A reader that
 * goes away (`safehold list | head -1`) ends the output quietly: the command finishes with its
 * usual status and nothing, least of all a stack trace, is printed about the closed pipe.
 */
import type { CliIo, CliOutput } from './cli-io'
import { runCli } from './run-cli'

function quietOnClosedPipe(stream: NodeJS.WriteStream): CliOutput {
  let closed = false
  /** Writers waiting for room; a stream that closes meanwhile will have none, so they go on. */
  let waiting: (() => void)[] = []
  const release = (): void => {
    const ready = waiting
    waiting = []
    for (const then of ready) then()
  }
  stream.on('drain', release)
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // Anything but a closed pipe is a real failure, and must not pass unnoticed.
    if (error.code !== 'EPIPE') process.exitCode = 1
    closed = true
    release()
  })
  return {
    write: (text) => (closed ? true : stream.write(text)),
    drained: (then) => {
      if (closed) then()
      else waiting.push(then)
    },
  }
}

const io: CliIo = {
  stdout: quietOnClosedPipe(process.stdout),
  stderr: quietOnClosedPipe(process.stderr),
  stdin: () => process.stdin,
  env: process.env,
}

void runCli(process.argv, io).then((status) => {
  if (status !== 0) process.exitCode = status
})
