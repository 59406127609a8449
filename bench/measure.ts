/**
 * Timing helpers. A figure is only worth reading beside a baseline measured in the same run, so
 * subject and baseline are always sampled interleaved (drift and noisy neighbours on a 2-core
 * machine hit both alike), each after a GC so one side never pays for the other's garbage.
 */

export interface Samples {
  /** In the order they were taken: milliseconds, or MB for memory. */
  values: number[]
  median: number
  p25: number
  p75: number
  min: number
  max: number
}

declare const gc: (() => void) | undefined

export function collectGarbage(): void {
  if (typeof gc === 'function') gc()
}

export const gcAvailable = (): boolean => typeof gc === 'function'

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

export function timeSync(work: () => void): number {
  const start = nowMs()
  work()
  return nowMs() - start
}

export async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const start = nowMs()
  await work()
  return nowMs() - start
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

export function summarize(values: number[]): Samples {
  const sorted = [...values].sort((a, b) => a - b)
  return {
    values,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  }
}

export interface Paired {
  subject: Samples
  baseline: Samples
}

/**
 * Runs `warmup` unmeasured rounds, then `rounds` measured ones; each round runs subject and
 * baseline once, alternating which goes first.
 */
export async function paired(
  rounds: number,
  warmup: number,
  subject: (round: number) => Promise<number> | number,
  baseline: (round: number) => Promise<number> | number,
): Promise<Paired> {
  const s: number[] = []
  const b: number[] = []
  for (let round = 0; round < warmup + rounds; round++) {
    const measured = round >= warmup
    const order = round % 2 === 0 ? ['s', 'b'] : ['b', 's']
    for (const which of order) {
      collectGarbage()
      const ms = which === 's' ? await subject(round) : await baseline(round)
      if (measured) (which === 's' ? s : b).push(ms)
    }
  }
  return { subject: summarize(s), baseline: summarize(b) }
}

/**
 * `paired` for any number of series: `warmup` unmeasured rounds, then `rounds` measured ones; each
 * round runs every series once, starting one further along each time, so none always goes first.
 */
export async function interleaved<K extends string>(
  rounds: number,
  warmup: number,
  series: Record<K, () => Promise<number> | number>,
): Promise<Record<K, Samples>> {
  const names = Object.keys(series) as K[]
  const taken = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    K,
    number[]
  >
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!
      collectGarbage()
      const ms = await series[name]()
      if (round >= warmup) taken[name].push(ms)
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(taken[name])])) as Record<
    K,
    Samples
  >
}

export const round1 = (n: number): number => Math.round(n * 10) / 10
export const round2 = (n: number): number => Math.round(n * 100) / 100
