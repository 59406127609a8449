/**
 * Search hits as the listing shows them: the name with the matched text marked, and, when the
 * match is in another field, a second line that says where ("Header name: X-Api-Key").
 */
import { fold, type SearchMatch } from './search-index'
import { displaySafe, snippet } from './search-snippet'

/** The name, its matched part in a <mark>. */
export function MarkedName({ name, needle }: { name: string; needle: string }): React.JSX.Element {
  const start = needle === '' ? -1 : fold(name).indexOf(needle)
  if (start < 0) return <>{displaySafe(name)}</>
  const end = start + needle.length
  return (
    <>
      {displaySafe(name.slice(0, start))}
      <mark className="match">{displaySafe(name.slice(start, end))}</mark>
      {displaySafe(name.slice(end))}
    </>
  )
}

/** The second line of a hit found outside the name: the field's label and the text around it. */
export function MatchLine({ id, match }: { id: string; match: SearchMatch }): React.JSX.Element {
  const { before, match: marked, after } = snippet(match.text, match.start, match.end)
  return (
    <span className="match-line" id={id}>
      <span className="match-line__label">{match.label}:</span> {before}
      <mark className="match">{marked}</mark>
      {after}
    </span>
  )
}
