/**
 * The browser harness (DESIGN.md §6.2; development and tests only, never packaged): the renderer
 * that `npm run build` made, served on 127.0.0.1 and wired to the real main-process services
 * through the same router (same handlers, same validation) as the Electron window. It prints one
 * line, the URL with its token, then one line `reminder: <title>` per reminder the lifecycle
 * engine (the app's own) shows, and one line `clipboard: written` or `clipboard: cleared` per
 * change of its in-memory clipboard (never what it holds), and runs until SIGTERM or SIGINT.
 *
 *   npm run harness -- --port PORT --vault DIR [--no-vault] [--pick-folder DIR]
 *                      [--idle-lock-seconds N]                                    (PORT 0: any)
 *
 * It opens the vault in DIR as the app does, through the same vault session: a passphrase vault
 * without SAFEHOLD_PASSPHRASE starts on the unlock screen. Where DIR holds no vault it makes one
 * (with SAFEHOLD_PASSPHRASE's passphrase, else the key in the OS keychain), unless --no-vault asks
 * for the first-run screen. The folder picker ("Open a vault folder…", "Scan a folder…") answers
 * with --pick-folder's folder, or is cancelled without it; the harness remembers the folder in
 * memory only. --idle-lock-seconds locks an idle vault after N seconds instead of the vault's
 * minutes, so tests need not wait.
 */
import { appendFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { isSafeholdError } from '../../shared/errors'
import { fixedFolderPicker } from '../app/session-ports'
import { VaultSession } from '../app/vault-session'
import { createIpcRouter } from '../ipc/ipc-router'
import { sameOriginAs } from '../ipc/ipc-sender'
import { workerKeychain } from '../keychain/keychain-worker'
import { systemClock } from '../lifecycle/clock'
import { recordingNotifier } from '../lifecycle/notifier'
import { reportingClipboard } from './harness-clipboard'
import { startHarnessServer, type HarnessServerOptions } from './harness-server'

const USAGE =
  'usage: npm run harness -- --port PORT --vault DIR [--no-vault] [--pick-folder DIR] [--idle-lock-seconds N]'
const MAX_IDLE_LOCK_SECONDS = 24 * 60 * 60

class UsageError extends Error {}

interface HarnessOptions {
  port: number
  vaultDir: string
  createIfMissing: boolean
  pickFolder: string | null
  idleLockMs: number | null
}

function readOptions(): HarnessOptions {
  let values: {
    port?: string
    vault?: string
    'no-vault'?: boolean
    'pick-folder'?: string
    'idle-lock-seconds'?: string
  }
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        vault: { type: 'string' },
        'no-vault': { type: 'boolean' },
        'pick-folder': { type: 'string' },
        'idle-lock-seconds': { type: 'string' },
      },
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
  const pickFolder = values['pick-folder'] ?? null
  if (pickFolder === '') throw new UsageError(`--pick-folder names no folder; ${USAGE}`)
  return {
    port,
    vaultDir,
    createIfMissing: values['no-vault'] !== true,
    pickFolder,
    idleLockMs: idleLockMs(values['idle-lock-seconds']),
  }
}

function idleLockMs(given: string | undefined): number | null {
  if (given === undefined) return null
  const seconds = Number(given)
  if (!/^\d+$/.test(given) || seconds < 1 || seconds > MAX_IDLE_LOCK_SECONDS) {
    throw new UsageError(
      `--idle-lock-seconds must be a whole number from 1 to ${MAX_IDLE_LOCK_SECONDS}; ${USAGE}`,
    )
  }
  return seconds * 1000
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
  const options = readOptions()
  const rendererDir = join(__dirname, '..', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new UsageError('out/renderer is missing; run "npm run build" first.')
  }
  const keychain = workerKeychain()
  // Reminder lines only after the URL line, which tests read first.
  let lines: string[] | null = []
  const print = (line: string): void => {
    if (lines === null) process.stdout.write(line)
    else lines.push(line)
  }
  const session = new VaultSession({
    vaultDir: options.vaultDir,
    clock: systemClock,
    keychain,
    keychainStatus: () => keychain.status(),
    folderPicker: fixedFolderPicker(options.pickFolder),
    // No OS notifications here: each reminder becomes a line a test can wait for.
    notifier: recordingNotifier((shown) => print(`reminder: ${shown.title}\n`)),
    // The page has no OS clipboard to reach, and nothing exposes this one over HTTP; tests see
    // only that it was written or cleared.
    services: { clipboard: reportingClipboard((event) => print(`clipboard: ${event}\n`)) },
    ...(options.idleLockMs === null ? {} : { idleLockMs: options.idleLockMs }),
    onError: (error) =>
      process.stderr.write(`harness: ${error instanceof Error ? error.name : 'error'}\n`),
  })
  const server = await startHarnessServer({
    rendererDir,
    port: options.port,
    routerFor: (origin) => createIpcRouter(session, { isOwnPage: sameOriginAs(`${origin}/`) }),
    ...ipcRecording(process.env['SAFEHOLD_HARNESS_RECORD']),
  })
  const stop = (): void => {
    void session.close().finally(() =>
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      ),
    )
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  await session.start({
    passphrase: process.env['SAFEHOLD_PASSPHRASE'] || null,
    createIfMissing: options.createIfMissing,
  })
  process.stdout.write(`${server.url}\n`)
  for (const line of lines) process.stdout.write(line)
  lines = null
}

main().catch((error: unknown) => {
  const message =
    isSafeholdError(error) || error instanceof UsageError
      ? error.message
      : `could not start: ${error instanceof Error ? error.message : String(error)}`
  process.stderr.write(`harness: ${message}\n`)
  process.exit(1)
})
