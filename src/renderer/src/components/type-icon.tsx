/** A small icon per credential type, decorative: the type's words always stand beside it. */
import { FileBadge, KeyRound, List, ShieldCheck, Ticket } from 'lucide-react'
import type { CredentialType } from '../../../shared/domain'

const ICONS = {
  'api-key': KeyRound,
  'bearer-token': Ticket,
  'client-credentials': ShieldCheck,
  certificate: FileBadge,
  'key-value': List,
} satisfies Record<CredentialType, unknown>

export function TypeIcon({ type }: { type: CredentialType }): React.JSX.Element {
  const Icon = ICONS[type]
  return <Icon className={`type-icon type-icon--${type}`} aria-hidden="true" />
}
