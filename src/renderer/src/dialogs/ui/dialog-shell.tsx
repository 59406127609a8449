import { createContext, useContext, useState, type ReactNode } from 'react'
import * as AlertDialog from '@radix-ui/react-alert-dialog'
import * as Dialog from '@radix-ui/react-dialog'
import { X } from 'lucide-react'
import { Button } from '../../components/button'
import { useDirtyForm } from './dirty-form'
import { focusFirstField } from './focus'

interface DialogShellProps {
  title: string
  /** A line under the title; the dialog's accessible description. */
  subtitle?: ReactNode
  /** While a request is in flight, Escape and the close button do nothing. */
  busy?: boolean
  /**
   * The form holds data the user typed: Escape, Close and Cancel ask before they throw it away,
   * and "Lock now" asks too (dirty-form.ts).
   */
  dirty?: boolean
  size?: 'small' | 'medium' | 'large'
  onClose: () => void
  children: ReactNode
}

/** How a dialog's own Cancel button closes it: through the same question as Escape. */
const CloseRequest = createContext<() => void>(() => undefined)

/**
 * "Cancel" in a dialog's footer: closes it, asking first when it holds typed data. `first` makes
 * it the control focused when the dialog opens, where going on is the risky answer.
 */
export function CancelButton({
  disabled,
  first,
}: {
  disabled?: boolean
  first?: boolean
}): ReactNode {
  const requestClose = useContext(CloseRequest)
  return (
    <Button
      variant="ghost"
      onClick={requestClose}
      disabled={disabled}
      {...(first ? { 'data-autofocus': '' } : {})}
    >
      Cancel
    </Button>
  )
}

/**
 * A modal Radix dialog: focus-trapped, Escape cancels. The store opens dialogs without a Radix
 * Trigger, so returning focus is left to `Dialogs`, which knows what was focused before.
 */
export function DialogShell(props: DialogShellProps): ReactNode {
  const { title, subtitle, busy = false, dirty = false, size = 'medium', onClose, children } = props
  const [asking, setAsking] = useState(false)
  useDirtyForm(dirty)
  const requestClose = (): void => {
    if (busy) return
    // An Escape that reaches the dialog while the question is up (pressed before the question's
    // own layer took the key) answers the question, as its Escape does: keep editing.
    if (asking) setAsking(false)
    else if (dirty) setAsking(true)
    else onClose()
  }
  return (
    <Dialog.Root
      open
      onOpenChange={(open) => {
        if (!open) requestClose()
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dlg-overlay" />
        <Dialog.Content
          className={`dlg-content dlg-content--${size}`}
          {...(subtitle ? {} : { 'aria-describedby': undefined })}
          // Typed input would be lost to a stray click; Cancel and Escape close instead.
          onPointerDownOutside={(event) => event.preventDefault()}
          onInteractOutside={(event) => event.preventDefault()}
          // The details drawer closes on Escape too; a dialog's Escape is the dialog's alone.
          onEscapeKeyDown={(event) => {
            event.stopPropagation()
            if (busy) event.preventDefault()
          }}
          onOpenAutoFocus={(event) => {
            event.preventDefault()
            const content = event.currentTarget as HTMLElement
            focusFirstField(content.querySelector<HTMLElement>('[data-focus-first]') ?? content)
          }}
          onCloseAutoFocus={(event) => event.preventDefault()}
        >
          <header className="dlg-header">
            <div className="dlg-heading">
              <Dialog.Title className="dlg-title">{title}</Dialog.Title>
              {subtitle ? (
                <Dialog.Description className="dlg-subtitle">{subtitle}</Dialog.Description>
              ) : null}
            </div>
            <Dialog.Close className="dlg-icon-button dlg-close" aria-label="Close" disabled={busy}>
              <X aria-hidden size={18} />
            </Dialog.Close>
          </header>
          <CloseRequest.Provider value={requestClose}>{children}</CloseRequest.Provider>
          {asking && (
            <DiscardQuestion
              onKeep={() => setAsking(false)}
              onDiscard={() => {
                setAsking(false)
                onClose()
              }}
            />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

/** "Discard what you typed?": Keep editing is the default, and Escape's answer. */
function DiscardQuestion(props: { onKeep: () => void; onDiscard: () => void }): ReactNode {
  return (
    <AlertDialog.Root
      open
      onOpenChange={(open) => {
        if (!open) props.onKeep()
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dlg-overlay dlg-overlay--nested" />
        <AlertDialog.Content
          className="dlg-content dlg-content--small dlg-confirm-discard"
          onEscapeKeyDown={(event) => event.stopPropagation()}
        >
          <header className="dlg-header">
            <div className="dlg-heading">
              <AlertDialog.Title className="dlg-title">Discard what you typed?</AlertDialog.Title>
              <AlertDialog.Description className="dlg-subtitle">
                This form holds data you typed. Closing it throws that away; nothing has been saved.
              </AlertDialog.Description>
            </div>
          </header>
          <footer className="dlg-footer">
            <span className="dlg-footer-gap" />
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Keep editing</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant="danger" onClick={props.onDiscard}>
                Discard
              </Button>
            </AlertDialog.Action>
          </footer>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}
