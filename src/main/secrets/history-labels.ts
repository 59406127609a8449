/**
 * History names fields by their UI labels ("changed Header name, Value"). Edits recorded before
 * it did name field keys ("changed headerName, value"); those read back in labels too, so a
 * vault's older history speaks the same words. Anything else is shown as it was written.
 */
import { fieldLabel, FIELD_LABELS } from '../../shared/secret-rules'

const CHANGED = 'changed '

export function historyDetail(action: string, detail: string): string {
  if (action !== 'edited' || !detail.startsWith(CHANGED)) return detail
  const keys = detail.slice(CHANGED.length).split(', ')
  if (!keys.every((key) => Object.hasOwn(FIELD_LABELS, key))) return detail
  return CHANGED + keys.map(fieldLabel).join(', ')
}
