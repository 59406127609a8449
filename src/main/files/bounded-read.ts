/**
 * Reading what a user points Safehold at, within a limit: a file is opened once, checked with
 * fstat on that same descriptor and read at most limit + 1 bytes; a stream is read in chunks up
 * to limit + 1 bytes. FIFOs, devices, sockets and folders are refused before a byte is read, so
 * `/dev/zero` cannot fill memory and a FIFO nobody writes to cannot block the open.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'
import { basename } from 'node:path'
import { fromFsError, SafeholdError } from '../../shared/errors'

export interface BoundedFile {
  fileName: string
  data: Buffer
}

/** O_NONBLOCK: opening a FIFO must not wait for a writer. O_NOCTTY: a terminal never adopts us. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0)

const KIB = 1024

export function sizeText(bytes: number): string {
  return bytes >= KIB * KIB && bytes % (KIB * KIB) === 0
    ? `${bytes / (KIB * KIB)} MiB`
    : `${Math.round(bytes / KIB)} KiB`
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  return 'not a regular file'
}

/**
 * The bytes of the regular file at `path`, at most `limit`. `what` names where the path came
 * from ("the file given to --cert"); messages say that, never the path's bytes.
 */
export function readBoundedFile(path: string, what: string, limit: number): BoundedFile {
  let fd: number
  try {
    fd = openSync(path, OPEN_FLAGS)
  } catch (error) {
    throw fromFsError(error, what)
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) {
      throw new SafeholdError(
        'NOT_A_FILE',
        `${capital(what)} is ${kindOf(stats)}; Safehold reads only regular files.`,
      )
    }
    if (stats.size > limit) throw tooLarge(what, limit)
    const data = Buffer.alloc(Math.min(stats.size, limit) + 1)
    let length = 0
    // The size was checked, but a file can grow while it is read: stop at limit + 1 bytes.
    for (;;) {
      if (length === data.length) throw tooLarge(what, limit)
      const read = readSync(fd, data, length, data.length - length, null)
      if (read === 0) break
      length += read
    }
    return { fileName: basename(path), data: data.subarray(0, length) }
  } catch (error) {
    throw fromFsError(error, what)
  } finally {
    closeSync(fd)
  }
}

function tooLarge(what: string, limit: number): SafeholdError {
  return new SafeholdError(
    'FILE_TOO_LARGE',
    `${capital(what)} is larger than ${sizeText(limit)}, the most Safehold reads for it.`,
  )
}

/** Chunks from `source` up to `limit` bytes; null when there were more. The rest is never read. */
export async function readBoundedStream(
  source: AsyncIterable<Uint8Array | string>,
  limit: number,
): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk)
    length += bytes.length
    // Leaving the loop early destroys the stream, so nothing more is read.
    if (length > limit) return null
    chunks.push(bytes)
  }
  return Buffer.concat(chunks, length)
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
