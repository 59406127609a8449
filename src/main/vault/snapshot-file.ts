/**
 * The snapshot: the whole vault state of one generation, as sealed sections, so a reader that
 * wants one secret (`safehold get`) opens a small index and one chunk instead of every secret.
 *
 * Layout: "SHS2" ‖ generation (u64 BE) ‖ sections, each u32 BE length ‖ nonce ‖ ciphertext ‖ tag:
 *   0 meta   JSON { profile, workspaces, fingerprintKey, settings, nextDeletionAt, folded, chunks }
 *   1 index  one entry per secret: HMAC(name key, lower-case name)[0..8] ‖ chunk number (u32 BE)
 *   2 audit  JSON { audit, notifications } (a vault written before the notification centre:
 *            the audit array alone; its settings are the defaults)
 *   3…       chunks of up to CHUNK_SIZE secrets, JSON arrays
 * Each section's authenticated data names the generation and the section, so sections cannot be
 * swapped, dropped or moved between generations; the file must end exactly after the last chunk.
 * `folded` is the final commit of the journal this snapshot absorbed: after a crash mid-compaction,
 * that journal is the only one that may be found beside it.
 */
import { closeSync, fstatSync, readSync } from 'node:fs'
import {
  DEFAULT_SETTINGS,
  type NotificationRecord,
  type StoredSecret,
  type VaultSettings,
  type VaultState,
} from './vault-state'
import type { JournalCommit } from './journal-file'
import { deletionDueAt, instantsOf, previousPurgeAt } from '../lifecycle/secret-status'
import { associatedData, hmac, open, seal, tampered, type VaultKeys } from './vault-crypto'
import { openVaultFile, writeFileDurably } from './durable-files'

export const SNAPSHOT_FILE = 'vault.snapshot'
const MAGIC = Buffer.from('SHS2')
const PREFIX = MAGIC.length + 8
const CHUNK_SIZE = 256
const TAG_BYTES = 8
const INDEX_ENTRY_BYTES = TAG_BYTES + 4

/** The vault id, the vault key and its name-index subkey (which makes the index useless without it). */
export type SnapshotKeys = Pick<VaultKeys, 'vaultId' | 'key' | 'nameKey'>

export interface SnapshotContent {
  state: VaultState
  folded: JournalCommit | null
}

interface Meta {
  profile: VaultState['profile']
  workspaces: string[]
  fingerprintKey: string
  /** Absent in a vault written before settings existed. */
  settings?: VaultSettings
  /**
   * The earliest deletion (or purge of a previous value) due of any secret in this snapshot (epoch
   * ms; null: no secret), so a reader of one secret can tell whether one may be due without
   * reading the others.
   * Absent in a vault written before it existed: unknown, so possibly due.
   */
  nextDeletionAt?: number | null
  folded: { generation: string; length: number; count: number } | null
  chunks: number
}

export function nameTag(nameKey: Buffer, name: string): Buffer {
  return hmac(nameKey, name.toLowerCase()).subarray(0, TAG_BYTES)
}

const aad = (keys: SnapshotKeys, generation: bigint, section: string): Buffer =>
  associatedData(keys.vaultId, `snapshot/${generation}/${section}`, 0)

export function encodeSnapshot(
  keys: SnapshotKeys,
  generation: bigint,
  content: SnapshotContent,
): Buffer {
  const { state, folded } = content
  const secrets = Object.values(state.secrets)
  const chunks: StoredSecret[][] = []
  for (let i = 0; i < secrets.length; i += CHUNK_SIZE) chunks.push(secrets.slice(i, i + CHUNK_SIZE))
  const index = Buffer.alloc(secrets.length * INDEX_ENTRY_BYTES)
  secrets.forEach((secret, i) => {
    nameTag(keys.nameKey, secret.name).copy(index, i * INDEX_ENTRY_BYTES)
    index.writeUInt32BE(Math.floor(i / CHUNK_SIZE), i * INDEX_ENTRY_BYTES + TAG_BYTES)
  })
  const meta: Meta = {
    profile: state.profile,
    workspaces: state.workspaces,
    fingerprintKey: state.fingerprintKey,
    settings: state.settings,
    nextDeletionAt: earliestDeletion(secrets),
    folded: folded && { ...folded, generation: String(folded.generation) },
    chunks: chunks.length,
  }
  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8')
  const sections = [
    seal(keys.key, json(meta), aad(keys, generation, 'meta')),
    seal(keys.key, index, aad(keys, generation, 'index')),
    seal(
      keys.key,
      json({ audit: state.audit, notifications: state.notifications }),
      aad(keys, generation, 'audit'),
    ),
    ...chunks.map((chunk, i) => seal(keys.key, json(chunk), aad(keys, generation, `chunk/${i}`))),
  ]
  const prefix = Buffer.alloc(PREFIX)
  MAGIC.copy(prefix)
  prefix.writeBigUInt64BE(generation, MAGIC.length)
  const parts: Buffer[] = [prefix]
  for (const section of sections) {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(section.length)
    parts.push(length, section)
  }
  return Buffer.concat(parts)
}

/**
 * The earliest deletion due among `secrets` (epoch ms), or null for none. The purge of a previous
 * value counts as a deletion: the process that opens the vault carries out both.
 */
export function earliestDeletion(secrets: Iterable<StoredSecret>): number | null {
  let earliest: number | null = null
  for (const secret of secrets) {
    const deletion = deletionDueAt(instantsOf(secret))
    const purge = previousPurgeAt(secret)
    const due = purge !== null && purge < deletion ? purge : deletion
    if (earliest === null || due < earliest) earliest = due
  }
  return earliest
}

export function writeSnapshot(
  path: string,
  keys: SnapshotKeys,
  generation: bigint,
  content: SnapshotContent,
): void {
  writeFileDurably(path, encodeSnapshot(keys, generation, content))
}

/** Where the bytes come from: a whole file in memory, or positioned reads of an open file. */
interface ByteSource {
  size: number
  read(offset: number, length: number): Buffer
}

const bufferSource = (bytes: Buffer): ByteSource => ({
  size: bytes.length,
  read: (offset, length) => bytes.subarray(offset, offset + length),
})

function fileSource(fd: number): ByteSource {
  return {
    size: fstatSync(fd).size,
    read(offset, length) {
      const bytes = Buffer.allocUnsafe(length)
      let filled = 0
      while (filled < length) {
        const n = readSync(fd, bytes, filled, length - filled, offset + filled)
        if (n === 0) break
        filled += n
      }
      return bytes.subarray(0, filled)
    },
  }
}

/** Finds the sealed sections by their length prefixes, reading none of them. */
function sectionsOf(
  source: ByteSource,
  what: string,
): { generation: bigint; sections: { offset: number; length: number }[] } {
  const prefix = source.read(0, PREFIX)
  if (prefix.length < PREFIX || !prefix.subarray(0, MAGIC.length).equals(MAGIC))
    throw tampered(what)
  const generation = prefix.readBigUInt64BE(MAGIC.length)
  const sections: { offset: number; length: number }[] = []
  let position = PREFIX
  while (position < source.size) {
    const header = source.read(position, 4)
    if (header.length < 4) throw tampered(what)
    const length = header.readUInt32BE(0)
    if (position + 4 + length > source.size) throw tampered(what)
    sections.push({ offset: position + 4, length })
    position += 4 + length
  }
  if (sections.length < 3) throw tampered(what)
  return { generation, sections }
}

interface Opened {
  generation: bigint
  meta: Meta
  openSection: (index: number, name: string) => Buffer
}

function openMeta(source: ByteSource, keys: SnapshotKeys, what: string): Opened {
  const { generation, sections } = sectionsOf(source, what)
  const openSection = (index: number, name: string): Buffer => {
    const section = sections[index]
    if (!section) throw tampered(what)
    const sealed = source.read(section.offset, section.length)
    return open(keys.key, sealed, aad(keys, generation, name), what)
  }
  const meta = JSON.parse(openSection(0, 'meta').toString('utf8')) as Meta
  if (sections.length !== 3 + meta.chunks) throw tampered(what)
  return { generation, meta, openSection }
}

type Logs = Pick<VaultState, 'audit' | 'notifications'>

export interface DecodedSnapshot extends SnapshotContent {
  generation: bigint
  /** From the meta: see Meta.nextDeletionAt; -Infinity when the snapshot does not say. */
  nextDeletionAt: number | null
}

function result(opened: Opened, secrets: StoredSecret[], logs: Logs): DecodedSnapshot {
  const { meta, generation } = opened
  const state: VaultState = {
    profile: meta.profile,
    workspaces: meta.workspaces,
    fingerprintKey: meta.fingerprintKey,
    ...logs,
    settings: { ...DEFAULT_SETTINGS, ...meta.settings },
    secrets: Object.fromEntries(secrets.map((s) => [s.id, s])),
  }
  const folded = meta.folded && { ...meta.folded, generation: BigInt(meta.folded.generation) }
  const nextDeletionAt = meta.nextDeletionAt === undefined ? -Infinity : meta.nextDeletionAt
  return { generation, state, folded, nextDeletionAt }
}

const readChunk = (opened: Opened, chunk: number): StoredSecret[] =>
  JSON.parse(opened.openSection(3 + chunk, `chunk/${chunk}`).toString('utf8')) as StoredSecret[]

export function decodeSnapshot(
  bytes: Buffer,
  keys: SnapshotKeys,
  what = 'snapshot',
): DecodedSnapshot {
  const opened = openMeta(bufferSource(bytes), keys, what)
  opened.openSection(1, 'index')
  const logs = JSON.parse(opened.openSection(2, 'audit').toString('utf8')) as
    Logs | VaultState['audit']
  const secrets: StoredSecret[] = []
  for (let chunk = 0; chunk < opened.meta.chunks; chunk++) secrets.push(...readChunk(opened, chunk))
  return result(
    opened,
    secrets,
    Array.isArray(logs) ? { audit: logs, notifications: [] as NotificationRecord[] } : logs,
  )
}

/**
 * The snapshot with only the secrets that may carry one of `names` (in any scope), no audit log
 * and no notifications: all that handing out a few values needs. A state read this way must never
 * be written back whole.
 */
export function readSnapshotForNames(
  fd: number,
  keys: SnapshotKeys,
  names: readonly string[],
): DecodedSnapshot {
  const opened = openMeta(fileSource(fd), keys, 'snapshot')
  const index = opened.openSection(1, 'index')
  const chunks = new Set<number>()
  for (const name of names) {
    const tag = nameTag(keys.nameKey, name)
    for (let at = index.indexOf(tag); at !== -1; at = index.indexOf(tag, at + 1)) {
      if (at % INDEX_ENTRY_BYTES !== 0) continue
      const chunk = index.readUInt32BE(at + TAG_BYTES)
      if (chunk >= opened.meta.chunks) throw tampered('snapshot')
      chunks.add(chunk)
    }
  }
  const wanted = new Set(names.map((name) => name.toLowerCase()))
  const secrets = [...chunks]
    .flatMap((chunk) => readChunk(opened, chunk))
    .filter((s) => wanted.has(s.name.toLowerCase()))
  return result(opened, secrets, { audit: [], notifications: [] })
}

/**
 * The generation a snapshot file says it holds, read from its plaintext prefix without the key,
 * or null when the file is missing or not a snapshot. Only for numbering what comes after it.
 */
export function peekGeneration(path: string): bigint | null {
  let fd: number
  try {
    fd = openVaultFile(path)
  } catch {
    return null
  }
  try {
    const prefix = fileSource(fd).read(0, PREFIX)
    if (prefix.length < PREFIX || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) return null
    return prefix.readBigUInt64BE(MAGIC.length)
  } finally {
    closeSync(fd)
  }
}
