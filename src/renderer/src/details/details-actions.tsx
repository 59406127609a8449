/**
 * The drawer's actions: Copy, Test connection, Edit, and Delete secret or Cancel deletion. The
 * renderer only explains the role rule (§1.2); main enforces it.
 */
import { Pencil, RotateCcw, Trash2 } from 'lucide-react'
import type { SecretDetails } from '../../../shared/secret-view'
import { Button } from '../components/button'
import { canTestConnection } from '../store/connection-tests'
import { useSecretsStore } from '../store/secrets-store'
import { CopyButton } from './copy-button'
import { LastConnectionResult, reservedSpot, TestConnectionButton } from './test-connection-button'

export function DetailsActions({ secret }: { secret: SecretDetails }): React.JSX.Element {
  const role = useSecretsStore((s) => s.profile?.role)
  const openDialog = useSecretsStore((s) => s.openDialog)
  const forbidden = secret.scope === 'organization' && role === 'member'
  const scheduled = secret.status === 'scheduled-for-deletion'

  return (
    <div className="drawer__actions">
      <div className="drawer__action-row">
        <CopyButton secret={secret} />
        <TestConnectionButton secret={secret} />
        <Button
          icon={<Pencil />}
          disabled={forbidden}
          onClick={() => openDialog({ kind: 'edit', id: secret.id })}
        >
          Edit
        </Button>
      </div>
      <LastConnectionResult id={secret.id} />
      <div className="drawer__action-row">
        {scheduled && (
          <Button
            icon={<RotateCcw />}
            disabled={forbidden}
            onClick={() => openDialog({ kind: 'cancel-deletion', id: secret.id })}
          >
            Cancel deletion
          </Button>
        )}
        <Button
          variant="ghost"
          className="btn--danger-text"
          icon={<Trash2 />}
          disabled={forbidden}
          onClick={() => openDialog({ kind: 'delete', id: secret.id })}
        >
          Delete secret
        </Button>
      </div>
      <p className="drawer__note">
        No reveal: values are write-only and never shown again. Copy one, or hand it to programs
        with <code>safehold get</code>.
      </p>
      {canTestConnection(secret) && reservedSpot(secret) !== null && (
        <p className="drawer__note">
          Only the Spot {reservedSpot(secret)} may use this secret, so it cannot be tested here.
        </p>
      )}
      {forbidden && (
        <p className="drawer__note">
          Only an Account Holder or Account Manager can edit or delete organization secrets; you are
          a Member.
        </p>
      )}
    </div>
  )
}
