import { describe, expect, it } from 'vitest'
import { reminderText } from '../../src/main/lifecycle/reminder-text'

const DAY = 86_400_000
const due = Date.parse('2027-01-20T10:00:00.000Z')
const record = (
  kind: Parameters<typeof reminderText>[0]['kind'],
  offsetDays: number,
  sentAt: number,
) => ({
  secretName: 'stripe-live',
  kind,
  dueAt: new Date(due).toISOString(),
  offsetDays,
  at: new Date(sentAt).toISOString(),
})

describe('what a reminder says', () => {
  it('counts the days left from when it was sent, not from its offset', () => {
    expect(reminderText(record('deletion-reminder', 15, due - 15 * DAY + 30_000)).title).toBe(
      '"stripe-live" will be deleted in 15 days',
    )
    // Caught up after the app was closed: 13 days are left when it is sent.
    expect(reminderText(record('deletion-reminder', 15, due - 13 * DAY)).title).toBe(
      '"stripe-live" will be deleted in 13 days',
    )
    expect(reminderText(record('deletion-reminder', 1, due - DAY)).title).toBe(
      '"stripe-live" will be deleted in 1 day',
    )
    expect(reminderText(record('expiry-reminder', 7, due - 6.5 * DAY)).title).toBe(
      '"stripe-live" expires in 7 days',
    )
  })

  it('names the secret and the date of the event, never anything else of it', () => {
    const { title, body } = reminderText(record('inactive', 30, due - 30 * DAY))
    expect(title).toBe('"stripe-live" is inactive')
    expect(body).toMatch(/will be deleted on Jan 20, 2027/)
    expect(reminderText(record('reactivated', 0, due - 3 * DAY)).title).toBe(
      '"stripe-live" was used again; its deletion was cancelled',
    )
  })
})
