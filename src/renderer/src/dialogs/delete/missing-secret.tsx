import type { ReactNode } from 'react'
import { DialogShell } from '../ui/dialog-shell'
import { FormAlert } from '../ui/form-alert'
import { Button } from '../../components/button'

/** The secret a dialog was opened for is gone (deleted meanwhile, e.g. by the CLI). */
export function MissingSecret({
  title,
  onClose,
}: {
  title: string
  onClose: () => void
}): ReactNode {
  return (
    <DialogShell title={title} size="small" onClose={onClose}>
      <div className="dlg-body">
        <FormAlert tone="info">This secret no longer exists: it was deleted meanwhile.</FormAlert>
      </div>
      <footer className="dlg-footer">
        <span className="dlg-footer-gap" />
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </footer>
    </DialogShell>
  )
}
