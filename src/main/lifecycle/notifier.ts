/**
 * The port through which the lifecycle shows a reminder as the operating system's own
 * notification. What passes here is a reminder's words and the secret's id, never a value.
 */
export interface SystemNotification {
  title: string
  body: string
  /** The secret the reminder is about: a click on the notification shows it. */
  secretId: string
}

export interface Notifier {
  show(notification: SystemNotification): void
}

/** Shows nothing: the CLI, and tests that do not look. */
export const silentNotifier: Notifier = { show: () => undefined }

/** Keeps what it is asked to show, in order: the harness and the tests. */
export function recordingNotifier(
  onShow: (notification: SystemNotification) => void = () => undefined,
): Notifier & { shown: SystemNotification[] } {
  const shown: SystemNotification[] = []
  return {
    shown,
    show(notification) {
      shown.push(notification)
      onShow(notification)
    },
  }
}
