import { useLayoutEffect, useRef, type JSX } from 'react'
import { useSecretsStore } from '../store/secrets-store'
import { AddWorkspaceDialog } from './add-workspace-dialog'
import { ImportEnvDialog } from './import-env/import-env-dialog'
import { ChangeRoleDialog } from '../settings/change-role-dialog'
import { CancelDeletionDialog } from './delete/cancel-deletion-dialog'
import { DeleteDialog } from './delete/delete-dialog'
import { EditDialog } from './edit/edit-dialog'
import { RegisterWizard } from './register/register-wizard'
import { RestorePreviousDialog } from './restore-previous-dialog'
import { TestConnectionDialog } from './test-connection-dialog'
import './dialogs.css'

/**
 * The dialog the store names, or nothing. The store opens dialogs without a Radix Trigger, so the
 * element focused before a dialog opened is remembered here and focused again when it closes.
 */
export function Dialogs(): JSX.Element | null {
  const dialog = useSecretsStore((s) => s.dialog)
  const opener = useRef<HTMLElement | null>(null)
  const open = dialog !== null

  // A layout effect runs before the dialog's own effects move focus into it.
  useLayoutEffect(() => {
    if (open) {
      if (opener.current === null && document.activeElement instanceof HTMLElement) {
        opener.current = document.activeElement
      }
      return
    }
    const target = opener.current
    opener.current = null
    if (!target) return
    // After Radix's own unmount focus (a zero-delay timer), so ours is the last word.
    const timer = window.setTimeout(() => {
      if (target.isConnected) target.focus()
    }, 0)
    return () => window.clearTimeout(timer)
  }, [open])

  if (dialog === null) return null
  switch (dialog.kind) {
    case 'register':
      return <RegisterWizard />
    case 'edit':
      return <EditDialog key={dialog.id} id={dialog.id} />
    case 'delete':
      return <DeleteDialog key={dialog.id} id={dialog.id} choice={dialog.choice ?? null} />
    case 'cancel-deletion':
      return <CancelDeletionDialog key={dialog.id} id={dialog.id} />
    case 'add-workspace':
      return <AddWorkspaceDialog />
    case 'import-env':
      return <ImportEnvDialog />
    case 'restore-previous':
      return <RestorePreviousDialog key={dialog.id} id={dialog.id} />
    case 'test-connection':
      return <TestConnectionDialog key={dialog.id} id={dialog.id} />
    case 'change-role':
      return <ChangeRoleDialog key={dialog.role} role={dialog.role} />
  }
}
