/**
 * What every e2e test stands on: a vault made by the real `safehold` command, the browser harness
 * serving the built renderer against it (DESIGN.md §6.2), and a recorder of every IPC call the
 * page makes. Each test names the values it types (`ipc.typed(value)`); when the test ends, the
 * recorder fails it if any of those values came back in any response main sent to the renderer
 * (DESIGN.md §1.3), and saves the responses as the test's artifact.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'
import { runCli, type CliResult } from '../../support/cli-process'
import { startHarness, type RunningHarness } from '../../support/harness'

export { expect }

export const PASSPHRASE = 'e2e passphrase, not a secret value'
const IPC_PATH = '/__safehold/ipc/'

export interface IpcExchange {
  channel: string
  request: string
  status: number
  response: string
}

export class IpcRecorder {
  readonly exchanges: IpcExchange[] = []
  readonly values = new Set<string>()
  private readonly pending: Promise<void>[] = []

  constructor(page: Page) {
    page.on('response', (response) => {
      const url = new URL(response.url())
      if (!url.pathname.startsWith(IPC_PATH)) return
      const request = response.request()
      this.pending.push(
        response.text().then(
          (body) => {
            this.exchanges.push({
              channel: url.pathname.slice(IPC_PATH.length),
              request: request.postData() ?? '',
              status: response.status(),
              response: body,
            })
          },
          // A page closed before the body arrived: the response never reached the renderer.
          () => undefined,
        ),
      )
    })
  }

  /** A value the test types into the app; it must never come back from main. Returns it. */
  typed(value: string): string {
    this.values.add(value)
    return value
  }

  async settled(): Promise<IpcExchange[]> {
    await Promise.all(this.pending)
    return this.exchanges
  }

  responses(channel: string): string[] {
    return this.exchanges.filter((e) => e.channel === channel).map((e) => e.response)
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
      const exchanges = await recorder.settled()
      const log = testInfo.outputPath('ipc-responses.json')
      writeFileSync(
        log,
        JSON.stringify(
          exchanges.map(({ channel, status, response }) => ({ channel, status, response })),
          null,
          2,
        ),
      )
      await testInfo.attach('ipc-responses', { path: log, contentType: 'application/json' })
      for (const value of recorder.values) {
        for (const form of forms(value)) {
          const leaks = exchanges.filter((e) => e.response.includes(form)).map((e) => e.channel)
          expect(leaks, `a typed value came back from main on ${leaks.join(', ')}`).toEqual([])
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
  /** Runs against the new vault before the role changes and the harness starts. */
  seed?: (cli: (...args: string[]) => CliResult) => void
}

export interface E2eVault {
  dir: string
  harness: RunningHarness
  /** `safehold --vault DIR ...args` with the vault's passphrase. */
  cli(...args: string[]): CliResult
  cliJson<T>(...args: string[]): T
  stop(): Promise<void>
}

/** A new vault (Account Holder "Ada Admin" of "Acme" unless told otherwise) and its harness. */
export async function openVault(options: VaultOptions = {}): Promise<E2eVault> {
  const root = mkdtempSync(join(tmpdir(), 'safehold-e2e-'))
  const dir = join(root, 'vault')
  const cli = (...args: string[]): CliResult =>
    runCli(args, { vault: dir, env: { SAFEHOLD_PASSPHRASE: PASSPHRASE } })
  const must = (...args: string[]): CliResult => {
    const result = cli(...args)
    if (result.code !== 0) throw new Error(`safehold ${args.join(' ')} failed: ${result.stderr}`)
    return result
  }
  must('init', '--org', 'Acme', '--user', options.user ?? 'Ada Admin')
  for (const workspace of options.workspaces ?? []) must('workspace', 'add', workspace)
  options.seed?.(must)
  if (options.role && options.role !== 'account-holder') {
    must('profile', '--role', options.role, '--confirm', 'DEMOTE')
  }
  const harness = await startHarness({ vaultDir: dir, passphrase: PASSPHRASE })
  return {
    dir,
    harness,
    cli,
    cliJson: <T>(...args: string[]) => JSON.parse(must(...args, '--json').stdout) as T,
    async stop() {
      await harness.stop()
      rmSync(root, { recursive: true, force: true })
    },
  }
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
