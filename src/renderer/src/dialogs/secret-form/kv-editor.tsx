import type { ReactNode } from 'react'
import { Plus, Trash2 } from 'lucide-react'
import { MAX_KV_PAIRS } from '../../../../shared/secret-rules'
import { FieldError } from '../ui/field'
import type { FieldErrors } from '../ui/field-errors'
import { SecretInput } from '../ui/secret-input'
import { newRow, pairKey, type PairRow } from './form-rules'
import { Button } from '../../components/button'

interface KvEditorProps {
  rows: readonly PairRow[]
  errors: FieldErrors
  onChange: (rows: PairRow[]) => void
}

/**
 * Rows of key + value, named "Key 1" / "Value 1" … for assistive technology. Rows that already
 * exist (edit) keep their key and, when the value is left empty, their value; removing one removes
 * that key when the edit is saved.
 */
export function KvEditor({ rows, errors, onChange }: KvEditorProps): ReactNode {
  const update = (id: number, change: Partial<PairRow>): void =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...change } : row)))
  return (
    <div className="dlg-kv" role="group" aria-label="Keys and values">
      <div className="dlg-kv-head" aria-hidden>
        <span>Key</span>
        <span>Value</span>
      </div>
      {rows.map((row, index) => {
        const number = index + 1
        const keyError = errors[pairKey(row, 'key')]
        const valueError = errors[pairKey(row, 'value')]
        return (
          <div key={row.id} className="dlg-kv-row">
            <input
              className="dlg-input dlg-mono"
              aria-label={`Key ${number}`}
              aria-invalid={keyError ? true : undefined}
              readOnly={row.existing}
              autoComplete="off"
              spellCheck={false}
              placeholder="API_KEY"
              value={row.key}
              onChange={(event) => update(row.id, { key: event.target.value })}
            />
            <SecretInput
              aria-label={`Value ${number}`}
              aria-invalid={valueError ? true : undefined}
              placeholder={row.existing ? 'Unchanged' : undefined}
              value={row.value}
              onChange={(value) => update(row.id, { value })}
            />
            <button
              type="button"
              className="dlg-icon-button"
              aria-label={`Remove row ${number}`}
              title={row.existing ? `Remove "${row.key}" when you save` : 'Remove row'}
              onClick={() => onChange(rows.filter((other) => other.id !== row.id))}
            >
              <Trash2 aria-hidden size={16} />
            </button>
            {(keyError || valueError) && (
              <div className="dlg-kv-errors">
                <FieldError message={keyError} />
                <FieldError message={valueError} />
              </div>
            )}
          </div>
        )
      })}
      <div className="dlg-kv-foot">
        <Button
          variant="ghost"
          className="dlg-add-row"
          disabled={rows.length >= MAX_KV_PAIRS}
          onClick={() => onChange([...rows, newRow()])}
        >
          <Plus aria-hidden size={16} /> Add key
        </Button>
        <span className="dlg-count">
          {rows.length} of {MAX_KV_PAIRS} keys
        </span>
      </div>
      <FieldError message={errors['pairs']} />
    </div>
  )
}
