/**
 * The checks a form runs before it calls main: the same zod rules main applies
 * (src/shared/secret-rules.ts), with their messages, keyed by the field they belong to.
 */
import { TYPE_FIELDS, type CredentialType } from '../../../../shared/domain'
import {
  expirationSchema,
  FIELD_SCHEMAS,
  kvKeySchema,
  MAX_KV_PAIRS,
  parseExpiration,
  secretNameSchema,
  secretValueSchema,
} from '../../../../shared/secret-rules'
import { ruleError, type FieldErrors } from '../ui/field-errors'

export type FormMode = 'register' | 'edit'

/** One row of a Key/Value editor; `existing` rows (edit) keep their value when left empty. */
export interface PairRow {
  id: number
  key: string
  value: string
  existing?: boolean
}

let nextRowId = 1
export function newRow(key = '', value = '', existing = false): PairRow {
  return existing ? { id: nextRowId++, key, value, existing } : { id: nextRowId++, key, value }
}

export const pairKey = (row: PairRow, part: 'key' | 'value'): string => `pair:${row.id}:${part}`

export function checkName(name: string): FieldErrors {
  return { name: ruleError(secretNameSchema, name) }
}

/** The typed fields of API Key, Bearer Token and Client Credentials; in edit, empty keeps. */
export function checkTypedFields(
  type: CredentialType,
  fields: Record<string, string>,
  mode: FormMode,
): FieldErrors {
  const errors: FieldErrors = {}
  const { plain, secret } = TYPE_FIELDS[type]
  for (const key of [...plain, ...secret]) {
    const value = fields[key] ?? ''
    if (mode === 'edit' && secret.includes(key) && value === '') continue
    const schema = FIELD_SCHEMAS[key]
    if (schema) errors[key] = ruleError(schema, value)
  }
  return errors
}

export function checkExpiration(value: string, now = new Date()): FieldErrors {
  if (value === '') return {}
  const invalid = ruleError(expirationSchema, value)
  if (invalid) return { expiresAt: invalid }
  const date = parseExpiration(value)
  if (date && date.getTime() <= now.getTime())
    return { expiresAt: 'Expiration date must be in the future.' }
  return {}
}

/** Rows the user left entirely blank are ignored, so a spare empty row never blocks saving. */
export function filledRows(rows: readonly PairRow[]): PairRow[] {
  return rows.filter((row) => row.existing || row.key !== '' || row.value !== '')
}

export function checkPairs(rows: readonly PairRow[], mode: FormMode): FieldErrors {
  const errors: FieldErrors = {}
  const filled = filledRows(rows)
  if (filled.length === 0 && mode === 'register')
    errors['pairs'] = 'Add at least one key and value.'
  if (filled.length > MAX_KV_PAIRS) errors['pairs'] = `At most ${MAX_KV_PAIRS} keys are allowed.`
  const seen = new Set<string>()
  filled.forEach((row) => {
    const number = rows.indexOf(row) + 1
    const keyError = row.key === '' ? `Key ${number} is required.` : ruleError(kvKeySchema, row.key)
    if (keyError) errors[pairKey(row, 'key')] = keyError
    else if (seen.has(row.key))
      errors[pairKey(row, 'key')] = `Key "${row.key}" appears more than once.`
    seen.add(row.key)
    if (row.existing && row.value === '') return
    const label = row.key === '' ? `Value ${number}` : `The value of "${row.key}"`
    const valueError = ruleError(secretValueSchema(label), row.value)
    if (valueError) errors[pairKey(row, 'value')] = valueError
  })
  return errors
}
