/**
 * What every e2e test stands on: a vault made by the real `safehold` command, the browser harness
 * serving the built renderer against it (DESIGN.md §6.2), and a recorder of every IPC call the
 * page makes. Each test names the values it types (`ipc.watch(value)`); when the test ends, the
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

  /**
   * Every IPC call goes through this route: the recorder forwards it to the harness, keeps the
   * request and the response body, and hands the response to the page unchanged. Recording at the
   * route, rather than from response events, keeps bodies a later navigation would discard.
   */
  async attach(page: Page): Promise<void> {
    await page.route(`**${IPC_PATH}**`, async (route) => {
      const request = route.request()
      const response = await route.fetch()
      const body = await response.text()
      this.exchanges.push({
        channel: new URL(request.url()).pathname.slice(IPC_PATH.length),
        request: request.postData() ?? '',
        status: response.status(),
        response: body,
      })
      await route.fulfill({ response, body })
    })
  }

  /**
   * A secret value the test types into the app or registers by other means: it must never come
   * back from main in any response. Returns it.
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
      const recorder = new IpcRecorder()
      await recorder.attach(page)
      await use(recorder)
      const { exchanges } = recorder
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
