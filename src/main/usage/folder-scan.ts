/**
 * The leak scan's reading of files (DESIGN §3): where any vault value appears in a folder's files
 * and, for a git repository, in the lines its commits added — as file:line (and commit) and the
 * secret's name, never the value. `safehold scan` runs it in its own process, the app in the scan
 * worker. Folders are walked without following symlinks; `.git` folders, binary files (a NUL byte
 * early on), FIFOs, devices and sockets are skipped; files are opened without following a link and
 * without blocking, so no file in the folder can make the scan wait for ever or leave it.
 */
import { spawn } from 'node:child_process'
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
} from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { SafeholdError } from '../../shared/errors'
import type { VaultState } from '../vault/vault-state'
import type { ScanValue, ValueScanner } from './value-scan'

export interface Finding {
  file: string
  line: number
  secret: string
  /** Set for a place found in a repository's history. */
  commit?: string
}

/** What a scan is told while it reads: whether to stop, and that it has read a little more. */
export interface ScanControl {
  /** True once the scan should end; it stops before the next chunk it would read. */
  stopped(): boolean
  /** Called after every chunk and file, for progress reports (throttled by the caller). */
  tick?(): void
}

const CHUNK = 64 * 1024
/** Like git and grep: a NUL byte within the first 8000 bytes makes a file binary. */
const BINARY_PROBE = 8000
const OPEN_FLAGS =
  constants.O_RDONLY |
  (constants.O_NOFOLLOW ?? 0) |
  (constants.O_NONBLOCK ?? 0) |
  (constants.O_NOCTTY ?? 0)
const NEVER_STOP: ScanControl = { stopped: () => false }

/** Every value of every secret, certificates aside (they are public); replaced values too. */
export function scanValues(state: VaultState): ScanValue[] {
  const values: ScanValue[] = []
  for (const secret of Object.values(state.secrets)) {
    for (const [key, value] of Object.entries(secret.values))
      if (key !== 'certificate') values.push({ value, label: secret.name })
    for (const [key, value] of Object.entries(secret.previous?.values ?? {}))
      if (key !== 'certificate') values.push({ value, label: `${secret.name} (previous value)` })
  }
  return values
}

/**
 * What a scan counted and found; each place and secret reported once. Past `limit` places it
 * keeps no more (a file of one value repeated on every line would otherwise fill the memory) and
 * says so in `truncated`.
 */
export class Tally {
  files = 0
  binary = 0
  bytes = 0
  truncated = false
  readonly findings: Finding[] = []
  private readonly seen = new Set<string>()

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  found(place: Omit<Finding, 'secret'>, secrets: readonly string[]): void {
    for (const secret of secrets) {
      const key = [place.commit ?? '', place.file, place.line, secret].join('\u0000')
      if (this.seen.has(key)) continue
      if (this.findings.length >= this.limit) {
        this.truncated = true
        return
      }
      this.seen.add(key)
      this.findings.push({ ...place, secret })
    }
  }
}

function scanFile(
  path: string,
  shown: string,
  scanner: ValueScanner,
  tally: Tally,
  control: ScanControl,
): void {
  let fd: number
  try {
    fd = openSync(path, OPEN_FLAGS)
  } catch {
    return
  }
  try {
    if (!fstatSync(fd).isFile()) return
    const buffer = Buffer.allocUnsafe(CHUNK)
    scanner.start()
    for (let first = true; !control.stopped(); first = false) {
      const read = readSync(fd, buffer, 0, CHUNK, null)
      if (read === 0) {
        tally.files++
        return
      }
      tally.bytes += read
      const chunk = buffer.subarray(0, read)
      if (first && chunk.subarray(0, BINARY_PROBE).includes(0)) {
        tally.binary++
        return
      }
      scanner.feed(chunk, (labels, line) => tally.found({ file: shown, line }, labels))
      control.tick?.()
    }
  } catch {
    // A file that cannot be read to its end (removed, an I/O error) is left like one never opened.
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads `path` — a file, or a folder and everything under it, in name order — through `scanner`.
 * Places are named under `shown` (the path as given, or '' for names relative to a folder).
 */
export function scanTree(
  path: string,
  shown: string,
  scanner: ValueScanner,
  tally: Tally,
  control: ScanControl = NEVER_STOP,
): void {
  // Depth first with a stack of its own: a deep tree cannot overflow the call stack.
  const pending: [string, string][] = [[path, shown]]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (control.stopped()) return
    const [at, name] = next
    let stats
    try {
      stats = lstatSync(at)
    } catch {
      continue
    }
    if (stats.isFile()) {
      scanFile(at, name, scanner, tally, control)
      control.tick?.()
    } else if (stats.isDirectory()) {
      let names: string[]
      try {
        names = readdirSync(at).sort()
      } catch {
        continue
      }
      for (const child of names.reverse())
        if (child !== '.git') pending.push([join(at, child), join(name, child)])
    }
  }
}

/** Whether `folder` is the top of a git repository (its `.git` a folder, or a worktree's file). */
export function isGitRepository(folder: string): boolean {
  const git = lstatSync(join(folder, '.git'), { throwIfNoEntry: false })
  return git !== undefined && (git.isDirectory() || git.isFile())
}

/** Settings that keep a repository's own config from starting any program during `git log -p`. */
const GIT_RUNS_NOTHING = [
  'core.fsmonitor=false',
  'core.quotePath=false',
  'core.pager=cat',
  'log.showSignature=false',
  'gpg.program=false',
  'gpg.openpgp.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'diff.external=',
]

/** The lines each commit of `repo` added, through the scanner, as `commit file:line`. */
export async function scanHistory(
  repo: string,
  scanner: ValueScanner,
  tally: Tally,
  control: ScanControl = NEVER_STOP,
): Promise<void> {
  const git = spawn(
    'git',
    [
      // The repository is data, not code to run: its config may name programs for git to start
      // (an fsmonitor hook, a signature checker, a pager, an external diff or textconv), and these
      // settings, given on the command line, win over anything it says.
      ...['--no-pager', '-C', repo, ...GIT_RUNS_NOTHING.flatMap((setting) => ['-c', setting])],
      ...['log', '--all', '-p', '--no-color', '--no-ext-diff', '--no-renames'],
      ...['--no-textconv', '--no-show-signature'],
      '--format=%x00commit %H',
    ],
    // What git says on stderr is not read: left in a pipe, a long complaint would stall it.
    { stdio: ['ignore', 'pipe', 'ignore'] },
  )
  const failed = new Promise<never>((_, reject) =>
    git.on('error', () =>
      reject(
        new SafeholdError('INVALID_INPUT', 'Reading git history needs git on PATH.', 'gitHistory'),
      ),
    ),
  )
  let commit = ''
  let file: string | null = null
  let line = 0
  const lines = createInterface({ input: git.stdout, crlfDelay: Infinity })
  const reading = (async () => {
    for await (const text of lines) {
      if (control.stopped()) {
        git.kill()
        break
      }
      if (text.startsWith('\u0000commit ')) {
        commit = text.slice('\u0000commit '.length)
        file = null
        control.tick?.()
      } else if (text.startsWith('diff --git ')) {
        file = null
      } else if (text.startsWith('+++ ')) {
        file = text.startsWith('+++ b/') ? text.slice(6) : null
      } else if (text.startsWith('@@ ')) {
        const match = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(text)
        line = match ? Number(match[1]) : 0
        scanner.start(line)
      } else if (file !== null && text.startsWith('+')) {
        const place = { commit: commit.slice(0, 12), file }
        const added = Buffer.from(text.slice(1) + '\n')
        tally.bytes += added.length
        scanner.feed(added, (labels, at) => tally.found({ ...place, line: at }, labels))
        line++
      } else if (file !== null && text.startsWith(' ')) {
        // A context line: the new file goes on, but a run of added lines has ended.
        line++
        scanner.start(line)
      }
    }
  })()
  const status = new Promise<number | null>((done) => git.on('close', done))
  await Promise.race([Promise.all([reading, status]), failed])
  if (control.stopped()) return
  if ((await status) !== 0) {
    throw new SafeholdError(
      'INVALID_INPUT',
      'A folder whose git history was asked for is not a git repository git could read.',
      'gitHistory',
    )
  }
}

/** The audit log's line for a scan: counts and what was read, never a value or a place. */
export function scanAuditDetail(
  tally: Pick<Tally, 'files' | 'findings'>,
  gitHistory: boolean,
  outcome: 'done' | 'cancelled' | 'failed' = 'done',
): string {
  const read = `${tally.files} files${gitHistory ? ' and git history' : ''}`
  const found = `${tally.findings.length} places found`
  if (outcome === 'cancelled') return `cancelled after ${read}, ${found}`
  if (outcome === 'failed') return `stopped by an error after ${read}, ${found}`
  return `${read}, ${found}`
}
