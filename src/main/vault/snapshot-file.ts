/**
 * The snapshot: the whole vault state of one generation, sealed as a single blob.
 * Layout: "SHS1" ‖ generation (u64 BE) ‖ nonce ‖ AES-GCM(JSON state) ‖ tag.
 * The generation is authenticated, so an old snapshot cannot pose as a newer one. `folded` is the
 * final commit of the journal this snapshot absorbed: after a crash mid-compaction, that journal
 * is the only one that may be found beside it.
 */
import { readFileSync } from 'node:fs'
import type { VaultState } from './vault-state'
import type { JournalCommit } from './journal-file'
import { associatedData, open, seal, tampered } from './vault-crypto'
import { writeFileDurably } from './durable-files'

export const SNAPSHOT_FILE = 'vault.snapshot'
const MAGIC = Buffer.from('SHS1')
const PREFIX = MAGIC.length + 8

export interface SnapshotContent {
  state: VaultState
  folded: JournalCommit | null
}

interface SerializedContent {
  state: VaultState
  folded: { generation: string; length: number; count: number } | null
}

export function encodeSnapshot(
  key: Buffer,
  vaultId: string,
  generation: bigint,
  content: SnapshotContent,
): Buffer {
  const prefix = Buffer.alloc(PREFIX)
  MAGIC.copy(prefix)
  prefix.writeBigUInt64BE(generation, MAGIC.length)
  const folded = content.folded && {
    ...content.folded,
    generation: String(content.folded.generation),
  }
  const plain = Buffer.from(
    JSON.stringify({ state: content.state, folded } satisfies SerializedContent),
    'utf8',
  )
  const sealed = seal(key, plain, associatedData(vaultId, 'snapshot', generation))
  return Buffer.concat([prefix, sealed])
}

export function writeSnapshot(
  path: string,
  key: Buffer,
  vaultId: string,
  generation: bigint,
  content: SnapshotContent,
): void {
  writeFileDurably(path, encodeSnapshot(key, vaultId, generation, content))
}

export function readSnapshotGeneration(bytes: Buffer): bigint {
  if (bytes.length < PREFIX || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw tampered('snapshot')
  return bytes.readBigUInt64BE(MAGIC.length)
}

export function decodeSnapshot(
  bytes: Buffer,
  key: Buffer,
  vaultId: string,
  what = 'snapshot',
): SnapshotContent & { generation: bigint } {
  const generation = readSnapshotGeneration(bytes)
  const plain = open(
    key,
    bytes.subarray(PREFIX),
    associatedData(vaultId, 'snapshot', generation),
    what,
  )
  const content = JSON.parse(plain.toString('utf8')) as SerializedContent
  const folded = content.folded && {
    ...content.folded,
    generation: BigInt(content.folded.generation),
  }
  return { generation, state: content.state, folded }
}

export function readSnapshot(
  path: string,
  key: Buffer,
  vaultId: string,
  what?: string,
): SnapshotContent & { generation: bigint } {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch {
    throw tampered(what ?? 'snapshot (missing)')
  }
  return decodeSnapshot(bytes, key, vaultId, what)
}
