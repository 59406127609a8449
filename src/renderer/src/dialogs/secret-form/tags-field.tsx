import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { X } from 'lucide-react'
import { MAX_TAGS } from '../../../../shared/secret-rules'
import { Field } from '../ui/field'
import { withoutTag, withTyped } from './tag-list'

interface TagsFieldProps {
  tags: readonly string[]
  /** What is typed and not yet a tag. */
  text: string
  error?: string | undefined
  onChange: (tags: string[], text: string) => void
  /** A typed tag the shared rule refuses: the form shows why, beside the field. */
  onProblem: (problem: string) => void
}

/**
 * "Tags": type a tag and press Enter or a comma to add it; each chip has its own remove button.
 * Enter here adds a tag and never submits the form. What is added or removed is announced.
 */
export function TagsField({ tags, text, error, onChange, onProblem }: TagsFieldProps): ReactNode {
  const input = useRef<HTMLInputElement>(null)
  const [announcement, setAnnouncement] = useState('')

  /** Adds the words of `typed`; on refusal the text stays in the field to be corrected. */
  function add(typed: string, rest: string): void {
    const result = withTyped(tags, typed)
    if ('problem' in result) {
      onChange([...tags], typed + (rest === '' ? '' : `,${rest}`))
      return onProblem(result.problem)
    }
    const added = result.tags.slice(tags.length)
    onChange(result.tags, rest)
    if (added.length > 0)
      setAnnouncement(`Added ${added.length === 1 ? 'tag' : 'tags'} ${added.join(', ')}.`)
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key !== 'Enter') return
    event.preventDefault()
    if (text.trim() !== '') add(text, '')
  }

  function typed(value: string): void {
    const comma = value.lastIndexOf(',')
    if (comma < 0) return onChange([...tags], value)
    add(value.slice(0, comma), value.slice(comma + 1))
  }

  function remove(index: number): void {
    const tag = tags[index]
    onChange(withoutTag(tags, index), text)
    setAnnouncement(`Removed tag ${tag}.`)
    input.current?.focus()
  }

  return (
    <Field
      label="Tags"
      optional
      hint={`Press Enter or type a comma to add one. Up to ${MAX_TAGS}, each 1–32 letters, digits, "-" or "_".`}
      error={error}
    >
      {(control) => (
        <div className="dlg-tags">
          {tags.length > 0 && (
            <ul className="dlg-tag-list" aria-label="Added tags">
              {tags.map((tag, index) => (
                <li key={tag} className="dlg-tag">
                  <span className="dlg-mono">{tag}</span>
                  <button
                    type="button"
                    className="dlg-tag-remove"
                    aria-label={`Remove tag ${tag}`}
                    title={`Remove tag ${tag}`}
                    onClick={() => remove(index)}
                  >
                    <X aria-hidden size={12} />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <input
            {...control}
            ref={input}
            className="dlg-input dlg-mono"
            autoComplete="off"
            spellCheck={false}
            placeholder={tags.length === 0 ? 'production, billing' : 'Add a tag'}
            value={text}
            onKeyDown={onKeyDown}
            onChange={(event) => typed(event.target.value)}
          />
          <span className="dlg-visually-hidden" aria-live="polite">
            {announcement}
          </span>
        </div>
      )}
    </Field>
  )
}
