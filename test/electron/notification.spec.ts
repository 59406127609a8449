import { expect, test } from '@playwright/test'
import { binary, launchApp, skipReason } from './support/launch'

// A reminder reaches the desktop as a real notification, and Safehold keeps running in the tray
// when its window closes. Needs the Electron binary, and a notification service for the first.

test('a native notification is shown, and closing the window leaves the app in the tray', async () => {
  if (!binary) {
    console.log(`skipped: ${skipReason}`)
    test.skip(true, skipReason)
    return
  }
  const launched = await launchApp('notification-test-passphrase')
  const { app } = launched
  try {
    const window = await app.firstWindow()
    await window.waitForLoadState('domcontentloaded')

    const supported = await app.evaluate(({ Notification }) => Notification.isSupported())
    if (!supported) {
      console.log('notification not checked: this desktop has no notification service')
    } else {
      // The OS reports that it showed the notification (on Linux, once the daemon took it).
      const outcome = await app.evaluate(
        ({ Notification }) =>
          new Promise<string>((resolve) => {
            const notification = new Notification({
              title: 'smoke-secret expired',
              body: 'It expired today.',
            })
            const timer = setTimeout(() => resolve('no show event within 10 s'), 10_000)
            notification.once('show', () => {
              clearTimeout(timer)
              resolve('shown')
            })
            notification.once('failed', (_event, error) => {
              clearTimeout(timer)
              resolve(`failed: ${error}`)
            })
            notification.show()
          }),
      )
      expect(outcome).toBe('shown')
    }

    // Closing the window does not end the app: the process answers with no window left.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close())
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))
      .toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await app.evaluate(({ app: electronApp }) => electronApp.isReady())).toBe(true)
  } finally {
    await launched.close()
  }
})
