/**
 * Runs the built main process (out/main/index.js) under plain Node with the recording electron
 * stub, in a throwaway profile and passphrase vault, and reads back what it did. The app makes no
 * vault by itself, so the vault is made first with the built `safehold init`, unless the test asks
 * for none (the welcome screen). A run that does not end is killed by `stop()`, never left behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..', '..')
export const MAIN = join(ROOT, 'out', 'main', 'index.js')
export const CLI = join(ROOT, 'out', 'main', 'cli.js')
export const SHELL_PASSPHRASE = 'shell-test-passphrase'

/** `safehold init` with the shell's passphrase into `vaultDir`, as a user would have run it. */
export function initVault(vaultDir: string, passphrase = SHELL_PASSPHRASE): void {
  const init = spawnSync(process.execPath, [CLI, '--vault', vaultDir, 'init'], {
    env: { ...process.env, SAFEHOLD_PASSPHRASE: passphrase },
    encoding: 'utf8',
  })
  if (init.status !== 0) throw new Error(`safehold init failed: ${init.stderr}`)
}
const REGISTER = join(__dirname, 'register-stub.cjs')

/** One line of the stub's log (electron-stub.cjs `record`). */
export interface Fact {
  kind: string
  name?: string
  target?: string
  [key: string]: unknown
}

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

/** Fails the test loudly, never a silent skip: this tier needs the build. */
export function requireBuild(): void {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test builds it)`)
  }
}

export class ShellApp {
  readonly home: string
  readonly vaultDir: string
  private readonly logPath: string
  private readonly child: ChildProcess
  readonly exited: Promise<Exit>
  private nextId = 1
  stderr = ''

  constructor(
    options: {
      env?: Record<string, string>
      home?: string
      args?: string[]
      /** 'none': no vault is made first (the welcome screen). */
      vault?: 'passphrase' | 'none'
    } = {},
  ) {
    this.home = options.home ?? mkdtempSync(join(tmpdir(), 'safehold-shell-'))
    this.vaultDir = join(this.home, 'vault')
    if (options.vault !== 'none' && !existsSync(join(this.vaultDir, 'vault.json'))) {
      initVault(this.vaultDir)
    }
    this.logPath = join(this.home, `stub-${Date.now()}-${Math.random()}.log`)
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value
    }
    Object.assign(env, {
      HOME: this.home,
      XDG_CONFIG_HOME: join(this.home, 'config'),
      SAFEHOLD_VAULT_DIR: this.vaultDir,
      SAFEHOLD_PASSPHRASE: SHELL_PASSPHRASE,
      SAFEHOLD_STUB_LOG: this.logPath,
      ...options.env,
    })
    this.child = spawn(process.execPath, ['--require', REGISTER, MAIN, ...(options.args ?? [])], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString()
    })
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => resolve({ code, signal }))
    })
  }

  facts(): Fact[] {
    if (!existsSync(this.logPath)) return []
    return readFileSync(this.logPath, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Fact)
  }

  /** The app's emitted events and calls, as short words: `emit app before-quit`, `app.quit`. */
  story(): string[] {
    return this.facts().map((fact) =>
      fact.kind === 'emit' || fact.kind === 'prevented'
        ? `${fact.kind} ${fact.target} ${fact.name}`
        : fact.kind === 'call'
          ? `${fact.name}${fact['ignored'] === true ? ' (ignored)' : ''}`
          : fact.kind === 'window'
            ? `window ${String(fact['id'])} ${fact.name}`
            : fact.kind === 'tray' || fact.kind === 'power'
              ? `${fact.kind} ${fact.name}`
              : fact.kind,
    )
  }

  send(cmd: string, extra: Record<string, unknown> = {}): void {
    this.child.send({ cmd, ...extra })
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal)
  }

  async waitFor(what: string, test: (facts: Fact[]) => boolean, ms = 5000): Promise<Fact[]> {
    const deadline = Date.now() + ms
    for (;;) {
      const facts = this.facts()
      if (test(facts)) return facts
      const exit = await Promise.race([this.exited, sleep(20)])
      if (exit !== undefined && !test(this.facts())) {
        throw new Error(`exited (${JSON.stringify(exit)}) before ${what}:\n${this.report()}`)
      }
      if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms:\n${this.report()}`)
    }
  }

  /** Resolves when the window has loaded its page: the app is up and its IPC is registered. */
  async started(): Promise<void> {
    await this.waitFor('window', (facts) =>
      facts.some((f) => f.kind === 'window' && f.name === 'load'),
    )
  }

  /** Calls one IPC channel as a frame at `senderUrl` and returns the app's answer. */
  async invoke(channel: string, payload: unknown, senderUrl = 'app://safehold/'): Promise<unknown> {
    const id = this.nextId++
    this.send('invoke', { id, channel, payload, senderUrl })
    const facts = await this.waitFor(`an answer on ${channel}`, (all) =>
      all.some((f) => f.kind === 'invoke-result' && f['id'] === id),
    )
    return facts.find((f) => f.kind === 'invoke-result' && f['id'] === id)?.['result']
  }

  /** How the process ended, or null if it is still running after `ms`. */
  async exitWithin(ms: number): Promise<Exit | null> {
    return Promise.race([this.exited, sleep(ms).then(() => null)])
  }

  report(): string {
    return [...this.story().map((line) => `  ${line}`), this.stderr.trim()].join('\n')
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL')
      await this.exited
    }
  }

  cleanup(): void {
    rmSync(this.home, { recursive: true, force: true })
  }
}

function sleep(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms))
}

/**
 * `launch` for a test file: every app it started is stopped and its folders removed after each
 * test (register the returned `stopAll` with afterEach).
 */
export function shellApps(): {
  launch: (
    env?: Record<string, string>,
    home?: string,
    args?: string[],
    vault?: 'passphrase' | 'none',
  ) => ShellApp
  stopAll: () => Promise<void>
} {
  let apps: ShellApp[] = []
  return {
    launch: (env = {}, home, args = [], vault = 'passphrase') => {
      const app = new ShellApp(
        home === undefined ? { env, args, vault } : { env, home, args, vault },
      )
      apps.push(app)
      return app
    },
    stopAll: async () => {
      for (const app of apps) {
        await app.stop()
        app.cleanup()
      }
      apps = []
    },
  }
}
