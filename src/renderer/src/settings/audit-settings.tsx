/**
 * How long the audit log keeps its entries (DESIGN §3): older ones are trimmed by the lifecycle
 * engine, which records that it did. 400 days by default, 30 to 3650.
 */
import { useEffect } from 'react'
import { AUDIT_RETENTION_DAYS } from '../../../shared/domain'
import { useSettingsStore } from '../store/settings-store'
import { NumberSettingForm } from './number-setting-form'
import { parseWholeNumber } from './whole-number'

const { min, max } = AUDIT_RETENTION_DAYS

export function AuditSettings(): React.JSX.Element {
  const { settings, loadError, load } = useSettingsStore()
  useEffect(() => void load(), [load])
  if (loadError !== null) return <p className="field__error">{loadError}</p>
  if (settings === null) return <p className="field__hint">Loading…</p>
  return (
    <NumberSettingForm
      key={settings.auditRetentionDays}
      id="audit-days"
      label="Keep the audit log for"
      unit="days"
      button="Save audit log"
      hint={`Every registration, edit, use and refusal is kept this long, from ${min} to ${max} days; older entries are removed.`}
      saved={settings.auditRetentionDays}
      parse={(text) =>
        parseWholeNumber(text, AUDIT_RETENTION_DAYS, {
          empty: 'Enter a number of days.',
          notWhole: `Enter whole days, from ${min} to ${max}.`,
          outOfRange: `Keep the audit log ${min} to ${max} days.`,
        })
      }
      save={(value) => useSettingsStore.getState().save({ auditRetentionDays: value })}
      savedText={(value) => `The audit log keeps entries for ${value} days.`}
    />
  )
}
