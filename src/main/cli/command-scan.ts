/**
 * `safehold scan PATH... [--git-history] [--json]` (DESIGN §3, §6.1): where any vault value appears
 * in files — `file:line` (or the commit) and the secret's name, never the value. Files are read
 * as a stream through one matcher of every value (value-scan.ts). Folders are walked without
 * following symlinks; `.git` folders, binary files (a NUL byte early on), FIFOs, devices and
 * sockets are skipped. `--git-history` also reads every commit of each repository given: the
 * lines each commit added. A scan is audited but is not a use: no secret's status or usages change.
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
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { SafeholdError } from '../../shared/errors'
import { auditOp } from '../secrets/audit-op'
import { createScanner, type ScanValue, type ValueScanner } from '../usage/value-scan'
import type { VaultState } from '../vault/vault-state'
import type { CliContext } from './cli-context'
import { printJson, printable } from './cli-output'

interface ScanOptions {
  gitHistory?: boolean
}

export interface Finding {
  file: string
  line: number
  secret: string
  /** Set for a place found in a repository's history. */
  commit?: string
}

const CHUNK = 64 * 1024
/** Like git and grep: a NUL byte within the first 8000 bytes makes a file binary. */
const BINARY_PROBE = 8000
const OPEN_FLAGS =
  constants.O_RDONLY |
  (constants.O_NOFOLLOW ?? 0) |
  (constants.O_NONBLOCK ?? 0) |
  (constants.O_NOCTTY ?? 0)

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

/** What a scan counted and found; each place and secret reported once. */
class Tally {
  files = 0
  binary = 0
  readonly findings: Finding[] = []
  private readonly seen = new Set<string>()

  found(place: Omit<Finding, 'secret'>, secrets: readonly string[]): void {
    for (const secret of secrets) {
      const key = [place.commit ?? '', place.file, place.line, secret].join('\u0000')
      if (this.seen.has(key)) continue
      this.seen.add(key)
      this.findings.push({ ...place, secret })
    }
  }
}

function scanFile(path: string, shown: string, scanner: ValueScanner, tally: Tally): void {
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
    for (let first = true; ; first = false) {
      const read = readSync(fd, buffer, 0, CHUNK, null)
      if (read === 0) break
      const chunk = buffer.subarray(0, read)
      if (first && chunk.subarray(0, BINARY_PROBE).includes(0)) {
        tally.binary++
        return
      }
      scanner.feed(chunk, (labels, line) => tally.found({ file: shown, line }, labels))
    }
    tally.files++
  } finally {
    closeSync(fd)
  }
}

function walk(path: string, shown: string, scanner: ValueScanner, tally: Tally): void {
  let stats
  try {
    stats = lstatSync(path)
  } catch {
    return
  }
  if (stats.isDirectory()) {
    let names: string[]
    try {
      names = readdirSync(path).sort()
    } catch {
      return
    }
    for (const name of names) {
      if (name === '.git') continue
      walk(join(path, name), join(shown, name), scanner, tally)
    }
  } else if (stats.isFile()) {
    scanFile(path, shown, scanner, tally)
  }
}

/** The lines each commit of `repo` added, through the scanner, as `commit file:line`. */
async function scanHistory(repo: string, scanner: ValueScanner, tally: Tally): Promise<void> {
  const git = spawn(
    'git',
    [
      // The repository is data, not code to run: no fsmonitor hook, no external diff or textconv.
      ...['-C', repo, '-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false'],
      ...['log', '--all', '-p', '--no-color', '--no-ext-diff', '--no-renames'],
      '--no-textconv',
      '--format=%x00commit %H',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const failed = new Promise<never>((_, reject) =>
    git.on('error', () =>
      reject(new SafeholdError('INVALID_INPUT', '--git-history needs git on PATH.', 'gitHistory')),
    ),
  )
  let commit = ''
  let file: string | null = null
  let line = 0
  const lines = createInterface({ input: git.stdout, crlfDelay: Infinity })
  const reading = (async () => {
    for await (const text of lines) {
      if (text.startsWith('\u0000commit ')) {
        commit = text.slice('\u0000commit '.length)
        file = null
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
        scanner.feed(Buffer.from(text.slice(1) + '\n'), (labels, at) =>
          tally.found({ ...place, line: at }, labels),
        )
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
  if ((await status) !== 0) {
    throw new SafeholdError(
      'INVALID_INPUT',
      'A path given with --git-history is not a git repository git could read.',
      'gitHistory',
    )
  }
}

export async function scan(
  context: CliContext,
  args: string[],
  options: ScanOptions,
): Promise<void> {
  if (args.length === 0)
    throw new SafeholdError('INVALID_INPUT', 'Name the files or folders to scan.', 'path')
  const { store, clock } = await context.vaultStore()
  const scanner = createScanner(scanValues(store.state))
  const tally = new Tally()
  for (const given of args) {
    const path = resolve(given)
    if (lstatSync(path, { throwIfNoEntry: false }) === undefined)
      throw new SafeholdError('NOT_FOUND', 'A path given to scan does not exist.', 'path')
    // Places are shown under the path as it was given, as grep shows them.
    walk(path, given, scanner, tally)
    if (options.gitHistory) await scanHistory(path, scanner, tally)
  }
  // Audited, never a use: the scan names what it found, and counts, not values.
  await store.transact((state) => ({
    ops: [
      auditOp(
        clock,
        state,
        'scan',
        undefined,
        `${tally.files} files${options.gitHistory ? ' and git history' : ''}, ${tally.findings.length} places found`,
      ),
    ],
    result: undefined,
  }))
  if (context.json) {
    printJson(tally.findings, context.out)
  } else {
    for (const finding of tally.findings) {
      const where = `${printable(finding.file)}:${finding.line}`
      context.out.write(
        `${finding.commit === undefined ? '' : `commit ${finding.commit} `}${where}: ${printable(finding.secret)}\n`,
      )
    }
  }
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`
  const skipped = tally.binary === 0 ? '' : ` (${tally.binary} binary skipped)`
  const found = tally.findings.length
  context.err.write(
    `Scanned ${count(tally.files, 'file')}${skipped}${options.gitHistory ? ' and their git history' : ''} for ${count(scanner.size, 'value')}: ${found === 0 ? 'none found' : `found in ${count(found, 'place')}`}.\n`,
  )
}
