/**
 * Threat: a child of `safehold run` that prints without end, to a reader that reads slowly or not
 * at all. Masking puts safehold between the two; if it kept reading the child while its own output
 * could not be written, everything would pile up in its memory until the machine ran out. It
 * stops reading the child until its output has room: the child waits on its full pipe instead.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { beforeAll, expect, it } from 'vitest'
import { CLI_PATH } from '../support/cli'
import { cliVault, type CliVault } from '../support/cli-vault'

const MB = 1024 * 1024
const FLOOD_MB = 256
let v: CliVault

beforeAll(() => {
  v = cliVault('run-flood')
  v.registerApiKey('flood-token', 'flood-token-value-5e6f7a')
}, 60_000)

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024
}

it('holds little while nobody reads, and loses nothing once someone does', async () => {
  const child = spawn(
    process.execPath,
    [
      CLI_PATH,
      ...['--vault', v.vault, 'run', '--as', 'flood', '--env', 'T=flood-token', '--'],
      process.execPath,
      '-e',
      `const block = Buffer.alloc(${MB}, 'x\\n'); let left = ${FLOOD_MB};
       const more = () => { while (left > 0) { left--; if (!process.stdout.write(block)) return process.stdout.once('drain', more) } };
       more()`,
    ],
    {
      env: {
        ...process.env,
        SAFEHOLD_STATE_DIR: v.stateDir,
        ...(process.env['SAFEHOLD_TEST_KEYCHAIN'] === '1'
          ? {}
          : { SAFEHOLD_PASSPHRASE: 'run-flood: a passphrase long enough' }),
      },
    },
  )
  child.stdout.pause()
  // Long enough for the key, the child's start and, without backpressure, hundreds of MB.
  await sleep(4000)
  const held = residentMb(child.pid!)
  let bytes = 0
  child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length))
  child.stdout.resume()
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  expect(status).toBe(0)
  expect(bytes).toBe(FLOOD_MB * MB)
  expect(held).toBeLessThan(160)
}, 120_000)
