/**
 * What one lifecycle pass must do at an instant, as a pure function of the vault state: which
 * deletions are due, which previous values are due to be purged, which reminders are due (against
 * the ledger), and when the next thing falls due. One walk over the secrets, on instants and
 * tracks worked out once per stored object, so it is cheap enough to run every minute over 10,000
 * secrets (DESIGN §8).
 */
import { ledgerIds, type StoredSecret, type VaultState } from '../vault/vault-state'
import { dueFromTracks, nextFromTracks, tracksOf, type KeyedMoment } from './reminder-rules'
import { previousPurgeAt } from './secret-status'

export interface PassPlan {
  /** Secrets whose deletion is due, with the instant it was due. */
  deletions: { secret: StoredSecret; dueAt: number }[]
  /** Previous values kept 30 days (DESIGN §1.1) whose purge is due; none of a secret deleted. */
  purges: { secret: StoredSecret; dueAt: number }[]
  /** Reminders to send, none for a secret whose deletion is due: once deleted, only 'deleted'. */
  reminders: { secret: StoredSecret; moment: KeyedMoment }[]
  /** The next instant after now at which something falls due; null when nothing will. */
  next: number | null
}

const NOTHING: readonly KeyedMoment[] = []

export function planPass(state: VaultState, nowMs: number, remind: boolean): PassPlan {
  const ledger = ledgerIds(state.notifications)
  const plan: PassPlan = { deletions: [], purges: [], reminders: [], next: null }
  let next = Infinity
  const { secrets, settings } = state
  // A for-in over the record: no array of 10,000 secrets made on every pass.
  for (const id in secrets) {
    const secret = secrets[id]!
    const tracks = tracksOf(secret, settings)
    const { memo } = tracks
    // Most secrets, most passes: found quiet by an earlier pass, and still before their next moment.
    if (memo.quietRemind === remind && memo.quietFrom <= nowMs && nowMs < memo.quietUntil) {
      if (memo.quietUntil < next) next = memo.quietUntil
      continue
    }
    if (tracks.deletesAt <= nowMs) {
      plan.deletions.push({ secret, dueAt: tracks.deletesAt })
      continue
    }
    const purgeAt = previousPurgeAt(secret)
    if (purgeAt !== null && purgeAt <= nowMs) plan.purges.push({ secret, dueAt: purgeAt })
    const due = remind ? dueFromTracks(tracks, nowMs, ledger) : NOTHING
    for (const moment of due) plan.reminders.push({ secret, moment })
    let at = nextFromTracks(tracks, nowMs, remind) ?? Infinity
    if (purgeAt !== null && purgeAt > nowMs && purgeAt < at) at = purgeAt
    if (at < next) next = at
    if (due.length === 0 && (purgeAt === null || purgeAt > nowMs)) {
      memo.quietFrom = nowMs
      memo.quietUntil = at
      memo.quietRemind = remind
    }
  }
  plan.next = next === Infinity ? null : next
  return plan
}
