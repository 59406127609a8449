/**
 * What main and the scan worker say to each other. The job is the only message that holds values
 * (main to worker, inside one process); every report back holds counts and places only.
 */
import type { ErrorInfo } from '../../shared/errors'
import type { Finding } from './folder-scan'
import type { ScanValue } from './value-scan'

export interface ScanJob {
  folder: string
  gitHistory: boolean
  values: ScanValue[]
  /** Places kept at most; past it the scan says it found more. */
  maxFindings: number
}

export type ScanReport =
  /** The matcher is built: how many distinct values are looked for. */
  | { kind: 'started'; values: number }
  /** Counts so far, and the places found since the last report. */
  | {
      kind: 'progress'
      files: number
      binary: number
      bytes: number
      truncated: boolean
      findings: Finding[]
    }
  | { kind: 'done' }
  /** A SafeholdError's info, or null for a failure that is not one of Safehold's own. */
  | { kind: 'failed'; error: ErrorInfo | null }
