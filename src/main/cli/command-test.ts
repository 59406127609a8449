/**
 * `safehold test NAME [--url URL] [--ca FILE] [--timeout SECONDS]` (DESIGN §6.1): a connection
 * test, recorded as a use by "connection-test". It prints what the server answered in plain words
 * (with --json, the whole result) and exits non-zero when the test failed; it never prints a
 * value, a header or a token.
 */
import { SafeholdError } from '../../shared/errors'
import { CA_FILE_LIMIT } from '../usage/connection-target'
import {
  checkTestRequest,
  DEFAULT_TIMEOUT_MS,
  probeConnection,
  takeForTest,
  TEST_CONSUMER,
  type ConnectionTestResult,
} from '../usage/connection-test'
import { lifetimeText } from '../usage/connection-probes'
import { statusText } from '../usage/connection-words'
import { readInputFile, type CliContext } from './cli-context'
import { printJson, printTable } from './cli-output'

interface TestOptions {
  url?: string
  ca?: string
  scope?: string
  timeout?: string
}

const TIMEOUT_SECONDS = { min: 0.1, max: 120 }

function timeoutMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_MS
  const seconds = /^\d{1,3}(\.\d{1,3})?$/.test(text) ? Number(text) : Number.NaN
  if (!(seconds >= TIMEOUT_SECONDS.min && seconds <= TIMEOUT_SECONDS.max)) {
    throw new SafeholdError(
      'INVALID_INPUT',
      `--timeout takes seconds, from ${TIMEOUT_SECONDS.min} to ${TIMEOUT_SECONDS.max} (default ${DEFAULT_TIMEOUT_MS / 1000}).`,
      'timeout',
    )
  }
  return Math.round(seconds * 1000)
}

function detailRows(result: ConnectionTestResult): string[][] {
  const rows = [['Target', result.target]]
  if (result.httpStatus !== null) rows.push(['HTTP status', statusText(result.httpStatus)])
  if (result.token !== null) {
    const { type, expiresInSeconds, authMethod } = result.token
    rows.push(['Token', `type ${type}, ${lifetimeText(expiresInSeconds)} (not shown)`])
    rows.push(['Client authentication', authMethod])
  }
  if (result.server !== null) {
    const { subject, issuer, notAfter, protocol } = result.server
    rows.push(['Server certificate', subject || '(no subject)'])
    rows.push(['Issued by', issuer || '(no issuer)'])
    if (notAfter !== '') rows.push(['Valid until', notAfter])
    if (protocol !== '') rows.push(['TLS version', protocol])
  }
  return rows
}

export async function test(
  context: CliContext,
  args: string[],
  options: TestOptions,
): Promise<void> {
  const name = args[0]!
  const limit = timeoutMs(options.timeout)
  const ca =
    options.ca === undefined ? undefined : readInputFile(options.ca, '--ca', CA_FILE_LIMIT).data
  const checked = checkTestRequest(
    { url: options.url, ca },
    { url: '--url', ca: 'the file given to --ca' },
  )
  const { store, clock } = await context.servicesFor(name)
  const ref = { name, ...(options.scope === undefined ? {} : { scope: options.scope }) }
  const ready = await takeForTest(store, clock, ref, checked)
  if (ready.reactivated)
    context.err.write(`"${ready.secretName}" was used again; its deletion was cancelled.\n`)
  const result = await probeConnection(ready, { timeoutMs: limit })
  if (context.json) {
    printJson({ secret: ready.secretName, consumer: TEST_CONSUMER, ...result }, context.out)
    if (!result.works) context.exitWith(1)
    return
  }
  if (!result.works) throw new SafeholdError('CONNECTION_FAILED', result.message)
  context.out.write(`${result.message}\n`)
  printTable(detailRows(result), context.out)
}
