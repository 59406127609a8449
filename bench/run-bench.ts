/**
 * The benchmarks of DESIGN.md §8, run by `npm run bench` (scripts/bench.mjs bundles this file and
 * starts it inside a private keyring session). It builds a 10,000-secret vault of mixed types in
 * a temp folder, measures each target beside a baseline from the same run, prints the table and
 * where the time goes, and writes bench/results/latest.json. It asserts nothing: targets are read,
 * not enforced.
 */
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { createRequire } from 'node:module'
import {
  KEYCHAIN_SERVICE,
  memoryKeychain,
  osKeychain,
  type Keychain,
} from '../src/main/keychain/keychain'
import { readField } from '../src/main/usage/secret-use'
import { resolveSecret } from '../src/main/secrets/secret-lookup'
import { openVault, type KeySources } from '../src/main/vault/vault-access'
import type { StoredSecret } from '../src/main/vault/vault-state'
import { readHeader } from '../src/main/vault/vault-header'
import { keychainAccount } from '../src/main/vault/vault-key'
import { formatTable, jsonRow, judge, mb, type Outcome, type Skipped } from './bench-report'
import { summarizeRuns } from './bench-summary'
import { benchBundle } from './bundle-bench'
import { benchCliFastPaths } from './cli-fast-paths-bench'
import { benchHeap, heapChild } from './heap-bench'
import { benchLifecycle } from './lifecycle-bench'
import { gcAvailable, round2 } from './measure'
import { benchOpen } from './open-bench'
import { benchRegister } from './register-bench'
import { benchRenderer } from './renderer-bench'
import { benchScan } from './scan-bench'
import { TARGET_NAME } from './sample-secrets'
import { buildBenchVault, type BenchVault } from './vault-fixture'

const TMPFS_MAGIC = 0x01021994
const FALLBACK_PASSPHRASE = 'bench-passphrase-not-secret'
/** The listing baseline of the renderer bench: the same page on a vault this small. */
const RENDERER_BASELINE_SECRETS = 100

/** A secret's main value as `get` prints it; a type without one gives its first field. */
function mainValue(secret: StoredSecret): string {
  try {
    return readField(secret, undefined)
  } catch {
    return Object.values(secret.values)[0] ?? ''
  }
}

const progress = (text: string): void => void process.stderr.write(`… ${text}\n`)

/** Whether the key really went to the Secret Service, not @napi-rs/keyring's kernel-keyring fallback. */
function inSecretService(vaultId: string): boolean {
  try {
    const { Entry } = createRequire(__filename)(
      '@napi-rs/keyring',
    ) as typeof import('@napi-rs/keyring')
    const entry = new Entry(KEYCHAIN_SERVICE, keychainAccount(vaultId), {
      linux: { store: 'secret-service' },
    })
    return entry.getPassword() !== null
  } catch {
    return false
  }
}

/** `--make-vault DIR`: only build the benchmark vault (and its plain JSON beside it), to profile by hand. */
async function makeVault(dir: string, keychain: string, count: number): Promise<void> {
  const vault = await buildBenchVault(dir, `${dir}.plain.json`, {
    keychain: keychain === 'os' ? osKeychain() : memoryKeychain(),
    passphrase: keychain === 'os' ? null : FALLBACK_PASSPHRASE,
    count,
    now: new Date(),
  })
  console.log(
    `${vault.dir}: ${count} secrets; try: node out/main/cli.js --vault ${vault.dir} get ${TARGET_NAME} --as bench`,
  )
  if (keychain !== 'os')
    console.log(`(passphrase vault: SAFEHOLD_PASSPHRASE=${FALLBACK_PASSPHRASE})`)
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      heap: { type: 'string' },
      keychain: { type: 'string', default: 'memory' },
      'keychain-note': { type: 'string' },
      cli: { type: 'string' },
      trace: { type: 'string' },
      results: { type: 'string' },
      secrets: { type: 'string', default: '10000' },
      'make-vault': { type: 'string' },
      summarize: { type: 'boolean' },
      /** Only the benchmarks whose name starts with this (e.g. `lifecycle`). */
      only: { type: 'string' },
    },
  })
  if (values.summarize) return summarizeRuns(positionals, values.results!)
  if (values.heap !== undefined) return heapChild(values.heap, positionals[0]!, values.keychain)
  if (values['make-vault'] !== undefined)
    return makeVault(values['make-vault'], values.keychain, Number(values.secrets))
  if (!values.cli || !values.trace || !values.results)
    throw new Error('--cli, --trace and --results are required')

  const started = performance.now()
  const count = Number(values.secrets)
  const os = values.keychain === 'os'
  const notes: string[] = []
  if (values['keychain-note']) notes.push(values['keychain-note'])
  if (!gcAvailable())
    notes.push('run without --expose-gc: no GC between samples, heap figures include garbage')
  const [load] = loadavg()
  if (load! > cpus().length) {
    notes.push(
      `load average ${load!.toFixed(1)} on ${cpus().length} CPUs when the run started: other processes competed for the CPU, so read the ratios (both sides shared the load) rather than absolute times`,
    )
  }
  const work = mkdtempSync(join(tmpdir(), 'safehold-bench-'))
  if (statfsSync(work).type === TMPFS_MAGIC) {
    notes.push(
      `${tmpdir()} is a tmpfs: fsync costs nothing there, so the register figures flatter both sides`,
    )
  }
  const keychain: Keychain = os ? osKeychain() : memoryKeychain('memory keychain')
  const sources: KeySources = { keychain, passphrase: null }
  const now = new Date()
  const vaults: { dir: string; keychainAccount?: string }[] = []
  try {
    progress(`building a ${count}-secret vault`)
    const vault = await buildBenchVault(join(work, 'vault'), join(work, 'plain-state.json'), {
      keychain,
      passphrase: null,
      count,
      now,
    })
    const vaultId = readHeader(vault.dir).vaultId
    vaults.push({ dir: vault.dir, keychainAccount: keychainAccount(vaultId) })
    let keyLabel = os ? keychain.label : 'memory keychain'
    if (os && process.platform === 'linux' && !inSecretService(vaultId)) {
      keyLabel = 'kernel keyring'
      notes.push(
        'osKeychain() put the key in the kernel keyring (@napi-rs/keyring falls back silently when no Secret Service answers), not in GNOME Keyring',
      )
    }

    // The CLI is another process: without an OS keychain it can only use a passphrase vault.
    let cliVault: BenchVault = vault
    let cliEnv: NodeJS.ProcessEnv = { ...process.env }
    let cliCaveat: string | undefined
    if (!os) {
      progress('building a passphrase copy for the CLI (no OS keychain)')
      cliVault = await buildBenchVault(join(work, 'vault-passphrase'), join(work, 'plain-2.json'), {
        keychain,
        passphrase: FALLBACK_PASSPHRASE,
        count,
        now,
      })
      vaults.push({ dir: cliVault.dir })
      cliEnv = { ...process.env, SAFEHOLD_PASSPHRASE: FALLBACK_PASSPHRASE }
      cliCaveat = 'passphrase vault: includes scrypt N=2^17, not the keychain path §8 names'
      notes.push(`safehold get: ${cliCaveat}`)
    }

    const { store } = await openVault(vault.dir, sources)
    const { state: cliState } = (
      await openVault(cliVault.dir, { keychain, passphrase: os ? null : FALLBACK_PASSPHRASE })
    ).store
    const benchmarks: [string, () => Promise<Outcome | Outcome[] | Skipped> | Outcome][] = [
      ['open', () => benchOpen(vault, sources, keyLabel, __filename)],
      ['lifecycle evaluation', () => benchLifecycle(store.state, now)],
      ['register', () => benchRegister(store, __filename)],
      [
        'safehold get, run and list (whole processes)',
        () => {
          const secrets = Object.values(cliState.secrets)
          const entries = secrets.map((secret) => ({
            name: secret.name,
            value: mainValue(secret),
          }))
          return benchCliFastPaths({
            cliPath: values.cli!,
            tracePath: values.trace!,
            vaultDir: cliVault.dir,
            expectedValue: readField(resolveSecret(cliState, { name: TARGET_NAME }), undefined),
            env: cliEnv,
            keyLabel: os ? keyLabel : 'passphrase',
            ...(cliCaveat === undefined ? {} : { caveat: cliCaveat }),
            entries,
            targetIndex: secrets.findIndex((secret) => secret.name === TARGET_NAME),
            secretCount: secrets.length,
            work,
          })
        },
      ],
      [
        'heap (fresh processes)',
        () =>
          benchHeap({
            bundlePath: __filename,
            vaultDir: cliVault.dir,
            plainPath: vault.plainPath,
            keychain: os ? 'os' : 'memory',
            env: cliEnv,
          }),
      ],
      [
        'leak scan (whole process)',
        () =>
          benchScan({
            cliPath: values.cli!,
            vaultDir: cliVault.dir,
            env: cliEnv,
            state: cliState,
            work,
          }),
      ],
      // What the window loads: out/ is two folders up from the CLI the build made.
      ['renderer bundle', () => benchBundle(join(dirname(values.cli!), '..', '..'))],
      // Last: the harness reads the same vault the CLI used (a passphrase copy without a keychain).
      [
        'renderer (Chromium, browser harness)',
        () =>
          benchRenderer({
            harnessPath: join(dirname(values.cli!), 'harness.js'),
            vaultDir: cliVault.dir,
            // In os mode the register benchmark has added its secrets to this vault by now.
            count: Object.keys((os ? store.state : cliState).secrets).length,
            passphrase: os ? null : FALLBACK_PASSPHRASE,
            baselineVault: async () => {
              const small = await buildBenchVault(
                join(work, 'vault-renderer-baseline'),
                join(work, 'plain-renderer-baseline.json'),
                {
                  keychain,
                  passphrase: os ? null : FALLBACK_PASSPHRASE,
                  count: RENDERER_BASELINE_SECRETS,
                  now,
                },
              )
              vaults.push({
                dir: small.dir,
                keychainAccount: keychainAccount(readHeader(small.dir).vaultId),
              })
              return { dir: small.dir, count: RENDERER_BASELINE_SECRETS }
            },
          }),
      ],
    ]
    const outcomes: Outcome[] = []
    const failures: { benchmark: string; error: string }[] = []
    const skipped: { benchmark: string; reason: string }[] = []
    for (const [name, run] of benchmarks) {
      if (values.only !== undefined && !name.startsWith(values.only)) continue
      progress(name)
      try {
        const ran = await run()
        // Printed once, as a SKIPPED line under the table.
        if ('skipped' in ran) skipped.push({ benchmark: name, reason: ran.skipped })
        else outcomes.push(...(Array.isArray(ran) ? ran : [ran]))
      } catch (error) {
        failures.push({
          benchmark: name,
          error: error instanceof Error ? error.message : String(error),
        })
      }
    }

    const results = outcomes.map((o) => judge(o.row))
    const types = Object.entries(vault.mix.byType)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ')
    console.log(
      [
        '',
        `Safehold benchmarks (DESIGN.md §8): node ${process.version}, ${cpus().length} CPUs, key: ${keyLabel}`,
        `vault: ${count} secrets (${types}), ${vault.mix.auditEntries} audit entries; sealed snapshot ${mb(vault.snapshotBytes)} MB, plain JSON ${mb(vault.plainBytes)} MB; built in ${(vault.buildMs / 1000).toFixed(1)} s`,
        '',
        formatTable(results),
        ...failures.map((f) => `ERROR ${f.benchmark}: ${f.error}`),
        ...skipped.map((s) => `SKIPPED ${s.benchmark}: ${s.reason}`),
        ...outcomes.flatMap((o) => ['', ...o.details]),
        '',
        ...notes.map((note) => `note: ${note}`),
      ].join('\n'),
    )

    mkdirSync(dirname(values.results), { recursive: true })
    const report = {
      generatedAt: new Date().toISOString(),
      durationS: round2((performance.now() - started) / 1000),
      machine: {
        node: process.version,
        platform: process.platform,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        loadAverage: loadavg(),
      },
      keychain: { mode: os ? 'os' : 'memory', label: keyLabel },
      vault: {
        ...vault.mix,
        snapshotBytes: vault.snapshotBytes,
        plainBytes: vault.plainBytes,
        buildMs: round2(vault.buildMs),
      },
      rows: results.map((r, i) => ({ ...jsonRow(r), details: outcomes[i]!.extra })),
      failures,
      skipped,
      notes,
    }
    writeFileSync(values.results, JSON.stringify(report, null, 2) + '\n')
    console.log(`\nwritten to ${values.results}`)
    if (failures.length > 0) process.exitCode = 1
  } finally {
    for (const v of vaults) if (v.keychainAccount) keychain.delete(v.keychainAccount)
    rmSync(work, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 1
})
