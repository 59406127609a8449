/**
 * The star beside a secret's name: a toggle button (aria-pressed) that pins the secret to the top
 * of its scope. It is not a tab stop of its own (the row is); F on a focused row toggles it too.
 */
import { Star } from 'lucide-react'
import { memo } from 'react'

// One element for every star: React skips re-rendering an element it has seen before.
const STAR_ICON = <Star aria-hidden="true" />

interface FavouriteStarProps {
  id: string
  favourite: boolean
  onToggle: (id: string, favourite: boolean) => void
}

export const FavouriteStar = memo(function FavouriteStar({
  id,
  favourite,
  onToggle,
}: FavouriteStarProps): React.JSX.Element {
  return (
    <button
      type="button"
      className={favourite ? 'star star--on' : 'star'}
      aria-label="Favourite"
      aria-pressed={favourite}
      aria-keyshortcuts="F"
      title={favourite ? 'Unpin from the top (F)' : 'Pin to the top of its scope (F)'}
      tabIndex={-1}
      onClick={(event) => {
        // The row beneath would open the details.
        event.stopPropagation()
        onToggle(id, !favourite)
      }}
    >
      {STAR_ICON}
    </button>
  )
})
