/**
 * What the CLI says about a deletion that is near: one line on stderr, so stdout (a value, a
 * table, JSON) stays exactly what a script reads. Names and dates only, never a value; a name is
 * quoted only when it passes the name rule.
 */
import { quoted } from '../../shared/name-text'
import type { SecretSummary } from '../../shared/secret-view'
import { DAY_MS, deletionsWithin, timeline } from '../../shared/upcoming-timeline'
import type { CliOutput } from './cli-io'

/** DESIGN §2: the first reminder of a deletion comes 15 days before it; so does this warning. */
export const WARN_WITHIN_DAYS = 15

/** The UTC date of an instant, as the CLI prints dates. */
export const dayOf = (iso: string): string => iso.slice(0, 10)

/** Whole UTC calendar days from now to `iso`: the date printed beside it minus today's. */
export function daysUntil(iso: string, now: number): number {
  return Math.floor(Date.parse(iso) / DAY_MS) - Math.floor(now / DAY_MS)
}

export function relativeDays(days: number): string {
  if (days === 0) return 'today'
  if (days > 0) return days === 1 ? 'in 1 day' : `in ${days} days`
  return days === -1 ? '1 day ago' : `${-days} days ago`
}

/** A date with how far it is: `2026-12-14 (in 13 days)`. */
export function dateWithDistance(iso: string, now: number): string {
  return `${dayOf(iso)} (${relativeDays(daysUntil(iso, now))})`
}

function warningFor(secret: SecretSummary, at: string, now: number): string {
  const name = quoted(secret.name, 'A secret')
  if (Date.parse(at) <= now)
    return `${name} was due for deletion on ${dayOf(at)}; the next Safehold process that opens the vault deletes it.`
  return `${name} will be deleted on ${dateWithDistance(at, now)} unless it is used or its deletion is cancelled.`
}

/**
 * Warns about the secrets a command touched whose deletion is due within 15 days: one line per
 * secret for one, one summary line for several (a list of many stays readable).
 */
export function warnOfDeletions(
  secrets: readonly SecretSummary[],
  now: number,
  err: CliOutput,
): void {
  const near = deletionsWithin(timeline(secrets, now), WARN_WITHIN_DAYS, now)
  if (near.length === 0) return
  if (near.length === 1) {
    err.write(`warning: ${warningFor(near[0]!.secret, near[0]!.at, now)}\n`)
    return
  }
  err.write(
    `warning: ${near.length} secrets will be deleted within ${WARN_WITHIN_DAYS} days; see "safehold upcoming".\n`,
  )
}
