/**
 * Tampering is always a clear integrity error, never silently wrong data (DESIGN.md §4). Over a
 * thousand seeded single-byte flips and truncations of vault.json, vault.snapshot and
 * vault.journal — in a vault whose journal holds many records, one just compacted, and one with
 * both — each either refuses to open with VAULT_TAMPERED or, for a vault.json change that does
 * not alter its meaning (whitespace), opens with exactly the original data. Replay a failing run
 * with VAULT_TAMPER_SEED=<seed printed below>.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryKeychain } from '../../src/main/keychain/keychain'
import { useSecret } from '../../src/main/usage/secret-use'
import { createVault, openVault, type KeySources } from '../../src/main/vault/vault-access'
import type { VaultState } from '../../src/main/vault/vault-state'
import { SafeholdError } from '../../src/shared/errors'
import {
  copyVault,
  createTestVault,
  keychainWith,
  listFiles,
  makeTempDir,
  randomInt,
  removeTempDirs,
  seededRandom,
  testSeed,
  TEST_PROFILE,
  type TestVault,
} from '../support/vault-fixtures'

const TARGETS = ['vault.json', 'vault.snapshot', 'vault.journal'] as const
const FLIPS_PER_FILE = 90
const TRUNCATIONS_PER_FILE = 30

interface Pristine {
  label: string
  dir: string
  sources: () => KeySources
  state: VaultState
}

/** 'refused', 'same-data', or what went wrong. */
type Outcome = string

let seed = 0
let scratch = ''
const pristine: Pristine[] = []

async function fill(vault: TestVault, prefix: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${i}`
    if (i % 3 === 2) {
      await vault.service.register({
        type: 'key-value',
        name,
        scope: { kind: 'personal' },
        pairs: [{ key: 'TOKEN', value: `kv-${name}` }],
      })
    } else {
      await vault.service.register({
        type: 'api-key',
        name,
        scope: { kind: 'personal' },
        fields: { headerName: 'X-Api-Key', value: `value-${name}` },
      })
    }
  }
  await useSecret(vault.store, vault.clock, {
    ref: { name: `${prefix}-0` },
    consumer: 'tamper-test',
  })
}

async function readAll(dir: string, sources: KeySources): Promise<VaultState> {
  const { store } = await openVault(dir, sources)
  return JSON.parse(JSON.stringify(store.state)) as VaultState
}

async function addPristine(label: string, vault: TestVault): Promise<void> {
  const sources = (): KeySources => ({
    keychain: keychainWith(vault.vaultId, vault.key),
    passphrase: null,
  })
  pristine.push({ label, dir: vault.dir, sources, state: await readAll(vault.dir, sources()) })
}

/**
 * Copies the live files of `source` (backups play no part in opening), damages one, and says what
 * opening the copy and reading everything did.
 */
async function tamperCase(
  source: Pristine,
  file: string,
  damage: (path: string) => void,
): Promise<Outcome> {
  const dir = join(scratch, 'case')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  for (const live of TARGETS) copyFileSync(join(source.dir, live), join(dir, live))
  damage(join(dir, file))
  try {
    const state = await readAll(dir, source.sources())
    if (isDeepStrictEqual(state, source.state)) {
      return file === 'vault.json' ? 'same-data' : `opened although ${file} was damaged`
    }
    return 'OPENED WITH DIFFERENT DATA'
  } catch (error) {
    if (error instanceof SafeholdError && error.code === 'VAULT_TAMPERED') return 'refused'
    return `threw ${error instanceof SafeholdError ? error.code : String(error)}`
  }
}

const flipAt =
  (position: number, mask: number) =>
  (path: string): void => {
    const bytes = readFileSync(path)
    bytes[position]! ^= mask
    writeFileSync(path, bytes)
  }

const truncateTo =
  (length: number) =>
  (path: string): void =>
    truncateSync(path, length)

beforeAll(async () => {
  seed = testSeed('VAULT_TAMPER_SEED')
  scratch = makeTempDir('tamper')

  const journalHeavy = await createTestVault(join(scratch, 'journal-heavy'))
  await fill(journalHeavy, 'heavy', 12)
  await addPristine('journal with 13 records', journalHeavy)

  const compacted = await createTestVault(join(scratch, 'compacted'))
  await fill(compacted, 'compacted', 6)
  await compacted.store.compact()
  await addPristine('just compacted', compacted)

  const mixed = await createTestVault(join(scratch, 'mixed'))
  await fill(mixed, 'before', 4)
  await mixed.service.deleteNow({ name: 'before-1' })
  await fill(mixed, 'after', 4)
  await addPristine('compacted, then 5 records', mixed)
})

afterAll(removeTempDirs)

describe('a damaged vault', () => {
  it('refuses to open with VAULT_TAMPERED after any single-byte flip or truncation', async () => {
    const random = seededRandom(seed)
    const tally = new Map<string, number>()
    const failures: string[] = []
    let cases = 0
    const record = (where: string, outcome: Outcome): void => {
      cases++
      const key = `${where.split(' ')[0]} ${outcome}`
      tally.set(key, (tally.get(key) ?? 0) + 1)
      if (outcome !== 'refused' && outcome !== 'same-data')
        failures.push(`seed ${seed} case ${cases}: ${where} → ${outcome}`)
    }

    for (const source of pristine) {
      for (const file of TARGETS) {
        const size = readFileSync(join(source.dir, file)).length
        for (let i = 0; i < FLIPS_PER_FILE; i++) {
          const position = randomInt(random, size)
          const mask = 1 + randomInt(random, 255)
          const where = `${file} flip@${position}^${mask} in "${source.label}"`
          record(where, await tamperCase(source, file, flipAt(position, mask)))
        }
        for (let i = 0; i < TRUNCATIONS_PER_FILE; i++) {
          const length = randomInt(random, size)
          const where = `${file} truncate→${length}/${size} in "${source.label}"`
          record(where, await tamperCase(source, file, truncateTo(length)))
        }
      }
      // Every byte of the journal's commit block and of the snapshot's prefix, not only by chance.
      for (let position = 0; position < 64; position++) {
        const where = `vault.journal commit-block flip@${position} in "${source.label}"`
        record(where, await tamperCase(source, 'vault.journal', flipAt(position, 0x01)))
      }
      for (let position = 0; position < 12; position++) {
        const where = `vault.snapshot prefix flip@${position} in "${source.label}"`
        record(where, await tamperCase(source, 'vault.snapshot', flipAt(position, 0x80)))
      }
    }

    const report = [...tally.entries()].sort().map(([key, n]) => `  ${key}: ${n}`)
    console.info(`tamper cases: ${cases} (seed ${seed})\n${report.join('\n')}`)
    expect(failures).toEqual([])
    expect(cases).toBeGreaterThanOrEqual(1000)
    for (const file of TARGETS) expect(tally.get(`${file} refused`) ?? 0).toBeGreaterThan(100)
  })

  it('opens with the original data when vault.json only changes in whitespace', async () => {
    const source = pristine[0]!
    const reindent = (path: string): void => {
      const text = readFileSync(path, 'utf8')
      writeFileSync(path, text.replace(/\n {2}"/g, '\n\t"').replace(/\n$/, '\r\n'))
    }
    expect(await tamperCase(source, 'vault.json', reindent)).toBe('same-data')
    // The same edit with one meaningful character changed is refused.
    const alsoChangeMeaning = (path: string): void => {
      reindent(path)
      const text = readFileSync(path, 'utf8')
      writeFileSync(path, text.replace('"keychain": true', '"keychain": false'))
    }
    expect(await tamperCase(source, 'vault.json', alsoChangeMeaning)).toBe('refused')
  })

  it('refuses a damaged passphrase header as tampering, not as a wrong passphrase', async () => {
    const random = seededRandom(seed ^ 0x5eed)
    const passphrase = 'correct horse battery staple'
    const dir = join(scratch, 'passphrase')
    await createVault(
      dir,
      { profile: TEST_PROFILE, passphrase, now: new Date('2030-01-01T00:00:00Z') },
      { keychain: memoryKeychain(), passphrase },
    )
    const sources = (): KeySources => ({ keychain: memoryKeychain(), passphrase })
    const source: Pristine = {
      label: 'passphrase',
      dir,
      sources,
      state: await readAll(dir, sources()),
    }
    const size = readFileSync(join(dir, 'vault.json')).length
    const outcomes: string[] = []
    for (let i = 0; i < 60; i++) {
      const position = randomInt(random, size)
      const mask = 1 + randomInt(random, 255)
      const outcome = await tamperCase(source, 'vault.json', flipAt(position, mask))
      if (outcome !== 'refused' && outcome !== 'same-data')
        outcomes.push(`seed ${seed} flip@${position}^${mask} → ${outcome}`)
    }
    expect(outcomes).toEqual([])
  })
})

describe('a damaged backup', () => {
  it('is refused on restore with VAULT_TAMPERED and the live vault stays as it was', async () => {
    const random = seededRandom(seed ^ 0xbac)
    const source = pristine[2]!
    const backupFiles = listFiles(source.dir).filter((f) => f.startsWith('backups/'))
    expect(backupFiles.length).toBeGreaterThanOrEqual(2)
    const failures: string[] = []
    let cases = 0
    for (const file of backupFiles) {
      const size = readFileSync(join(source.dir, file)).length
      for (let i = 0; i < 20; i++) {
        const truncate = i % 4 === 3
        const position = randomInt(random, size)
        const mask = 1 + randomInt(random, 255)
        const dir = join(scratch, 'backup-case')
        rmSync(dir, { recursive: true, force: true })
        copyVault(source.dir, dir)
        if (truncate) truncateSync(join(dir, file), position)
        else flipAt(position, mask)(join(dir, file))
        const where = `${file} ${truncate ? `truncate→${position}` : `flip@${position}^${mask}`}`
        const { store } = await openVault(dir, source.sources())
        const id = file.split('/')[1]!
        const outcome = await store.restoreBackup(id).then(
          () => 'restored',
          (error: unknown) =>
            error instanceof SafeholdError ? error.code : `threw ${String(error)}`,
        )
        cases++
        if (outcome !== 'VAULT_TAMPERED') failures.push(`seed ${seed}: ${where} → ${outcome}`)
        else if (!isDeepStrictEqual(await readAll(dir, source.sources()), source.state))
          failures.push(`seed ${seed}: ${where} → refused, but the live vault changed`)
      }
    }
    console.info(`backup tamper cases: ${cases} (seed ${seed})`)
    expect(failures).toEqual([])
  })
})
