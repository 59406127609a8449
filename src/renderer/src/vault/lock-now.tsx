/**
 * Lock now in the window (DESIGN §6.4): the sidebar's button and Ctrl/Cmd+L anywhere in the open
 * window. Both go through lockRequest, which asks first when a form holds typed data; the question
 * is a modal alert above any open dialog, and "Keep editing" (also Escape) is its default.
 */
import * as AlertDialog from '@radix-ui/react-alert-dialog'
import { Lock } from 'lucide-react'
import { useEffect } from 'react'
import { Button } from '../components/button'
import { lockRequest, useLockRequest } from './vault-stores'

const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

/** Ctrl+L, or Cmd+L on macOS: the shortcut the File menu shows and the window handles. */
export function isLockShortcut(event: KeyboardEvent): boolean {
  const command = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey
  return command && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l'
}

/** Ctrl/Cmd+L, heard before any field or dialog sees it. */
export function useLockShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isLockShortcut(event) || event.repeat) return
      event.preventDefault()
      event.stopPropagation()
      void lockRequest.getState().request()
    }
    window.addEventListener('keydown', onKeyDown, { capture: true })
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true })
  }, [])
}

/** At the bottom of the sidebar. */
export function LockNowButton(): React.JSX.Element {
  const locking = useLockRequest((s) => s.locking)
  return (
    <button
      type="button"
      className="nav-item lock-now"
      aria-keyshortcuts={isMac ? 'Meta+L' : 'Control+L'}
      disabled={locking}
      onClick={() => void lockRequest.getState().request()}
    >
      <span className="nav-item__icon" aria-hidden="true">
        <Lock />
      </span>
      <span className="nav-item__label">Lock now</span>
      <kbd className="lock-now__keys" aria-hidden="true">
        {isMac ? '⌘L' : 'Ctrl+L'}
      </kbd>
    </button>
  )
}

/** "Lock and discard what you typed?", while a Lock now waits for the answer. */
export function LockQuestion(): React.JSX.Element | null {
  const asking = useLockRequest((s) => s.asking)
  if (!asking) return null
  return (
    <AlertDialog.Root
      open
      onOpenChange={(open) => {
        if (!open) lockRequest.getState().keep()
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dlg-overlay dlg-overlay--nested" />
        <AlertDialog.Content className="dlg-content dlg-content--small dlg-confirm-discard">
          <header className="dlg-header">
            <div className="dlg-heading">
              <AlertDialog.Title className="dlg-title">
                Lock and discard what you typed?
              </AlertDialog.Title>
              <AlertDialog.Description className="dlg-subtitle">
                A form holds data you typed. Locking closes it and throws that away; nothing has
                been saved.
              </AlertDialog.Description>
            </div>
          </header>
          <footer className="dlg-footer">
            <span className="dlg-footer-gap" />
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Keep editing</Button>
            </AlertDialog.Cancel>
            <Button variant="danger" onClick={() => void lockRequest.getState().confirm()}>
              Lock and discard
            </Button>
          </footer>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}
