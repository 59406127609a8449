/**
 * What an edit changes besides values (DESIGN §1.1, §1.2): the name, an organization secret's
 * availability, notes and tags. The form starts from what is stored and sends only what differs,
 * so an untouched field never reaches main; the checks are the shared rules main applies.
 */
import type { IpcRequest } from '../../../../shared/ipc-contract'
import type { SecretDetails, SecretSummary } from '../../../../shared/secret-view'
import {
  availabilityChoiceOf,
  availabilityOfChoice,
  type AvailabilityChoice,
} from '../secret-form/availability'
import { checkName } from '../secret-form/form-rules'
import { nameHolder, nameTakenText } from '../secret-form/name-holder'
import { checkNotesAndTags, tagsToSave } from '../secret-form/metadata-rules'
import { sameTags } from '../secret-form/tag-list'
import type { FieldErrors } from '../ui/field-errors'

export interface MetadataDraft {
  name: string
  availability: AvailabilityChoice
  notes: string
  tags: string[]
  /** What is typed in the Tags field and not yet a chip. */
  tagText: string
}

type MetadataChange = Pick<IpcRequest<'secrets:edit'>, 'name' | 'availability' | 'notes' | 'tags'>

/** The fields this part of the form shows, for placing main's errors. */
export const METADATA_FIELDS = ['name', 'availability', 'notes', 'tags']

export function initialMetadata(details: SecretDetails): MetadataDraft {
  return {
    name: details.name,
    availability: availabilityChoiceOf(details.availability),
    notes: details.notes,
    tags: [...details.tags],
    tagText: '',
  }
}

export function checkMetadata(
  details: SecretDetails,
  draft: MetadataDraft,
  secrets: readonly SecretSummary[],
): FieldErrors {
  const errors: FieldErrors = checkNotesAndTags(draft)
  if (draft.name !== details.name) {
    errors['name'] = checkName(draft.name)['name']
    const holder = errors['name']
      ? undefined
      : nameHolder(draft.name, details.scope, secrets, details.id)
    if (holder) errors['name'] = nameTakenText(holder)
  }
  return errors
}

/** What differs from the stored secret; empty when nothing does. */
export function metadataChange(details: SecretDetails, draft: MetadataDraft): MetadataChange {
  const change: MetadataChange = {}
  if (draft.name !== details.name) change.name = draft.name
  if (
    details.scope === 'organization' &&
    draft.availability !== availabilityChoiceOf(details.availability)
  )
    change.availability = availabilityOfChoice(draft.availability)
  if (draft.notes.replace(/\r\n/g, '\n') !== details.notes) change.notes = draft.notes
  const tags = tagsToSave(draft)
  if (!sameTags(tags, details.tags)) change.tags = tags
  return change
}

/** Whether the draft holds anything the user typed that is not saved: closing would lose it. */
export function metadataDirty(details: SecretDetails, draft: MetadataDraft): boolean {
  return draft.tagText.trim() !== '' || Object.keys(metadataChange(details, draft)).length > 0
}
