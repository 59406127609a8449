/**
 * What an edit changes besides values (DESIGN §1.1, §1.2): the name, an organization secret's
 * availability, notes, tags and the favourite star. Every rule is the registration's, and every
 * refusal names the field without quoting what was given. Pure; it writes into `next` only.
 */
import type { Availability } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import {
  availabilitySchema,
  notesSchema,
  secretNameSchema,
  tagsSchema,
} from '../../shared/secret-rules'
import type { EditRequest } from '../../shared/secret-requests'
import type { StoredSecret } from '../vault/vault-state'
import { check } from './rule-check'

/** The one text for availability given to a secret outside the organization scope. */
export const AVAILABILITY_SCOPE_MESSAGE =
  'Availability applies only to organization secrets; workspace and personal secrets have none.'

/** Notes and tags as a registration stores them: only what is there. */
export function validMetadata(request: {
  notes?: string | undefined
  tags?: string[] | undefined
}): Pick<StoredSecret, 'notes' | 'tags'> {
  const notes = request.notes === undefined ? '' : check(notesSchema, request.notes, 'notes')
  const tags = request.tags === undefined ? [] : check(tagsSchema, request.tags, 'tags')
  return { ...(notes === '' ? {} : { notes }), ...(tags.length === 0 ? {} : { tags }) }
}

/** Applies name, availability, notes, tags and favourite; returns the edited metadata fields. */
export function applyMetadata(
  current: StoredSecret,
  next: StoredSecret,
  request: EditRequest,
): { changed: string[] } {
  const changed: string[] = []
  if (request.name !== undefined) next.name = check(secretNameSchema, request.name, 'name')
  if (request.availability !== undefined) {
    next.availability = validAvailability(current, request.availability)
  }
  if (request.notes !== undefined) {
    const notes = check(notesSchema, request.notes, 'notes')
    if (notes !== (current.notes ?? '')) changed.push('notes')
    next.notes = notes
  }
  if (request.tags !== undefined) {
    const tags = check(tagsSchema, request.tags, 'tags')
    const before = current.tags ?? []
    if (tags.length !== before.length || tags.some((tag, i) => tag !== before[i]))
      changed.push('tags')
    next.tags = tags
  }
  if (request.favourite !== undefined) {
    if (typeof request.favourite !== 'boolean')
      throw new SafeholdError('INVALID_INPUT', 'Favourite is either on or off.', 'favourite')
    next.favourite = request.favourite
  }
  return { changed }
}

function validAvailability(current: StoredSecret, given: unknown): Availability {
  if (current.scope.kind !== 'organization')
    throw new SafeholdError('INVALID_INPUT', AVAILABILITY_SCOPE_MESSAGE, 'availability')
  return check(availabilitySchema, given, 'availability')
}
