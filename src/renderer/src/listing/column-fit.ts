/**
 * How the listing's columns share the width it has (issue: "a table that fits"). Pure. The secret
 * name never gets less than its minimum (24 characters of the table's font, measured by the
 * caller); the other columns give way first: in GIVE_WAY order each shrinks to its minimum (those
 * the user sized last), and when even every minimum does not fit, they hide in the same order. Status is never hidden; if
 * the name and status alone are wider than the listing, the table scrolls sideways and the caller
 * keeps Status in view. Whatever width is left goes to the name.
 */
import { COLUMNS, GIVE_WAY, type ColumnKey } from './table-columns'

export interface FitRequest {
  /** The listing's inner width in px. */
  available: number
  /** The columns that say something here, in display order; the name among them. */
  columns: readonly ColumnKey[]
  /** The least the name column may have (24 characters, padding and star included). */
  nameMin: number
  /** Widths the user chose; the defaults of COLUMNS stand for the rest. */
  widths: Partial<Record<ColumnKey, number>>
}

export interface ColumnLayout {
  /** The columns drawn, in display order. */
  keys: ColumnKey[]
  /** The width of each column drawn. */
  widths: Partial<Record<ColumnKey, number>>
  /** Their sum: more than `available` only when the name and status alone do not fit. */
  total: number
  available: number
}

function minOf(key: ColumnKey, nameMin: number): number {
  return key === 'name' ? nameMin : COLUMNS[key].minWidth
}

function preferredOf(key: ColumnKey, request: FitRequest): number {
  if (key === 'name') return request.nameMin
  const chosen = request.widths[key]
  const min = COLUMNS[key].minWidth
  return Math.max(min, Math.round(chosen ?? COLUMNS[key].width))
}

export function fitColumns(request: FitRequest): ColumnLayout {
  const available = Math.max(0, Math.floor(request.available))
  const keys = [...request.columns]
  const sumOf = (measure: (key: ColumnKey) => number): number =>
    keys.reduce((sum, key) => sum + measure(key), 0)

  // Hide, in give-way order, until the minimums fit.
  for (const key of GIVE_WAY) {
    if (sumOf((k) => minOf(k, request.nameMin)) <= available) break
    if (COLUMNS[key].hideable && keys.includes(key)) keys.splice(keys.indexOf(key), 1)
  }

  const widths = new Map(keys.map((key) => [key, preferredOf(key, request)]))
  const widthOf = (key: ColumnKey): number => widths.get(key) ?? 0
  let over = sumOf(widthOf) - available
  // Shrink toward each minimum in give-way order: first the columns at their default width, then
  // those the user sized, so a column just made wider is the last to give its width back.
  const chosen = (key: ColumnKey): boolean => request.widths[key] !== undefined
  for (const key of [...GIVE_WAY.filter((k) => !chosen(k)), ...GIVE_WAY.filter(chosen)]) {
    if (over <= 0) break
    if (!keys.includes(key)) continue
    const give = Math.min(over, widthOf(key) - minOf(key, request.nameMin))
    widths.set(key, widthOf(key) - give)
    over -= give
  }
  if (over < 0 && keys.includes('name')) widths.set('name', widthOf('name') - over)
  return { keys, widths: Object.fromEntries(widths), total: sumOf(widthOf), available }
}
