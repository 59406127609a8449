/**
 * A leak scan in words: how far it has got, what it found, how it ended, and where each place is.
 * Pure, so it is tested without a window.
 */
import type { IpcResponse } from '../../../shared/ipc-contract'
import { printable } from '../../../shared/name-text'

export type ScanView = IpcResponse<'scan:status'>
export type ScanPlace = ScanView['findings'][number]

const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`

/** 0 B, 812 B, 4.2 KB, 56.1 MB, 1.3 GB (decimal units, as file managers show them). */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let size = bytes / 1000
  let unit = 0
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000
    unit++
  }
  return `${size.toFixed(size < 10 ? 1 : 0)} ${units[unit]}`
}

/** "12 files (1 binary file skipped) and the git history, 4.2 MB". */
function readText(scan: ScanView): string {
  const skipped = scan.binary === 0 ? '' : ` (${count(scan.binary, 'binary file')} skipped)`
  const history = scan.gitHistory ? ' and the git history' : ''
  return `${count(scan.files, 'file')}${skipped}${history}, ${sizeText(scan.bytes)}`
}

function foundText(found: number): string {
  return found === 0 ? 'no value found' : `found in ${count(found, 'place')}`
}

/** One line on the scan: running, done, cancelled or failed. */
export function scanSummary(scan: ScanView): string {
  switch (scan.state) {
    case 'running':
      return `Scanning… ${readText(scan)} read; ${foundText(scan.found)} so far.`
    case 'done':
      return `Scanned ${readText(scan)} for ${count(scan.values, 'value')}: ${foundText(scan.found)}.`
    case 'cancelled':
      return `Scan cancelled after ${readText(scan)}; ${foundText(scan.found)} before it stopped.`
    case 'failed':
      return `The scan stopped after ${readText(scan)}: ${scan.error ?? 'something went wrong'}`
  }
}

/**
 * `src/pay.js:10`, and for a place in the history `deploy.sh:2 in commit 1a2b3c4d5e6f`. A file
 * name is anyone's text: its control and bidi characters are shown as \u{…}, so a name cannot
 * pretend to be another.
 */
export function placeText(place: ScanPlace): string {
  const where = `${printable(place.file)}:${place.line}`
  return place.commit === null ? where : `${where} in commit ${place.commit}`
}

/** A scan that found more places than main keeps: what is listed, and what to do about the rest. */
export function truncatedText(scan: ScanView): string {
  return `Only the first ${count(scan.found, 'place')} found are listed; the folder holds more. Remove these values, then scan again.`
}
