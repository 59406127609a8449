/**
 * A passphrase typed on the terminal, never echoed: the terminal is put in raw mode for the one
 * line and given back as it was, whatever happens. Ctrl-C and Ctrl-D on an empty line cancel;
 * Backspace and Ctrl-U edit; escape sequences (arrow keys) are ignored, not typed.
 */
import { SafeholdError } from '../../shared/errors'
import type { CliOutput } from './cli-io'

/** What a terminal's standard input offers (Node's tty.ReadStream). */
interface TerminalInput {
  setRawMode(mode: boolean): unknown
  setEncoding(encoding: 'utf8'): unknown
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown
  removeListener(event: 'data', listener: (chunk: string | Buffer) => void): unknown
  resume(): unknown
  pause(): unknown
}

/** A passphrase is typed or pasted: 4 KiB is far beyond any real one. */
const MAX_CHARACTERS = 4 * 1024

function isTerminal(input: unknown): input is TerminalInput {
  const candidate = input as Partial<TerminalInput> | null
  return (
    typeof candidate?.setRawMode === 'function' &&
    typeof candidate.on === 'function' &&
    typeof candidate.resume === 'function'
  )
}

export function cancelled(what: string): SafeholdError {
  return new SafeholdError('INVALID_INPUT', `Cancelled at the passphrase question; ${what}.`)
}

/** Asks `prompt` on `out` and reads one line from the terminal `input` without echo. */
export function askHidden(
  input: unknown,
  out: CliOutput,
  prompt: string,
  nothingDone: string,
): Promise<string> {
  if (!isTerminal(input)) {
    return Promise.reject(
      new SafeholdError('INVALID_INPUT', 'Standard input is not a terminal to ask on.'),
    )
  }
  return new Promise((resolve, reject) => {
    let typed: string[] = []
    let escape = false
    const finish = (error: SafeholdError | null): void => {
      input.removeListener('data', onData)
      input.setRawMode(false)
      input.pause()
      out.write('\n')
      if (error) reject(error)
      else resolve(typed.join(''))
      typed = []
    }
    const onData = (chunk: string | Buffer): void => {
      for (const char of String(chunk)) {
        if (escape) {
          // A CSI sequence ends with a letter or "~"; ESC with one other character is done too.
          if (/[A-Za-z~]/.test(char) || (char !== '[' && char !== 'O' && !/[0-9;]/.test(char)))
            escape = false
          continue
        }
        if (char === '\r' || char === '\n') return finish(null)
        if (char === '\u0003' || (char === '\u0004' && typed.length === 0))
          return finish(cancelled(nothingDone))
        if (char === '\u007f' || char === '\b') typed.pop()
        else if (char === '\u0015') typed = []
        else if (char === '\u001b') escape = true
        else if (!/\p{Cc}/u.test(char)) typed.push(char)
        if (typed.length > MAX_CHARACTERS)
          return finish(
            new SafeholdError('INVALID_INPUT', `The passphrase is too long; ${nothingDone}.`),
          )
      }
    }
    // Echo off before the question shows: what is typed as soon as it appears is never echoed.
    input.setRawMode(true)
    out.write(prompt)
    input.setEncoding('utf8')
    input.on('data', onData)
    input.resume()
  })
}
