/**
 * `npm run bench -- --runs N`: one table over N whole runs. Each figure is the median of the runs'
 * medians, each ratio the median of the runs' ratios (every one against its own run's baseline),
 * and the result says in how many runs the target was met.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { table, targetText, type Target } from './bench-report'
import { round2, summarize } from './measure'

interface StoredRow {
  id: string
  label: string
  unit: string
  value: { median: number }
  baseline: { label: string; median: number }
  ratio: number
  target: Target
  status: string
}

interface StoredReport {
  rows: StoredRow[]
  failures: { benchmark: string; error: string }[]
  /** Absent in reports written before benchmarks could be skipped. */
  skipped?: { benchmark: string; reason: string }[]
}

export function summarizeRuns(files: string[], out: string): void {
  const reports = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as StoredReport)
  const ids = [...new Set(reports.flatMap((r) => r.rows.map((row) => row.id)))]
  const rows = ids.map((id) => {
    const runs = reports.flatMap((r) => r.rows.filter((row) => row.id === id))
    const first = runs[0]!
    const value = summarize(runs.map((r) => r.value.median)).median
    const baseline = summarize(runs.map((r) => r.baseline.median)).median
    const ratio = summarize(runs.map((r) => r.ratio)).median
    const met =
      (first.target.maxRatio === undefined || ratio <= first.target.maxRatio) &&
      (first.target.maxValue === undefined || value <= first.target.maxValue)
    const comparable = runs.every((r) => r.status !== 'NOT COMPARABLE')
    const passes = runs.filter((r) => r.status === 'PASS').length
    return {
      id,
      label: first.label,
      unit: first.unit,
      value: round2(value),
      baseline: { label: first.baseline.label, median: round2(baseline) },
      ratio: round2(ratio),
      runRatios: runs.map((r) => r.ratio),
      target: first.target,
      status:
        first.status === 'FOR COMPARISON'
          ? 'FOR COMPARISON'
          : comparable
            ? met
              ? 'PASS'
              : 'MISS'
            : 'NOT COMPARABLE',
      passedRuns: `${passes}/${runs.length}`,
    }
  })
  const digits = (n: number): string => n.toFixed(n < 10 ? 2 : 1)
  console.log(
    [
      '',
      `Across ${reports.length} runs: medians of the runs' medians; ratio = median of the runs' own ratios`,
      '',
      table(
        [
          'benchmark',
          'median',
          'baseline, same run',
          'baseline',
          'ratio',
          'ratio per run',
          '§8 target',
          'result',
          'runs met',
        ],
        rows.map((r) => [
          r.label,
          `${digits(r.value)} ${r.unit}`,
          r.baseline.label,
          `${digits(r.baseline.median)} ${r.unit}`,
          `${r.ratio.toFixed(2)}×`,
          r.runRatios.map((x) => x.toFixed(2)).join(' '),
          targetText(r.target, r.unit),
          r.status,
          r.passedRuns,
        ]),
      ),
      ...reports.flatMap((r, i) =>
        r.failures.map((f) => `ERROR in run ${i + 1}, ${f.benchmark}: ${f.error}`),
      ),
      ...reports.flatMap((r, i) =>
        (r.skipped ?? []).map((s) => `SKIPPED in run ${i + 1}, ${s.benchmark}: ${s.reason}`),
      ),
    ].join('\n'),
  )
  const last = reports[reports.length - 1]!
  writeFileSync(
    out,
    JSON.stringify({ ...last, acrossRuns: { runs: reports.length, files, rows } }, null, 2) + '\n',
  )
  console.log(`\nwritten to ${out} (the last run, with acrossRuns)`)
}
