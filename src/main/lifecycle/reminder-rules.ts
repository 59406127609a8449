/**
 * Which reminders are due (DESIGN §2), as pure functions of a secret's instants, the settings, the
 * ledger of reminders already sent and the time. A reminder is keyed by (secret, kind, due
 * instant, offset), so each is sent at most once however the clock moves or the process restarts.
 *
 * A secret has two tracks, each leading to one event:
 *  - its pending deletion (due at D): automatic — 'inactive' at D − 30 d, then 15/10/1 days before;
 *    by hand — 15/10/1 days before. The 'deleted' record is written by the deletion itself.
 *  - its expiry (at E): settings.expiryReminderDays before (30/7/1 by default), then 'expired' at E.
 * Catch-up: of one track's moments that have passed, only the latest is sent, and only when
 * neither it nor a later one of the same track is in the ledger. A deletion that is due overtakes
 * its whole track (nothing but 'deleted' follows). An expiry already long past when first seen (a
 * vault opened after a year) still gets its one 'expired': it is news to the user, and it is the
 * track's latest moment, sent once like any catch-up. An expiry reminder whose moment came before
 * the secret last changed (registered or edited 12 days before its expiry) is not due at all.
 */
import type {
  NotificationRecord,
  ReminderKind,
  StoredSecret,
  VaultSettings,
} from '../vault/vault-state'
import {
  DAY_MS,
  AUTO_DELETE_AFTER_DAYS,
  INACTIVE_AFTER_DAYS,
  deletionDueAt,
  instantsOf,
  toIso,
  type LifecycleInstants,
} from './secret-status'

/** Days before a pending deletion that a reminder is sent. */
export const DELETION_REMINDER_DAYS: readonly number[] = [15, 10, 1]

export interface ReminderMoment {
  kind: ReminderKind
  /** The event's own instant (deletion or expiry), epoch ms. */
  dueAt: number
  offsetDays: number
  /** When it is to be sent: dueAt − offsetDays. */
  at: number
}

export interface SecretForReminders {
  id: string
  instants: LifecycleInstants
  /**
   * When the secret last changed (its expiry is set only then): an expiry reminder whose moment
   * came before it was never missed, and its words ("in 30 days") would no longer be true.
   */
  since: number
}

export function ledgerId(
  secretId: string,
  kind: ReminderKind,
  dueAtIso: string,
  offsetDays: number,
): string {
  return `${secretId}/${kind}/${dueAtIso}/${offsetDays}`
}

/** The deletion track, in order of sending; the automatic one opens with turning inactive. */
export function deletionTrack(instants: LifecycleInstants): ReminderMoment[] {
  const dueAt = deletionDueAt(instants)
  const moments: ReminderMoment[] = []
  if (instants.scheduledAt === null) {
    const offsetDays = AUTO_DELETE_AFTER_DAYS - INACTIVE_AFTER_DAYS
    moments.push({ kind: 'inactive', dueAt, offsetDays, at: dueAt - offsetDays * DAY_MS })
  }
  for (const offsetDays of DELETION_REMINDER_DAYS) {
    moments.push({ kind: 'deletion-reminder', dueAt, offsetDays, at: dueAt - offsetDays * DAY_MS })
  }
  return moments
}

/** The expiry track, in order of sending; empty for a secret that never expires. */
export function expiryTrack(
  instants: LifecycleInstants,
  settings: VaultSettings,
): ReminderMoment[] {
  const dueAt = instants.expiresAt
  if (dueAt === null) return []
  const moments: ReminderMoment[] = [...settings.expiryReminderDays]
    .sort((a, b) => b - a)
    .map((offsetDays) => ({
      kind: 'expiry-reminder' as const,
      dueAt,
      offsetDays,
      at: dueAt - offsetDays * DAY_MS,
    }))
  moments.push({ kind: 'expired', dueAt, offsetDays: 0, at: dueAt })
  return moments
}

/** A moment with its ledger key. */
export interface KeyedMoment extends ReminderMoment {
  id: string
}

/** A secret's two tracks, each moment's ledger key worked out once. */
export interface ReminderTracks {
  deletesAt: number
  deletion: KeyedMoment[]
  /** Only the moments from `since` on: the earlier ones are never due. */
  expiry: KeyedMoment[]
  /**
   * What earlier passes learnt, so a pass with nothing to do is comparisons: the index of a
   * moment of each track found in `ledger` (a ledger only grows, so it stays found), and the next
   * moment as computed at `nextFrom`.
   */
  memo: {
    ledger: ReadonlySet<string> | null
    sent: [deletion: number, expiry: number]
    nextFrom: number
    next: number | null
    remind: boolean
    /**
     * A pass at `quietFrom` found nothing due and nothing before `quietUntil` (the next moment):
     * until then, with the clock not gone back, nothing can fall due, since a ledger only grows.
     */
    quietFrom: number
    quietUntil: number
    quietRemind: boolean
  }
}

export function reminderTracks(
  secret: SecretForReminders,
  settings: VaultSettings,
): ReminderTracks {
  const keyed = (m: ReminderMoment): KeyedMoment => ({
    ...m,
    id: ledgerId(secret.id, m.kind, toIso(m.dueAt), m.offsetDays),
  })
  return {
    deletesAt: deletionDueAt(secret.instants),
    deletion: deletionTrack(secret.instants).map(keyed),
    expiry: expiryTrack(secret.instants, settings)
      .filter((m) => m.at >= secret.since)
      .map(keyed),
    memo: {
      ledger: null,
      sent: [-1, -1],
      nextFrom: NaN,
      next: null,
      remind: false,
      quietFrom: NaN,
      quietUntil: NaN,
      quietRemind: false,
    },
  }
}

/** The one moment of a track to send now, if any (see the catch-up rule above). */
function dueOf(
  tracks: ReminderTracks,
  which: 0 | 1,
  nowMs: number,
  ledger: ReadonlySet<string>,
): KeyedMoment | null {
  const track = which === 0 ? tracks.deletion : tracks.expiry
  let latest = -1
  for (let i = 0; i < track.length && track[i]!.at <= nowMs; i++) latest = i
  if (latest === -1) return null
  const { memo } = tracks
  if (memo.ledger !== ledger) {
    memo.ledger = ledger
    memo.sent = [-1, -1]
  }
  if (memo.sent[which] >= latest) return null
  for (let i = latest; i < track.length; i++) {
    if (ledger.has(track[i]!.id)) {
      memo.sent[which] = i
      return null
    }
  }
  return track[latest]!
}

const NONE: readonly KeyedMoment[] = []

/** The reminders to send now, at most one per track; most passes find none and allocate nothing. */
export function dueFromTracks(
  tracks: ReminderTracks,
  nowMs: number,
  ledger: ReadonlySet<string>,
): readonly KeyedMoment[] {
  // A deletion that is due is carried out instead: no reminder of it can still be news.
  const deletion = tracks.deletesAt > nowMs ? dueOf(tracks, 0, nowMs, ledger) : null
  const expiry = dueOf(tracks, 1, nowMs, ledger)
  if (deletion === null) return expiry === null ? NONE : [expiry]
  return expiry === null ? [deletion] : [deletion, expiry]
}

export function dueReminders(
  secret: SecretForReminders,
  settings: VaultSettings,
  nowMs: number,
  ledger: ReadonlySet<string>,
): readonly KeyedMoment[] {
  return dueFromTracks(reminderTracks(secret, settings), nowMs, ledger)
}

/**
 * The next instant after `nowMs` at which something for this secret falls due (a reminder, or the
 * deletion itself), or null. Reminders count only when `remind` is set.
 */
export function nextFromTracks(
  tracks: ReminderTracks,
  nowMs: number,
  remind: boolean,
): number | null {
  const { memo } = tracks
  // Still right while the clock has not passed it, nor gone back before it was worked out.
  if (memo.remind === remind && memo.nextFrom <= nowMs && (memo.next === null || nowMs < memo.next))
    return memo.next
  let next = tracks.deletesAt > nowMs ? tracks.deletesAt : Infinity
  if (remind) {
    for (const m of tracks.deletion) if (m.at > nowMs && m.at < next) next = m.at
    for (const m of tracks.expiry) if (m.at > nowMs && m.at < next) next = m.at
  }
  memo.remind = remind
  memo.nextFrom = nowMs
  memo.next = next === Infinity ? null : next
  return memo.next
}

export function nextMoment(
  instants: LifecycleInstants,
  settings: VaultSettings,
  nowMs: number,
  remind: boolean,
): number | null {
  const tracks = reminderTracks({ id: '', instants, since: -Infinity }, settings)
  return nextFromTracks(tracks, nowMs, remind)
}

type TrackedSecret = Pick<
  StoredSecret,
  'id' | 'lastActivityAt' | 'scheduledAt' | 'expiresAt' | 'updatedAt'
>

/**
 * The tracks of a stored secret, worked out once per stored object and settings: a stored secret
 * is never changed in place, so a pass over 10,000 of them is lookups and comparisons.
 */
const tracksCache = new WeakMap<
  TrackedSecret,
  { settings: VaultSettings; tracks: ReminderTracks }
>()

export function tracksOf(secret: TrackedSecret, settings: VaultSettings): ReminderTracks {
  const cached = tracksCache.get(secret)
  if (cached !== undefined && cached.settings === settings) return cached.tracks
  const instants = instantsOf(secret)
  const tracks = reminderTracks({ id: secret.id, instants, since: instants.updatedAt }, settings)
  tracksCache.set(secret, { settings, tracks })
  return tracks
}

/** The ledger record of a reminder sent now. */
export function reminderRecord(
  secret: { id: string; name: string; scope: string },
  moment: Pick<ReminderMoment, 'kind' | 'dueAt' | 'offsetDays'>,
  nowMs: number,
): NotificationRecord {
  const dueAt = toIso(moment.dueAt)
  return {
    id: ledgerId(secret.id, moment.kind, dueAt, moment.offsetDays),
    at: toIso(nowMs),
    secretId: secret.id,
    secretName: secret.name,
    scope: secret.scope,
    kind: moment.kind,
    dueAt,
    offsetDays: moment.offsetDays,
    read: false,
  }
}
