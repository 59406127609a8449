/**
 * Crash safety and cross-process writing (DESIGN.md §4 "Durability"), with real processes: a
 * writer SIGKILLed at random moments — while opening, appending or compacting — leaves a vault
 * that opens with every registration it acknowledged; two processes registering at once lose
 * nothing; a lock left by a killed holder does not block the next writer. The child is
 * test/support/vault-crash-child.ts. Replay a failing run with VAULT_CRASH_SEED=<printed seed>.
 */
import { cpSync, existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acquireLock, LOCK_FILE } from '../../src/main/vault/vault-lock'
import type { VaultState } from '../../src/main/vault/vault-state'
import { fileMarks } from '../../src/main/vault/rollback-mark'
import { VaultStore } from '../../src/main/vault/vault-store'
import { SecretsService } from '../../src/main/secrets/secrets-service'
import { bundleCrashChild, startChild, type RunningChild } from '../support/vault-child-process'
import { crashValueOf } from '../support/vault-crash-protocol'
import {
  createTestVault,
  fixedClock,
  listFiles,
  makeTempDir,
  randomInt,
  removeTempDirs,
  seededRandom,
  testSeed,
  type TestVault,
} from '../support/vault-fixtures'

const KILLS = 110
const CONCURRENT_REGISTRATIONS = 200

let bundle = ''
let scratch = ''

beforeAll(async () => {
  scratch = makeTempDir('crash')
  bundle = await bundleCrashChild(scratch)
})

afterAll(removeTempDirs)

function newVault(label: string): Promise<TestVault> {
  return createTestVault(join(scratch, label))
}

const vaultSettings = (vault: TestVault) => ({
  dir: vault.dir,
  vaultId: vault.vaultId,
  key: vault.key,
})

interface Acknowledged {
  registered: Set<string>
  /** Deletions that completed: these secrets must be gone. */
  deleted: Set<string>
  /** Deletions that started: these secrets may be gone, acknowledged or not. */
  deleting: Set<string>
}

const noneAcknowledged = (): Acknowledged => ({
  registered: new Set(),
  deleted: new Set(),
  deleting: new Set(),
})

/** Adds what the child's output says was made durable, or was being changed, when it ended. */
function collect(into: Acknowledged, lines: readonly string[]): void {
  const after = (prefix: string) =>
    lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length))
  after('ack ').forEach((name) => into.registered.add(name))
  after('deleted ').forEach((name) => into.deleted.add(name))
  after('compacting ').forEach((name) => into.deleting.add(name))
}

/**
 * Problems with `state` given what was acknowledged: an acknowledged registration missing, an
 * acknowledged deletion undone, or a secret no child could have written whole.
 */
function problems(state: VaultState, acks: Acknowledged): string[] {
  const found: string[] = []
  const byName = new Map(Object.values(state.secrets).map((s) => [s.name, s]))
  for (const name of acks.registered) {
    if (!acks.deleting.has(name) && !byName.has(name)) found.push(`acknowledged ${name} is missing`)
  }
  for (const name of acks.deleted) if (byName.has(name)) found.push(`deleted ${name} is back`)
  for (const [name, secret] of byName) {
    if (
      secret.values['value'] !== crashValueOf(name) ||
      secret.fields['headerName'] !== 'X-Crash-Test'
    )
      found.push(`${name} does not hold what was registered`)
  }
  return found
}

describe('a writer killed at random moments', () => {
  it(`leaves a vault that opens with every acknowledged registration (${KILLS} kills)`, async () => {
    const seed = testSeed('VAULT_CRASH_SEED')
    const random = seededRandom(seed)
    const vault = await newVault('killed')
    const acks = noneAcknowledged()
    const where = { 'before ready': 0, registering: 0, 'deleting/compacting': 0 }
    const failures: string[] = []
    let kills = 0

    const start = (round: number) =>
      startChild(bundle, {
        ...vaultSettings(vault),
        mode: 'register',
        prefix: `r${round}`,
        count: 100_000,
        deleteEvery: 2,
        awaitGo: true,
      })
    // Children start a few rounds ahead of their turn, so their slow start-up costs no time.
    const waiting: RunningChild[] = []
    let started = 0
    const startAhead = (): void => {
      while (waiting.length < 3 && started < KILLS) waiting.push(start(started++))
    }
    try {
      for (let round = 0; round < KILLS; round++) {
        startAhead()
        const child = waiting.shift()!
        await child.waitForLine((line) => line === 'loaded')
        child.go()
        // One kill in eight lands while the child opens the vault; the rest while it registers
        // and compacts.
        const early = random() < 0.125
        if (!early) await child.waitForLine((line) => line === 'ready')
        await sleep(early ? randomInt(random, 12) : randomInt(random, 120))
        child.kill()
        const end = await child.ended
        if (end.signal === 'SIGKILL') kills++
        else failures.push(`round ${round}: the child ended by itself (${end.code}): ${end.stderr}`)

        collect(acks, child.lines)
        const last = child.lines.at(-1) ?? ''
        if (!child.lines.includes('ready')) where['before ready']++
        else if (last.startsWith('compacting ')) where['deleting/compacting']++
        else where.registering++

        try {
          const reopened = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
          for (const problem of problems(reopened.state, acks))
            failures.push(`seed ${seed} round ${round}: ${problem}`)
        } catch (error) {
          failures.push(`seed ${seed} round ${round}: the vault does not open: ${String(error)}`)
        }
        if (failures.length > 0) break
      }
    } finally {
      for (const child of waiting) child.kill()
    }

    const store = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    const survivors = Object.values(store.state.secrets).map((secret) => secret.name)
    const leftovers = listFiles(vault.dir).filter((file) => /\.tmp-\d+$/.test(file))
    console.info(
      `crash test (seed ${seed}): ${kills} kills — ${Object.entries(where)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}; ${acks.registered.size} acknowledged registrations, ${acks.deleted.size} ` +
        `acknowledged deletions, ${survivors.length} secrets in the vault; ` +
        `${leftovers.length} temporaries of interrupted writes (${leftovers.join(', ')})`,
    )
    expect(failures).toEqual([])
    expect(kills).toBeGreaterThanOrEqual(100)
    // The kills really hit both kinds of write, not only idle moments.
    expect(where['deleting/compacting']).toBeGreaterThan(5)
    expect(where.registering).toBeGreaterThan(10)
    expect(acks.registered.size).toBeGreaterThan(KILLS / 4)

    // The next deletion leaves nothing of the interrupted writes: its ciphertext must not linger.
    await new SecretsService(store, fixedClock(), 'test').deleteNow({ name: survivors[0]! })
    expect(listFiles(vault.dir).filter((file) => /\.tmp-\d+$/.test(file))).toEqual([])
  })

  it('leaves every listed backup restorable', async () => {
    const vault = await newVault('killed-backups')
    const children = Array.from({ length: 10 }, (_, round) =>
      startChild(bundle, {
        ...vaultSettings(vault),
        mode: 'register',
        prefix: `b${round}`,
        count: 100_000,
        deleteEvery: 1,
        awaitGo: true,
      }),
    )
    // Each child opens the vault as the one before it was killed mid-compaction left it.
    for (const [round, child] of children.entries()) {
      await child.waitForLine((line) => line === 'loaded')
      child.go()
      await child.waitForLine((line) => line.startsWith('compacting '))
      await sleep(round * 4)
      child.kill()
      await child.ended
    }
    const store = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    const backups = store.listBackups()
    expect(backups.length).toBeGreaterThan(0)
    const unrestorable: string[] = []
    for (const backup of backups) {
      const copy = join(scratch, `restore-${backup.id}`)
      cpSync(vault.dir, copy, { recursive: true })
      // Each copy restores on its own: as far as rollback goes, a machine of its own.
      const marks = fileMarks(join(scratch, `marks-${backup.id}`))
      const copied = await VaultStore.open(copy, vault.vaultId, vault.key, { marks })
      await copied.restoreBackup(backup.id).catch((error: unknown) => {
        unrestorable.push(`${backup.id}: ${String(error)}`)
      })
    }
    expect(unrestorable).toEqual([])
  })

  it('a deletion purges the temporaries that crashed writes left', async () => {
    const vault = await newVault('leftovers')
    await vault.service.register({
      type: 'api-key',
      name: 'soon-deleted',
      scope: { kind: 'personal' },
      fields: { headerName: 'X-Crash-Test', value: crashValueOf('soon-deleted') },
    })
    await vault.store.compact()
    // What a writer killed between writing and renaming leaves: a full sealed snapshot, here one
    // that holds the secret about to be deleted, under the name of a process that no longer runs.
    const leftover = join(vault.dir, 'vault.snapshot.tmp-999999')
    cpSync(join(vault.dir, 'vault.snapshot'), leftover)
    cpSync(join(vault.dir, 'vault.journal'), join(vault.dir, 'vault.journal.tmp-999998'))
    await vault.service.deleteNow({ name: 'soon-deleted' })
    expect(listFiles(vault.dir).filter((file) => file.includes('.tmp-'))).toEqual([])
    const { state } = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(Object.keys(state.secrets)).toEqual([])
  })
})

describe('two processes writing at once', () => {
  it(`both keep all ${CONCURRENT_REGISTRATIONS} registrations, across each other's compactions`, async () => {
    const vault = await newVault('concurrent')
    const children = ['alpha', 'bravo'].map((prefix) =>
      startChild(bundle, {
        ...vaultSettings(vault),
        mode: 'register',
        prefix,
        count: CONCURRENT_REGISTRATIONS,
        deleteEvery: 25,
        pauseMs: 2,
      }),
    )
    const ends = await Promise.all(children.map((child) => child.ended))
    expect(ends.map((end) => [end.code, end.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ])

    const acks = noneAcknowledged()
    for (const child of children) {
      expect(child.lines.at(-1)).toBe('done')
      collect(acks, child.lines)
    }
    const { state } = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(problems(state, acks)).toEqual([])
    const names = Object.values(state.secrets).map((s) => s.name)
    expect(names.filter((n) => /^alpha-\d+$/.test(n))).toHaveLength(CONCURRENT_REGISTRATIONS)
    expect(names.filter((n) => /^bravo-\d+$/.test(n))).toHaveLength(CONCURRENT_REGISTRATIONS)
    expect(names).toHaveLength(2 * CONCURRENT_REGISTRATIONS)

    // They really wrote at once: the audit trail switches between the two writers many times.
    const writers = state.audit
      .filter((entry) => entry.action === 'registered')
      .map((entry) => entry.secretName!.split('-')[0])
    const switches = writers.filter((w, i) => i > 0 && w !== writers[i - 1]).length
    console.info(`two writers: ${writers.length} registrations, ${switches} switches of writer`)
    expect(switches).toBeGreaterThan(20)
  })
})

describe('the lock of a killed holder', () => {
  it('does not block the next writer: its pid is dead, so it is broken at once', async () => {
    const vault = await newVault('stale-lock')
    const holder = startChild(bundle, { ...vaultSettings(vault), mode: 'hold-lock' })
    await holder.waitForLine((line) => line === 'locked')
    const lockPath = join(vault.dir, LOCK_FILE)

    // While the holder lives, nobody else gets the lock.
    await expect(acquireLock(vault.dir, 300)).rejects.toMatchObject({ code: 'VAULT_BUSY' })

    holder.kill()
    await holder.ended
    const owner = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number }
    expect(owner.pid).toBe(holder.pid)

    // Well inside the 30 s after which any lock counts as stale, and the 20 s a writer waits.
    const lock = await acquireLock(vault.dir, 5_000)
    lock.release()
    await vault.service.register({
      type: 'api-key',
      name: 'after-stale-lock',
      scope: { kind: 'personal' },
      fields: { headerName: 'X-Crash-Test', value: crashValueOf('after-stale-lock') },
    })
    expect(existsSync(lockPath)).toBe(false)
    const { state } = await VaultStore.open(vault.dir, vault.vaultId, vault.key)
    expect(Object.values(state.secrets).map((s) => s.name)).toEqual(['after-stale-lock'])
  })

  it('an empty lock file, left by a holder killed before naming itself, is broken too', async () => {
    const vault = await newVault('empty-lock')
    const lockPath = join(vault.dir, LOCK_FILE)
    writeFileSync(lockPath, '', { mode: 0o600 })
    const fiveSecondsAgo = new Date(Date.now() - 5_000)
    utimesSync(lockPath, fiveSecondsAgo, fiveSecondsAgo)
    const lock = await acquireLock(vault.dir, 5_000)
    lock.release()
    expect(existsSync(lockPath)).toBe(false)
  })
})
