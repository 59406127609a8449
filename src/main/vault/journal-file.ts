/**
 * The append-only journal of one generation: each committed transaction is one sealed record, so
 * a registration writes a few hundred bytes instead of rewriting the vault.
 *
 * Layout: a 64-byte commit block, then records (u32 BE length ‖ nonce ‖ ciphertext ‖ tag).
 * Commit block: "SHJ1" ‖ u32 0 ‖ generation u64 ‖ committed length u64 ‖ record count u32 ‖ u32 0
 * ‖ HMAC-SHA-256 of the first 32 bytes and the vault id under a key derived from the vault key.
 *
 * Appending writes the records after the committed length, fsyncs, then rewrites the commit block
 * (one sector, written in place) and fsyncs again. Bytes past the committed length are a crashed,
 * never-acknowledged append and are ignored; a file shorter than its commit block says, or a
 * record that fails to open, is tampering. Each record's authenticated data carries the
 * generation and its sequence number, so records cannot be reordered, replayed or moved.
 */
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, readSync, writeSync } from 'node:fs'
import { associatedData, hmac, open, seal, tampered, type VaultKeys } from './vault-crypto'
import { basename } from 'node:path'
import { openVaultFile, writeFileDurably } from './durable-files'
import { vaultFileError } from './vault-safety'

export const JOURNAL_FILE = 'vault.journal'
export const COMMIT_BLOCK_BYTES = 64
const MAGIC = Buffer.from('SHJ1')

export interface JournalCommit {
  generation: bigint
  length: number
  count: number
}

export type JournalKeys = Pick<VaultKeys, 'vaultId' | 'key' | 'macKey'>

function encodeCommit(keys: JournalKeys, commit: JournalCommit): Buffer {
  const block = Buffer.alloc(COMMIT_BLOCK_BYTES)
  MAGIC.copy(block, 0)
  block.writeBigUInt64BE(commit.generation, 8)
  block.writeBigUInt64BE(BigInt(commit.length), 16)
  block.writeUInt32BE(commit.count, 24)
  hmac(keys.macKey, block.subarray(0, 32), keys.vaultId).copy(block, 32)
  return block
}

function decodeCommit(keys: JournalKeys, block: Buffer): JournalCommit {
  if (block.length < COMMIT_BLOCK_BYTES || !block.subarray(0, 4).equals(MAGIC))
    throw tampered('journal')
  const expected = hmac(keys.macKey, block.subarray(0, 32), keys.vaultId)
  if (!expected.equals(block.subarray(32, 64))) throw tampered('journal')
  return {
    generation: block.readBigUInt64BE(8),
    length: Number(block.readBigUInt64BE(16)),
    count: block.readUInt32BE(24),
  }
}

export function createJournal(path: string, keys: JournalKeys, generation: bigint): JournalCommit {
  const commit = { generation, length: COMMIT_BLOCK_BYTES, count: 0 }
  writeFileDurably(path, encodeCommit(keys, commit))
  return commit
}

/** Opens a journal for reading and appending; a symbolic link is refused (ELOOP). */
export function openJournal(path: string): number {
  try {
    return openVaultFile(path, true)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw tampered('journal (missing)')
    throw vaultFileError(error, basename(path))
  }
}

export function readCommit(fd: number, keys: JournalKeys): JournalCommit {
  const block = Buffer.alloc(COMMIT_BLOCK_BYTES)
  const read = readSync(fd, block, 0, COMMIT_BLOCK_BYTES, 0)
  const commit = decodeCommit(keys, block.subarray(0, read))
  if (commit.length < COMMIT_BLOCK_BYTES || fstatSync(fd).size < commit.length)
    throw tampered('journal')
  return commit
}

/**
 * Reads the records between a known position (offset, sequence) and the commit block's end.
 * Returns the plaintexts in order.
 */
export function readRecords(
  fd: number,
  keys: JournalKeys,
  commit: JournalCommit,
  from: { offset: number; count: number },
): Buffer[] {
  const size = commit.length - from.offset
  if (size < 0) throw tampered('journal')
  const bytes = Buffer.alloc(size)
  let filled = 0
  while (filled < size) {
    const n = readSync(fd, bytes, filled, size - filled, from.offset + filled)
    if (n === 0) throw tampered('journal')
    filled += n
  }
  const records: Buffer[] = []
  let position = 0
  let sequence = from.count
  while (position < size) {
    if (position + 4 > size) throw tampered('journal')
    const length = bytes.readUInt32BE(position)
    const end = position + 4 + length
    if (end > size) throw tampered('journal')
    const aad = associatedData(keys.vaultId, `journal/${commit.generation}`, sequence)
    records.push(open(keys.key, bytes.subarray(position + 4, end), aad, 'journal'))
    position = end
    sequence++
  }
  if (sequence !== commit.count) throw tampered('journal')
  return records
}

/** Durably appends records after the committed end; returns the new commit. */
export function appendRecords(
  fd: number,
  keys: JournalKeys,
  commit: JournalCommit,
  plaintexts: Buffer[],
): JournalCommit {
  const parts: Buffer[] = []
  let sequence = commit.count
  for (const plain of plaintexts) {
    const aad = associatedData(keys.vaultId, `journal/${commit.generation}`, sequence++)
    const sealed = seal(keys.key, plain, aad)
    const length = Buffer.alloc(4)
    length.writeUInt32BE(sealed.length)
    parts.push(length, sealed)
  }
  const bytes = Buffer.concat(parts)
  // Leftovers of a crashed append would otherwise sit past the new end looking like records.
  if (fstatSync(fd).size > commit.length) ftruncateSync(fd, commit.length)
  let written = 0
  while (written < bytes.length) {
    written += writeSync(fd, bytes, written, bytes.length - written, commit.length + written)
  }
  fdatasyncSync(fd)
  const next = {
    generation: commit.generation,
    length: commit.length + bytes.length,
    count: sequence,
  }
  writeSync(fd, encodeCommit(keys, next), 0, COMMIT_BLOCK_BYTES, 0)
  fdatasyncSync(fd)
  return next
}

export function closeJournal(fd: number): void {
  closeSync(fd)
}
