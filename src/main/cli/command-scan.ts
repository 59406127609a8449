/**
 * `safehold scan PATH... [--git-history] [--json]` (DESIGN §3, §6.1): where any vault value appears
 * in files — `file:line` (or the commit) and the secret's name, never the value. Files are read
 * as a stream through one matcher of every value (value-scan.ts), by the walk the app's "Scan a
 * folder…" uses too (folder-scan.ts). `--git-history` also reads every commit of each repository
 * given: the lines each commit added. A scan is audited but is not a use: no secret's status or
 * usages change.
 */
import { lstatSync } from 'node:fs'
import { resolve } from 'node:path'
import { SafeholdError } from '../../shared/errors'
import { auditOp } from '../secrets/audit-op'
import { scanAuditDetail, scanHistory, scanTree, scanValues, Tally } from '../usage/folder-scan'
import { createScanner } from '../usage/value-scan'
import type { CliContext } from './cli-context'
import { printJson, printable } from './cli-output'

interface ScanOptions {
  gitHistory?: boolean
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
    scanTree(path, given, scanner, tally)
    if (options.gitHistory) await scanHistory(path, scanner, tally)
  }
  // Audited, never a use: the scan names what it found, and counts, not values.
  await store.transact((state) => ({
    ops: [
      auditOp(clock, state, 'scan', undefined, scanAuditDetail(tally, options.gitHistory === true)),
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
