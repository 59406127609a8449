/**
 * The result table of `npm run bench`: every figure beside its baseline from the same run, the
 * ratio, the DESIGN.md §8 target and PASS/MISS. A target is met only if every limit it names is.
 */
import { round1, round2, type Samples } from './measure'

export interface Target {
  maxRatio?: number
  /** In the row's unit. */
  maxValue?: number
  /** A condition §8 names without a number ("minified"), and whether it holds. */
  requires?: { text: string; met: boolean }
}

export interface Row {
  id: string
  label: string
  unit: 'ms' | 'MB' | 'KB'
  value: Samples
  baseline: Samples
  baselineLabel: string
  target: Target
  /** Set when the row could not be measured as §8 asks (e.g. no keychain): never PASS then. */
  caveat?: string
}

/** What one benchmark hands back: its row, and what to print and store about where time goes. */
export interface Outcome {
  row: Row
  /** Printed under the table. */
  details: string[]
  /** Stored in latest.json beside the row. */
  extra: Record<string, unknown>
}

/** What a benchmark hands back instead when it cannot run here (e.g. no browser): one line why. */
export interface Skipped {
  skipped: string
}

export interface RowResult extends Row {
  ratio: number
  /** FOR COMPARISON: a row with no target, measured beside the others (another tool, say). */
  status: 'PASS' | 'MISS' | 'NOT COMPARABLE' | 'FOR COMPARISON'
}

export function judge(row: Row): RowResult {
  const ratio = row.value.median / row.baseline.median
  const ok =
    (row.target.maxRatio === undefined || ratio <= row.target.maxRatio) &&
    (row.target.maxValue === undefined || row.value.median <= row.target.maxValue) &&
    (row.target.requires === undefined || row.target.requires.met)
  const targeted = Object.keys(row.target).length > 0
  const status =
    row.caveat !== undefined
      ? 'NOT COMPARABLE'
      : !targeted
        ? 'FOR COMPARISON'
        : ok
          ? 'PASS'
          : 'MISS'
  return { ...row, ratio, status }
}

function figure(samples: Samples, unit: string): string {
  const digits = samples.median < 10 ? 2 : 1
  const spread =
    samples.values.length > 1
      ? ` (${samples.p25.toFixed(digits)}–${samples.p75.toFixed(digits)})`
      : ''
  return `${samples.median.toFixed(digits)} ${unit}${spread}`
}

export function targetText(target: Target, unit: string): string {
  const parts: string[] = []
  if (target.maxRatio !== undefined) parts.push(`≤ ${target.maxRatio}×`)
  if (target.maxValue !== undefined) parts.push(`≤ ${target.maxValue} ${unit}`)
  if (target.requires !== undefined) parts.push(target.requires.text)
  return parts.join(', ')
}

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

export function formatTable(results: RowResult[]): string {
  return table(
    [
      'benchmark',
      'median (p25–p75)',
      'baseline, same run',
      'baseline median',
      'ratio',
      '§8 target',
      'result',
    ],
    results.map((r) => [
      r.label,
      figure(r.value, r.unit),
      r.baselineLabel,
      figure(r.baseline, r.unit),
      `${r.ratio.toFixed(2)}×`,
      targetText(r.target, r.unit),
      r.status,
    ]),
  )
}

/** A breakdown: parts of one figure, largest first, each with its share (and page faults). */
export function formatBreakdown(
  title: string,
  parts: Record<string, number>,
  totalMs?: number,
  faults?: Record<string, number>,
): string {
  const sum = totalMs ?? Object.values(parts).reduce((a, b) => a + b, 0)
  const rows = Object.entries(parts)
    .sort(([, a], [, b]) => b - a)
    .map(([name, ms]) => [
      name,
      `${ms.toFixed(ms < 10 ? 2 : 1)} ms`,
      `${((ms / sum) * 100).toFixed(0)}%`,
      ...(faults ? [String(Math.round(faults[name] ?? 0))] : []),
    ])
  const head = ['part', 'median', 'share', ...(faults ? ['page faults'] : [])]
  return `${title}\n${table(head, rows)}`
}

export function jsonRow(r: RowResult): Record<string, unknown> {
  const samples = (s: Samples) => ({
    median: round2(s.median),
    p25: round2(s.p25),
    p75: round2(s.p75),
    min: round2(s.min),
    max: round2(s.max),
    n: s.values.length,
    samples: s.values.map(round2),
  })
  return {
    id: r.id,
    label: r.label,
    unit: r.unit,
    value: samples(r.value),
    baseline: { label: r.baselineLabel, ...samples(r.baseline) },
    ratio: round2(r.ratio),
    target: r.target,
    status: r.status,
    ...(r.caveat === undefined ? {} : { caveat: r.caveat }),
  }
}

export const mb = (bytes: number): number => round1(bytes / (1024 * 1024))

export const round2All = (parts: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round2(v)]))

/** How profiles count V8 builtins, said once under the first profile table. */
export const PROFILE_NOTE =
  '(profiles: V8 builtins such as JSON.parse and Date.parse have no frame of their own; their time is the self time of the JS function that calls them)'
