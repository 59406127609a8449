/**
 * The port through which reminders reach the operating system's notifications. What crosses it is
 * a reminder's wording and the secret it is about, never a value.
 */
export interface SystemNotification {
  title: string
  body: string
  secretId: string
}

export interface Notifier {
  show(notification: SystemNotification): void
}
