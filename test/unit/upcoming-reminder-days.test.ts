import { describe, expect, it } from 'vitest'
import {
  describeReminderDays,
  parseReminderDays,
} from '../../src/renderer/src/settings/reminder-days'

describe('the expiry reminder offsets typed in Settings', () => {
  it('reads commas or spaces, largest first', () => {
    expect(parseReminderDays('1, 30 7')).toEqual({ ok: true, days: [30, 7, 1] })
    expect(parseReminderDays(' 365 ')).toEqual({ ok: true, days: [365] })
  })

  it('says what is wrong with the field, in words', () => {
    expect(parseReminderDays('')).toEqual({
      ok: false,
      error: 'Enter at least one number of days.',
    })
    expect(parseReminderDays('1 2 3 4 5 6')).toEqual({
      ok: false,
      error: 'At most 5 reminders; you entered 6.',
    })
    expect(parseReminderDays('7, 2.5')).toEqual({
      ok: false,
      error: '"2.5" is not a whole number of days.',
    })
    expect(parseReminderDays('0')).toEqual({ ok: false, error: '0 is outside 1 to 365 days.' })
    expect(parseReminderDays('366')).toEqual({ ok: false, error: '366 is outside 1 to 365 days.' })
    expect(parseReminderDays('7, 7')).toEqual({ ok: false, error: '7 is listed twice.' })
    expect(parseReminderDays('-3')).toEqual({
      ok: false,
      error: '"-3" is not a whole number of days.',
    })
  })

  it('describes the offsets for the confirming toast', () => {
    expect(describeReminderDays([30, 7, 1])).toBe('30, 7 and 1 days')
    expect(describeReminderDays([1])).toBe('1 day')
    expect(describeReminderDays([14])).toBe('14 days')
  })
})
