/**
 * A separate process for the crash and concurrency tests (test/integration/vault-crash.test.ts),
 * which bundles this file with rolldown and runs it with plain `node`. It prints one line per
 * durable event, written synchronously to the stdout pipe, so whatever the parent has read when it
 * kills this process was acknowledged before the kill:
 *   loaded · ready · ack NAME (registered) · compacting NAME (delete starts) · deleted NAME · locked · done
 * With VAULT_CHILD_AWAIT_GO=1 it loads, then waits for a line on stdin before opening the vault.
 * The raw vault key arrives in the environment; only tests do this.
 */
import { systemClock } from '../../src/main/lifecycle/clock'
import { SecretsService } from '../../src/main/secrets/secrets-service'
import { acquireLock } from '../../src/main/vault/vault-lock'
import { VaultStore } from '../../src/main/vault/vault-store'
import { crashValueOf } from './vault-crash-protocol'

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}

const say = (line: string): void => {
  process.stdout.write(`${line}\n`)
}

/** Resolves at the first line on stdin: the parent says when to start, after our slow start-up. */
function goSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.on('data', () => resolve())
    process.stdin.on('end', () => resolve())
  })
}

async function registerLoop(dir: string): Promise<void> {
  if (process.env['VAULT_CHILD_AWAIT_GO'] === '1') {
    say('loaded')
    await goSignal()
  }
  const store = await VaultStore.open(
    dir,
    env('VAULT_CHILD_ID'),
    Buffer.from(env('VAULT_CHILD_KEY'), 'base64'),
  )
  const service = new SecretsService(store, systemClock, 'test')
  const prefix = env('VAULT_CHILD_PREFIX')
  const count = Number(env('VAULT_CHILD_COUNT'))
  const deleteEvery = Number(env('VAULT_CHILD_DELETE_EVERY'))
  const pauseMs = Number(env('VAULT_CHILD_PAUSE_MS'))
  const register = (name: string) =>
    service.register({
      type: 'api-key',
      name,
      scope: { kind: 'personal' },
      fields: { headerName: 'X-Crash-Test', value: crashValueOf(name) },
    })
  say('ready')
  for (let i = 0; i < count; i++) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * pauseMs))
    const name = `${prefix}-${i}`
    await register(name)
    say(`ack ${name}`)
    if (deleteEvery > 0 && i % deleteEvery === deleteEvery - 1) {
      // Deleting rewrites the snapshot at once: a compaction on every such step.
      const doomed = `${prefix}-tmp-${i}`
      await register(doomed)
      say(`ack ${doomed}`)
      say(`compacting ${doomed}`)
      await service.deleteNow({ name: doomed })
      say(`deleted ${doomed}`)
    }
  }
  say('done')
}

async function holdLock(dir: string): Promise<void> {
  await acquireLock(dir)
  say('locked')
  // Hold it until killed.
  setInterval(() => undefined, 60_000)
}

const dir = env('VAULT_CHILD_DIR')
const work = env('VAULT_CHILD_MODE') === 'hold-lock' ? holdLock(dir) : registerLoop(dir)
work.catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
})
