import { EventEmitter } from 'node:events'
import type { NotificationConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import {
  electronNotifier,
  MAX_HELD_NOTIFICATIONS,
  type NotificationClass,
} from '../../src/main/platform/electron-notifier'

// Reminders reach the OS as native notifications, and a click opens the window on that secret.

function fakeNotifications(supported = true) {
  const shown: FakeNotification[] = []
  class FakeNotification extends EventEmitter {
    static isSupported = () => supported
    constructor(readonly options: NotificationConstructorOptions) {
      super()
    }
    show(): void {
      shown.push(this)
    }
  }
  return { Notification: FakeNotification as unknown as NotificationClass, shown }
}

const REMINDER = {
  title: 'stripe-live will be deleted in 15 days',
  body: 'On Dec 14, 2026, unless it is used or the deletion is cancelled.',
  secretId: 'sec-42',
}

describe('the Electron notifier', () => {
  it('shows the reminder with its title and body, and no action buttons', () => {
    const { Notification, shown } = fakeNotifications()
    electronNotifier({ Notification, openSecret: () => undefined }).show(REMINDER)
    expect(shown).toHaveLength(1)
    expect(shown[0]?.options).toEqual({ title: REMINDER.title, body: REMINDER.body })
  })

  it('opens the window on that secret when the notification is clicked', () => {
    const { Notification, shown } = fakeNotifications()
    const opened: string[] = []
    const notifier = electronNotifier({ Notification, openSecret: (id) => opened.push(id) })
    notifier.show(REMINDER)
    notifier.show({ ...REMINDER, secretId: 'sec-7' })
    expect(opened).toEqual([])
    shown[1]?.emit('click', {})
    shown[0]?.emit('click', {})
    expect(opened).toEqual(['sec-7', 'sec-42'])
  })

  it('shows nothing where the OS has no notifications', () => {
    const { Notification, shown } = fakeNotifications(false)
    const notifier = electronNotifier({ Notification, openSecret: () => undefined })
    expect(() => notifier.show(REMINDER)).not.toThrow()
    expect(shown).toEqual([])
    expect(notifier.held()).toBe(0)
  })

  it('holds each notification until it is clicked, closed or failed, and never without bound', () => {
    const { Notification, shown } = fakeNotifications()
    const notifier = electronNotifier({ Notification, openSecret: () => undefined })
    for (let i = 0; i < 3; i++) notifier.show(REMINDER)
    expect(notifier.held()).toBe(3)
    shown[0]?.emit('click', {})
    shown[1]?.emit('close', {})
    shown[2]?.emit('failed', {}, 'no daemon')
    expect(notifier.held()).toBe(0)
    for (let i = 0; i < MAX_HELD_NOTIFICATIONS + 20; i++) notifier.show(REMINDER)
    expect(notifier.held()).toBe(MAX_HELD_NOTIFICATIONS)
  })
})
