import type { ReactNode } from 'react'
import * as Dialog from '@radix-ui/react-dialog'
import { X } from 'lucide-react'
import { focusFirstField } from './focus'

interface DialogShellProps {
  title: string
  /** A line under the title; the dialog's accessible description. */
  subtitle?: ReactNode
  /** While a request is in flight, Escape and the close button do nothing. */
  busy?: boolean
  size?: 'small' | 'medium' | 'large'
  onClose: () => void
  children: ReactNode
}

/**
 * A modal Radix dialog: focus-trapped, Escape cancels. The store opens dialogs without a Radix
 * Trigger, so returning focus is left to `Dialogs`, which knows what was focused before.
 */
export function DialogShell(props: DialogShellProps): ReactNode {
  const { title, subtitle, busy = false, size = 'medium', onClose, children } = props
  return (
    <Dialog.Root
      open
      onOpenChange={(open) => {
        if (!open && !busy) onClose()
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
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
