/** Notes and tags in a form, checked by the shared rules main applies, with their messages. */
import { checkNotes } from '../../../../shared/secret-rules'
import type { FieldErrors } from '../ui/field-errors'
import { withTyped } from './tag-list'

export interface NotesAndTags {
  notes: string
  tags: readonly string[]
  /** What is typed in the Tags field and not yet a tag: it counts. */
  tagText: string
}

export function checkNotesAndTags(draft: NotesAndTags): FieldErrors {
  const errors: FieldErrors = {}
  const notes = checkNotes(draft.notes)
  if ('problem' in notes) errors['notes'] = notes.problem
  const tags = withTyped(draft.tags, draft.tagText)
  if ('problem' in tags) errors['tags'] = tags.problem
  return errors
}

/** The chips and the text still typed, as the tags to save (the chips alone if that breaks a rule). */
export function tagsToSave(draft: NotesAndTags): string[] {
  const result = withTyped(draft.tags, draft.tagText)
  return 'tags' in result ? result.tags : [...draft.tags]
}
