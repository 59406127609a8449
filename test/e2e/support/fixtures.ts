/**
 * What every e2e test stands on: a vault made by the real `safehold` command, the browser harness
 * serving the built renderer against it (DESIGN.md §6.2), and a record of every IPC exchange of
 * the test. The harness writes each answer, as sent, to a file before sending it
 * (SAFEHOLD_HARNESS_RECORD); the page's requests are read as they leave it. Each test names the
 * secret values it types or seeds (`ipc.watch(value)`); when it ends, the test fails if any of them
 * came back in any answer main sent to the renderer (DESIGN.md §1.3), and the answers are saved as
 * the test's artifact.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'
import { runCli, type CliResult } from '../../support/cli-process'
import { faketimeEnv, startHarness, type RunningHarness } from '../../support/harness'

export { expect }

export const PASSPHRASE = 'e2e passphrase, not a secret value'
/**
 * Where the keychain tier is on (npm test's private gnome-keyring), a vault keeps its key there
 * unless its test needs a passphrase: each of the many `safehold` processes a test runs then opens
 * it with a keychain read instead of a key derivation (scrypt, about half a second of CPU).
 */
const KEYCHAIN = process.env['SAFEHOLD_TEST_KEYCHAIN'] === '1'
const IPC_PATH = '/__safehold/ipc/'

/** An answer the harness sent to the page, as the harness recorded it. */
export interface IpcAnswer {
  channel: string
  status: number
  body: string
}

/** A call the page made and got an answer to: its channel and JSON body. */
export interface IpcCall {
  channel: string
  body: string
}

/** The harnesses open in this worker: a test's answers are what they record while it runs. */
const openVaults = new Set<E2eVault>()

export class IpcRecorder {
  readonly calls: IpcCall[] = []
  readonly values = new Set<string>()
  private readonly from = new Map<E2eVault, number>()

  constructor(page: Page) {
    for (const vault of openVaults) this.from.set(vault, vault.recordSize())
    // Calls the page got its answer to; one cut short by a navigation never counted.
    page.on('requestfinished', (request) => {
      const url = new URL(request.url())
      if (!url.pathname.startsWith(IPC_PATH)) return
      this.calls.push({
        channel: decodeURIComponent(url.pathname.slice(IPC_PATH.length)),
        body: request.postData() ?? '',
      })
    })
  }

  /** Every answer the harnesses sent since this test began. */
  answers(): IpcAnswer[] {
    return [...this.from].flatMap(([vault, offset]) => vault.answersSince(offset))
  }

  /** The answers, once there is one for every call the page got answered (none still pending). */
  async settled(timeoutMs = 10_000): Promise<IpcAnswer[]> {
    const until = Date.now() + timeoutMs
    let answers = this.answers()
    while (answers.length < this.calls.length && Date.now() < until) {
      await new Promise((done) => setTimeout(done, 50))
      answers = this.answers()
    }
    return answers
  }

  /**
   * A secret value the test types into the app or registers by other means: it must never come
   * back from main in any answer. Returns it.
   */
  watch(value: string): string {
    this.values.add(value)
    return value
  }
}

/** A value and the forms it takes inside a JSON body. */
function forms(value: string): string[] {
  return [...new Set([value, JSON.stringify(value).slice(1, -1)])]
}

export const test = base.extend<{ ipc: IpcRecorder }>({
  ipc: [
    async ({ page }, use, testInfo) => {
      const recorder = new IpcRecorder(page)
      await use(recorder)
      const answers = await recorder.settled()
      const log = testInfo.outputPath('ipc-answers.json')
      writeFileSync(log, JSON.stringify(answers, null, 2))
      await testInfo.attach('ipc-answers', { path: log, contentType: 'application/json' })
      // files:parse-kv answers with the pairs of the file the page sent in that same call, parsed
      // in main before anything is registered; it reads no vault, so it can give back nothing else.
      const fromVault = answers.filter((a) => a.channel !== 'files:parse-kv')
      for (const value of recorder.values) {
        for (const form of forms(value)) {
          const leaks = fromVault.filter((a) => a.body.includes(form)).map((a) => a.channel)
          expect(leaks, `a secret value came back from main on ${leaks.join(', ')}`).toEqual([])
        }
      }
    },
    { auto: true },
  ],
})

export interface VaultOptions {
  workspaces?: string[]
  role?: 'account-holder' | 'account-manager' | 'member'
  user?: string
  /**
   * Runs against the new vault before the role changes and the harness starts; `at(offset)` is
   * the same command run that far from the real clock ('-14d'), to make secrets "earlier".
   */
  seed?: (
    cli: (...args: string[]) => CliResult,
    at: (offset: string) => (...args: string[]) => CliResult,
  ) => void
  /** Starts the harness this far from the real clock ('+45d'), as if that much time had passed. */
  faketime?: string
  /** The vault's key is under PASSPHRASE (always so where no keychain answers). */
  passphrase?: boolean
  /** A passphrase vault whose harness starts without it: the window opens on the unlock screen. */
  locked?: boolean
  /** The harness locks the vault after this many idle seconds instead of its minutes. */
  idleLockSeconds?: number
  /**
   * No vault at all: nothing is made, and the harness (--no-vault) shows the welcome screen; the
   * vault is what the test creates there, in `dir`.
   */
  firstRun?: boolean
  /** What the harness's folder picker answers (--pick-folder), to open or to scan; else cancelled. */
  pickFolder?: string
}

export interface E2eVault {
  dir: string
  harness: RunningHarness
  /** How much the harness has recorded so far (bytes of its record file). */
  recordSize(): number
  /** The answers the harness recorded after `offset`. */
  answersSince(offset: number): IpcAnswer[]
  /** `safehold --vault DIR ...args`, with the vault's passphrase where it has one. */
  cli(...args: string[]): CliResult
  cliJson<T>(...args: string[]): T
  stop(): Promise<void>
}

/** A new vault (Account Holder "Ada Admin" of "Acme" unless told otherwise) and its harness. */
export async function openVault(options: VaultOptions = {}): Promise<E2eVault> {
  const root = mkdtempSync(join(tmpdir(), 'safehold-e2e-'))
  const dir = join(root, 'vault')
  // A first run's vault is keyed as its test chooses in the window: the command is given the
  // passphrase in case it was that.
  const passphrase =
    !KEYCHAIN || options.passphrase === true || options.locked === true || options.firstRun === true
  const cliAt =
    (offset: string | undefined) =>
    (...args: string[]): CliResult =>
      runCli(args, {
        vault: dir,
        env: {
          SAFEHOLD_PASSPHRASE: passphrase ? PASSPHRASE : undefined,
          ...(offset === undefined ? {} : faketimeEnv(offset)),
        },
      })
  const mustAt =
    (offset: string | undefined) =>
    (...args: string[]): CliResult => {
      const result = cliAt(offset)(...args)
      if (result.code !== 0) throw new Error(`safehold ${args.join(' ')} failed: ${result.stderr}`)
      return result
    }
  const cli = cliAt(undefined)
  const must = mustAt(undefined)
  if (options.firstRun !== true) {
    must('init', '--org', 'Acme', '--user', options.user ?? 'Ada Admin')
    for (const workspace of options.workspaces ?? []) must('workspace', 'add', workspace)
    options.seed?.(must, mustAt)
    if (options.role && options.role !== 'account-holder') {
      must('profile', '--role', options.role, '--confirm', 'DEMOTE')
    }
  }
  const record = join(root, 'ipc-answers.jsonl')
  const harness = await startHarness({
    vaultDir: dir,
    recordFile: record,
    ...(options.locked === true || options.firstRun === true || !passphrase
      ? {}
      : { passphrase: PASSPHRASE }),
    ...(options.firstRun === true ? { noVault: true } : {}),
    ...(options.pickFolder === undefined ? {} : { pickFolder: options.pickFolder }),
    ...(options.idleLockSeconds === undefined ? {} : { idleLockSeconds: options.idleLockSeconds }),
    ...(options.faketime === undefined ? {} : { faketime: options.faketime }),
  })
  const vault: E2eVault = {
    dir,
    harness,
    recordSize: () => (existsSync(record) ? statSync(record).size : 0),
    answersSince: (offset) =>
      existsSync(record)
        ? readFileSync(record)
            .subarray(offset)
            .toString('utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as IpcAnswer)
        : [],
    cli,
    cliJson: <T>(...args: string[]) => JSON.parse(must(...args, '--json').stdout) as T,
    async stop() {
      openVaults.delete(vault)
      await harness.stop()
      rmSync(root, { recursive: true, force: true })
    },
  }
  openVaults.add(vault)
  return vault
}

/** A full-page screenshot kept as the test's artifact, and under test-results/screens/. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  await testInfo.attach(name, { path, contentType: 'image/png' })
  const gallery = join(testInfo.project.outputDir, 'screens')
  mkdirSync(gallery, { recursive: true })
  copyFileSync(path, join(gallery, `${name}.png`))
}
