/**
 * Instants as people read them. The window and main's messages to it say one thing one way: the
 * local date and time with the zone ("Jan 31, 2020, 1:00 AM GMT+1"), so a date in an error
 * matches the one on screen and nobody has to guess which zone a time is in. `utcText` is the
 * command line's compact form, for columns and logs.
 */
/** Made on first use: a date format loads locale and time-zone data that most callers never need. */
let instantFormat: Intl.DateTimeFormat | null = null

function instantFormatter(): Intl.DateTimeFormat {
  instantFormat ??= new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  })
  return instantFormat
}

function asDate(instant: Date | string): Date | null {
  const date = typeof instant === 'string' ? new Date(instant) : instant
  return Number.isNaN(date.getTime()) ? null : date
}

/** `Jan 31, 2020, 1:00 AM GMT+1`: local time with its zone. */
export function instantText(instant: Date | string): string {
  const date = asDate(instant)
  return date === null ? String(instant) : instantFormatter().format(date)
}

/** `2020-01-31 00:00 UTC`. */
export function utcText(instant: Date | string): string {
  const date = asDate(instant)
  return date === null
    ? String(instant)
    : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
