/** A secret's tags as chips: a list, read as one; each tag is shown as text, never as markup. */
import './metadata-text.css'

export function TagChips({
  tags,
  label = 'Tags',
}: {
  tags: readonly string[]
  label?: string
}): React.JSX.Element {
  return (
    <ul className="tag-chips" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag} className="tag-chip">
          {tag}
        </li>
      ))}
    </ul>
  )
}
