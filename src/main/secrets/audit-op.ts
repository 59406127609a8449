/** An audit entry as a vault op: time from the clock, the profile's user as actor, never a value. */
import type { Clock } from '../lifecycle/clock'
import type { AuditEntry, StoredSecret, VaultOp, VaultState } from '../vault/vault-state'

export function auditOp(
  clock: Clock,
  state: VaultState,
  action: string,
  secret?: Pick<StoredSecret, 'id' | 'name'>,
  detail?: string,
): VaultOp {
  const entry: AuditEntry = { at: clock.now().toISOString(), actor: state.profile.user, action }
  if (secret) Object.assign(entry, { secretId: secret.id, secretName: secret.name })
  if (detail) entry.detail = detail
  return { op: 'audit', entry }
}
