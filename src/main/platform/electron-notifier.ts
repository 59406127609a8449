/**
 * The Notifier port over Electron's Notification: a click leads to the window on that secret.
 * Nothing depends on action buttons, which Linux notifications do not have. Where the OS offers
 * no notifications, nothing is shown; the notification centre in the vault still has the reminder.
 */
import type { Notification, NotificationConstructorOptions } from 'electron'
import type { Notifier } from '../lifecycle/notifier'

export interface NotificationClass {
  new (options: NotificationConstructorOptions): Pick<Notification, 'show' | 'on'>
  isSupported(): boolean
}

/**
 * A notification object that is garbage collected takes its click handler with it, so each one
 * is held until it is clicked, closed or failed — at most
 * this many, as `close` is not emitted on every platform.
 */
export const MAX_HELD_NOTIFICATIONS = 100

export function electronNotifier(deps: {
  Notification: NotificationClass
  openSecret: (secretId: string) => void
}): Notifier & { held(): number } {
  const held = new Set<Pick<Notification, 'show' | 'on'>>()
  return {
    show({ title, body, secretId }) {
      if (!deps.Notification.isSupported()) return
      const notification = new deps.Notification({ title, body })
      const release = (): void => {
        held.delete(notification)
      }
      notification.on('click', () => {
        release()
        deps.openSecret(secretId)
      })
      notification.on('close', release)
      notification.on('failed', release)
      held.add(notification)
      if (held.size > MAX_HELD_NOTIFICATIONS) {
        const oldest = held.values().next().value
        if (oldest !== undefined) held.delete(oldest)
      }
      notification.show()
    },
    held: () => held.size,
  }
}
