/**
 * The edit form (DESIGN.md §1.3): non-secret fields start filled in, secret fields start empty and
 * an empty one keeps its value. Only what the user changed is sent: values and fields here, the
 * name, availability, notes and tags by edit-metadata.ts.
 */
import { TYPE_FIELDS } from '../../../../shared/domain'
import type { IpcRequest } from '../../../../shared/ipc-contract'
import type { SecretDetails, SecretSummary } from '../../../../shared/secret-view'
import { certificateFiles, type CertDraft } from '../secret-form/certificate-draft'
import {
  checkExpiration,
  checkPairs,
  checkTypedFields,
  filledRows,
  newRow,
  type PairRow,
} from '../secret-form/form-rules'
import { LAST_KEY_MESSAGE } from '../../../../shared/secret-rules'
import type { FieldErrors } from '../ui/field-errors'
import {
  checkMetadata,
  initialMetadata,
  metadataChange,
  METADATA_FIELDS,
  type MetadataDraft,
} from './edit-metadata'

export interface EditDraft extends MetadataDraft {
  fields: Record<string, string>
  expiresAt: string
  rows: PairRow[]
}

/** Fields the edit form shows, for placing main's errors. */
export const EDIT_FIELDS = [
  ...METADATA_FIELDS,
  'headerName',
  'value',
  'headerValue',
  'clientId',
  'url',
  'clientSecret',
  'pairs',
  'certificate',
  'privateKey',
  'certificatePassword',
  'expiresAt',
]

const dayOf = (iso: string | null): string => (iso === null ? '' : iso.slice(0, 10))

export function initialEdit(details: SecretDetails): EditDraft {
  const fields: Record<string, string> = {}
  for (const key of TYPE_FIELDS[details.type].plain) fields[key] = details.fields[key] ?? ''
  for (const key of TYPE_FIELDS[details.type].secret) fields[key] = ''
  return {
    ...initialMetadata(details),
    fields,
    expiresAt: dayOf(details.expiresAt),
    rows: details.keys.map((key) => newRow(key, '', true)),
  }
}

export function checkEdit(
  details: SecretDetails,
  draft: EditDraft,
  secrets: readonly SecretSummary[],
): FieldErrors {
  const errors: FieldErrors = checkMetadata(details, draft, secrets)
  if (details.type === 'key-value') {
    Object.assign(errors, checkPairs(draft.rows, 'edit'))
    if (filledRows(draft.rows).length === 0) errors['pairs'] = LAST_KEY_MESSAGE
  } else if (details.type !== 'certificate')
    Object.assign(errors, checkTypedFields(details.type, draft.fields, 'edit'))
  if (details.type !== 'certificate' && draft.expiresAt !== dayOf(details.expiresAt))
    Object.assign(errors, checkExpiration(draft.expiresAt))
  return errors
}

/** The edit request, or null when nothing changed. */
export function editRequest(
  details: SecretDetails,
  draft: EditDraft,
  cert: CertDraft,
): IpcRequest<'secrets:edit'> | null {
  const request: IpcRequest<'secrets:edit'> = { id: details.id, ...metadataChange(details, draft) }
  const { plain, secret } = TYPE_FIELDS[details.type]
  const fields: Record<string, string> = {}
  for (const key of plain) {
    const value = draft.fields[key] ?? ''
    if (value !== (details.fields[key] ?? '')) fields[key] = value
  }
  for (const key of secret) {
    const value = draft.fields[key] ?? ''
    if (value !== '' && details.type !== 'certificate') fields[key] = value
  }
  if (Object.keys(fields).length) request.fields = fields
  if (details.type === 'key-value') {
    const pairs = filledRows(draft.rows)
      .filter((row) => !row.existing || row.value !== '')
      .map(({ key, value }) => ({ key, value }))
    if (pairs.length) request.pairs = pairs
    const kept = new Set(draft.rows.filter((row) => row.existing).map((row) => row.key))
    const removed = details.keys.filter((key) => !kept.has(key))
    if (removed.length) request.removeKeys = removed
  }
  if (details.type !== 'certificate' && draft.expiresAt !== dayOf(details.expiresAt)) {
    request.expiresAt = draft.expiresAt === '' ? null : draft.expiresAt
  }
  if (details.type === 'certificate') Object.assign(request, certificateFiles(cert))
  return Object.keys(request).length > 1 ? request : null
}
