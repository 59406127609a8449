/**
 * "Import .env" as the dialog holds it: the file the user chose (its bytes, which only main
 * parses), how to import it, and where. The page never sees a value of the file: main answers the
 * preview with keys, names and problems, and the import is sent the same bytes again.
 */
import type { IpcRequest, IpcResponse } from '../../../../shared/ipc-contract'
import { availabilityOfChoice } from '../secret-form/availability'
import type { FileDraft } from '../ui/file-read'
import type { WizardDraft } from '../register/wizard-model'

export type ImportMode = 'one' | 'per-key'

export type ImportPreview = IpcResponse<'import:preview-env'>

export interface ImportDraft {
  file: FileDraft | null
  mode: ImportMode
  /** The one secret's name (mode `one`). */
  name: string
  /** Scope, workspace and availability, as the registration wizard's first step holds them. */
  place: WizardDraft
}

/** Where each field's errors are shown. */
export const IMPORT_FIELDS = ['file', 'mode', 'name', 'scope', 'workspace', 'availability']

/** `production.env` → `production-env`: a secret name (3–64 of A–Z a–z 0–9 . _ -) to start from. */
export function nameFromFile(fileName: string): string {
  const base = fileName
    .replace(/^\.+/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\./g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
  return base.length >= 3 ? base : 'imported-env'
}

export function importRequest(draft: ImportDraft): IpcRequest<'import:env'> | null {
  const { file, place } = draft
  if (file === null || place.scope === null) return null
  if (place.scope === 'workspace' && place.workspace === '') return null
  const scope =
    place.scope === 'workspace'
      ? { kind: 'workspace' as const, workspace: place.workspace }
      : { kind: place.scope }
  return {
    file,
    mode: draft.mode,
    ...(draft.mode === 'one' ? { name: draft.name } : {}),
    scope,
    ...(place.scope === 'organization'
      ? { availability: availabilityOfChoice(place.availability) }
      : {}),
  }
}

/** A problem main found, beside the field it belongs to: a per-key name problem is the mode's. */
export function fieldOf(field: string | undefined, mode: ImportMode): string {
  if (field === 'pairs' || field === 'file') return 'file'
  if (field === 'name') return mode === 'one' ? 'name' : 'mode'
  if (field === 'scope' || field === 'workspace' || field === 'availability') return field
  return 'form'
}

/** The problems of a preview, one message per field (several join as one). */
export function problemsByField(
  preview: ImportPreview | null,
  mode: ImportMode,
): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {}
  for (const problem of preview?.problems ?? []) {
    const field = fieldOf(problem.field, mode)
    errors[field] =
      errors[field] === undefined ? problem.message : `${errors[field]} ${problem.message}`
  }
  return errors
}
