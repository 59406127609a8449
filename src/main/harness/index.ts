/**
 * The browser harness (DESIGN.md §6.2; development and tests only, never packaged): the renderer
 * that `npm run build` made, served on 127.0.0.1 and wired to the real main-process services
 * through the same router (same handlers, same validation) as the Electron window. It prints one
 * line, the URL with its token, then one line `reminder: <title>` per reminder the lifecycle
 * engine (the app's own) shows, and runs until SIGTERM or SIGINT.
 *
 *   npm run harness -- --port PORT --vault DIR      (PORT 0: any free port)
 */
import { appendFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { isSafeholdError } from '../../shared/errors'
import { openAppServices } from '../app/app-services'
import { createIpcRouter } from '../ipc/ipc-router'
import { sameOriginAs } from '../ipc/ipc-sender'
import { osKeychain } from '../keychain/keychain'
import { systemClock } from '../lifecycle/clock'
import { recordingNotifier } from '../lifecycle/notifier'
import { memoryClipboard } from '../usage/clipboard'
import { startHarnessServer, type HarnessServerOptions } from './harness-server'

const USAGE = 'usage: npm run harness -- --port PORT --vault DIR'

class UsageError extends Error {}

function readOptions(): { port: number; vaultDir: string } {
  let values: { port?: string; vault?: string }
  try {
    ;({ values } = parseArgs({
      options: { port: { type: 'string' }, vault: { type: 'string' } },
      strict: true,
    }))
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}; ${USAGE}`)
  }
  const port = Number(values.port ?? '0')
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a port number from 0 to 65535; ${USAGE}`)
  }
  // No default folder: the harness creates a vault where it is pointed, so it must be told where.
  const vaultDir = values.vault ?? process.env['SAFEHOLD_VAULT_DIR']
  if (vaultDir === undefined || vaultDir === '')
    throw new UsageError(`name the vault folder; ${USAGE}`)
  return { port, vaultDir }
}

/**
 * SAFEHOLD_HARNESS_RECORD=FILE: every IPC answer, as sent, is appended to FILE as one JSON line
 * before it is sent, so a test can check all that reached the page. Answers carry no secret value
 * (that is what the tests check); requests, which may, are never written.
 */
function ipcRecording(file: string | undefined): Pick<HarnessServerOptions, 'onIpcAnswer'> {
  if (file === undefined || file === '') return {}
  return {
    onIpcAnswer: (answer) => appendFileSync(file, JSON.stringify(answer) + '\n', { mode: 0o600 }),
  }
}

async function main(): Promise<void> {
  const { port, vaultDir } = readOptions()
  const rendererDir = join(__dirname, '..', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new UsageError('out/renderer is missing; run "npm run build" first.')
  }
  const passphrase = process.env['SAFEHOLD_PASSPHRASE'] || null
  const services = await openAppServices({
    vaultDir,
    keychain: osKeychain(),
    passphrase,
    clock: systemClock,
    // The page has no OS clipboard to reach, and nothing exposes this one over HTTP.
    clipboard: memoryClipboard(),
    createIfMissing: true,
    // No OS notifications here: each reminder becomes a line a test can wait for.
    notifier: recordingNotifier((shown) => process.stdout.write(`reminder: ${shown.title}\n`)),
  })
  const server = await startHarnessServer({
    rendererDir,
    port,
    routerFor: (origin) => createIpcRouter(services, { isOwnPage: sameOriginAs(`${origin}/`) }),
    ...ipcRecording(process.env['SAFEHOLD_HARNESS_RECORD']),
  })
  const stop = (): void => {
    services.close()
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  process.stdout.write(`${server.url}\n`)
  // After the URL line, which tests read first.
  services.lifecycle.start()
}

main().catch((error: unknown) => {
  const message =
    isSafeholdError(error) || error instanceof UsageError
      ? error.message
      : `could not start: ${error instanceof Error ? error.message : String(error)}`
  process.stderr.write(`harness: ${message}\n`)
  process.exit(1)
})
