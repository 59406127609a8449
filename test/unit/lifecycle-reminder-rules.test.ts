/**
 * Which reminder is due, as a pure function (DESIGN §2): the deletion and expiry tracks, each
 * reminder once by its ledger key, catch-up of only the latest missed one, and nothing the event
 * itself has overtaken. Expected moments are written out by hand.
 */
import { describe, expect, it } from 'vitest'
import {
  dueReminders,
  ledgerId,
  nextMoment,
  type SecretForReminders,
} from '../../src/main/lifecycle/reminder-rules'
import { DAY_MS, type LifecycleInstants } from '../../src/main/lifecycle/secret-status'
import { DEFAULT_SETTINGS } from '../../src/main/vault/vault-state'

const T0 = Date.parse('2030-01-01T00:00:00.000Z')
const day = (d: number): number => T0 + d * DAY_MS
const iso = (d: number): string => new Date(day(d)).toISOString()

function secret(over: Partial<LifecycleInstants> = {}, since = day(0)): SecretForReminders {
  return {
    id: 's1',
    instants: { lastActivityAt: day(0), scheduledAt: null, expiresAt: null, ...over },
    since,
  }
}

/** [kind, offsetDays, dueAt day] of what is due at `d` with `sent` already in the ledger. */
function due(s: SecretForReminders, d: number, sent: string[] = []): [string, number, number][] {
  return dueReminders(s, DEFAULT_SETTINGS, day(d), new Set(sent)).map((m) => [
    m.kind,
    m.offsetDays,
    (m.dueAt - T0) / DAY_MS,
  ])
}

const key = (kind: string, dueDay: number, offset: number): string =>
  ledgerId('s1', kind as never, iso(dueDay), offset)

describe('the automatic deletion track', () => {
  it('nothing before day 30; inactive at 30 (deletion on day 60), then 15, 10 and 1 days before', () => {
    expect(due(secret(), 29.99)).toEqual([])
    expect(due(secret(), 30)).toEqual([['inactive', 30, 60]])
    const sent = [key('inactive', 60, 30)]
    expect(due(secret(), 44.99, sent)).toEqual([])
    expect(due(secret(), 45, sent)).toEqual([['deletion-reminder', 15, 60]])
    sent.push(key('deletion-reminder', 60, 15))
    expect(due(secret(), 50, sent)).toEqual([['deletion-reminder', 10, 60]])
    sent.push(key('deletion-reminder', 60, 10))
    expect(due(secret(), 59, sent)).toEqual([['deletion-reminder', 1, 60]])
    sent.push(key('deletion-reminder', 60, 1))
    expect(due(secret(), 59.5, sent)).toEqual([])
  })

  it('is sent once: the same moment with its key in the ledger is not due again', () => {
    expect(due(secret(), 31, [key('inactive', 60, 30)])).toEqual([])
  })

  it('catches up only the latest missed reminder of the track', () => {
    expect(due(secret(), 52)).toEqual([['deletion-reminder', 10, 60]])
    expect(due(secret(), 52, [key('inactive', 60, 30)])).toEqual([['deletion-reminder', 10, 60]])
  })

  it('sends nothing once the deletion is due: the deletion itself overtakes every reminder', () => {
    expect(due(secret(), 60)).toEqual([])
    expect(due(secret(), 75)).toEqual([])
  })

  it('after a clock jump back sends no earlier reminder when a later one was sent', () => {
    const sent = [key('inactive', 60, 30), key('deletion-reminder', 60, 1)]
    expect(due(secret(), 45, sent)).toEqual([])
    expect(due(secret(), 50, sent)).toEqual([])
    expect(due(secret(), 59.5, sent)).toEqual([])
  })

  it('a use moves the deletion: the new instant is a new track with new keys', () => {
    const used = secret({ lastActivityAt: day(40) })
    expect(due(used, 50, [key('inactive', 60, 30)])).toEqual([])
    expect(due(used, 70, [key('inactive', 60, 30)])).toEqual([['inactive', 30, 100]])
  })
})

describe('the deletion track of a secret scheduled by hand', () => {
  const scheduled = secret({ scheduledAt: day(10) })
  it('has no inactive reminder, only 15, 10 and 1 days before day 40', () => {
    expect(due(scheduled, 24.99)).toEqual([])
    expect(due(scheduled, 25)).toEqual([['deletion-reminder', 15, 40]])
    expect(due(scheduled, 30, [key('deletion-reminder', 40, 15)])).toEqual([
      ['deletion-reminder', 10, 40],
    ])
    expect(due(scheduled, 39, [key('deletion-reminder', 40, 10)])).toEqual([
      ['deletion-reminder', 1, 40],
    ])
    expect(due(scheduled, 40)).toEqual([])
  })
})

describe('the expiry track', () => {
  // Used on day 20: inactive only from day 50, so its deletion track stays quiet here.
  const expiring = secret({ lastActivityAt: day(20), expiresAt: day(40) })
  it('30, 7 and 1 days before, then at expiry', () => {
    expect(due(expiring, 9.99)).toEqual([])
    expect(due(expiring, 10)).toEqual([['expiry-reminder', 30, 40]])
    expect(due(expiring, 33, [key('expiry-reminder', 40, 30)])).toEqual([
      ['expiry-reminder', 7, 40],
    ])
    expect(due(expiring, 39, [key('expiry-reminder', 40, 7)])).toEqual([['expiry-reminder', 1, 40]])
    expect(due(expiring, 40, [key('expiry-reminder', 40, 1)])).toEqual([['expired', 0, 40]])
    // The deletion track runs beside it: inactive on day 50, deletion on day 80.
    expect(due(expiring, 50, [key('expired', 40, 0)])).toEqual([['inactive', 30, 80]])
  })

  it('follows the configured offsets', () => {
    const settings = { expiryReminderDays: [14, 3], autoLockMinutes: 10, auditRetentionDays: 400 }
    const at = (d: number): string[] =>
      dueReminders(expiring, settings, day(d), new Set()).map((m) => `${m.kind}/${m.offsetDays}`)
    expect(at(25)).toEqual([])
    expect(at(26)).toEqual(['expiry-reminder/14'])
    expect(at(37)).toEqual(['expiry-reminder/3'])
  })

  it('an expiry long past when first seen is said once, as "expired", never as a reminder before it', () => {
    const old = secret({ lastActivityAt: day(400), expiresAt: day(40) })
    expect(due(old, 420)).toEqual([['expired', 0, 40]])
    expect(due(old, 420, [key('expired', 40, 0)])).toEqual([])
  })

  it('a reminder whose moment came before the secret last changed is not due: it was never missed', () => {
    // Registered on day 25 with an expiry on day 40: no "expires in 30 days" on day 25.
    const late = secret({ lastActivityAt: day(25), expiresAt: day(40) }, day(25))
    expect(due(late, 25)).toEqual([])
    expect(due(late, 33)).toEqual([['expiry-reminder', 7, 40]])
  })

  it('an expiry moved by an edit starts a new track; the old one no longer fires', () => {
    const sent = [key('expiry-reminder', 40, 30)]
    const moved = secret({ lastActivityAt: day(20), expiresAt: day(80) }, day(20))
    expect(due(moved, 39, sent)).toEqual([])
    expect(due(moved, 40, sent)).toEqual([])
    expect(due(moved, 49.99, sent)).toEqual([])
    expect(due(moved, 50, sent)).toEqual([
      ['inactive', 30, 80],
      ['expiry-reminder', 30, 80],
    ])
  })
})

describe('the next moment the scheduler waits for', () => {
  it('is the next reminder, or the deletion itself when reminders are not sent', () => {
    const s = secret().instants
    expect(nextMoment(s, DEFAULT_SETTINGS, day(1), true)).toBe(day(30))
    expect(nextMoment(s, DEFAULT_SETTINGS, day(30), true)).toBe(day(45))
    expect(nextMoment(s, DEFAULT_SETTINGS, day(59.5), true)).toBe(day(60))
    expect(nextMoment(s, DEFAULT_SETTINGS, day(1), false)).toBe(day(60))
    expect(nextMoment(s, DEFAULT_SETTINGS, day(60), false)).toBeNull()
  })
})
