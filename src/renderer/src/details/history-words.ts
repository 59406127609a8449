/**
 * A secret's history in the words of the UI: every audit action has a label, and a detail that
 * names a field, an availability or an instant by its stored form is shown the way the rest of
 * the window shows it ("Header value", "Spot CodeCrafters", local time with the zone), never by an
 * internal id. Details main already writes in labels ("changed Header name, Value", renames,
 * availability changes) are shown as written. Pure, so it is tested without a window.
 */
import { FIELD_LABELS, fieldLabel } from '../../../shared/secret-rules'
import { instantText } from '../../../shared/time-text'

const ACTION_LABELS: Readonly<Record<string, string>> = {
  registered: 'Registered',
  edited: 'Edited',
  renamed: 'Renamed',
  'availability-changed': 'Availability changed',
  'previous-value-restored': 'Previous value restored',
  'previous-value-purged': 'Previous value purged',
  used: 'Used',
  'use-refused': 'Use refused',
  reactivated: 'Used again; deletion cancelled',
  'deletion-scheduled': 'Deletion scheduled',
  'deletion-cancelled': 'Deletion cancelled',
  deleted: 'Deleted',
  reminder: 'Reminder sent',
  'workspace-added': 'Workspace added',
  'workspace-renamed': 'Workspace renamed',
  'profile-changed': 'Profile changed',
  'settings-changed': 'Settings changed',
  'backup-restored': 'Backup restored',
  'vault-created': 'Vault created',
  import: 'Imported',
  export: 'Vault exported',
  'passphrase-added': 'Passphrase added',
  'audit-trimmed': 'Audit log trimmed',
  scan: 'Leak scan',
}

/** `previous-value-restored` → "Previous value restored"; an action not listed, in words. */
export function actionLabel(action: string): string {
  const label = Object.hasOwn(ACTION_LABELS, action)
    ? ACTION_LABELS[action]!
    : action.replace(/[-_]/g, ' ')
  return label.charAt(0).toUpperCase() + label.slice(1)
}

/** The field a use read: a field key → its label; `pair:KEY` or a bare key → "Key KEY". */
function fieldUsed(field: string): string {
  if (Object.hasOwn(FIELD_LABELS, field)) return fieldLabel(field)
  return `Key ${field.startsWith('pair:') ? field.slice('pair:'.length) : field}`
}

/** The fields one use read, as main lists them ("headerName, value" → "Header name, Value"). */
function fieldsUsed(detail: string): string {
  return detail.split(', ').map(fieldUsed).join(', ')
}

const SPOT_ONLY = /^availability spot:(.+)$/
const DELETION_CANCELLED = /^deletion due (\S+) cancelled$/

/** The detail of an entry as the window shows it. */
export function detailText(action: string, detail: string): string {
  if (action === 'used') return fieldsUsed(detail)
  const spot = action === 'use-refused' ? SPOT_ONLY.exec(detail) : null
  if (spot) return `Available only to Spot ${spot[1]}`
  const cancelled = action === 'reactivated' ? DELETION_CANCELLED.exec(detail) : null
  if (cancelled) return `The deletion due ${instantText(cancelled[1]!)} was cancelled`
  return detail
}
