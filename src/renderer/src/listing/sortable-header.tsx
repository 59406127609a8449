/**
 * A sticky column header whose button sorts by its column (aria-sort says how it is sorted), with
 * the handle that resizes it on its left edge: every column but the name, which takes the rest.
 * The header is named by its label alone (aria-labelledby), not by the handle's name beside it:
 * the header names are a contract (DESIGN §6.3).
 */
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react'
import { ColumnResizer } from './column-resizer'
import { useListingStore } from './listing-store'
import { COLUMNS, type ColumnKey } from './table-columns'

interface SortableHeaderProps {
  column: ColumnKey
  width: number
  onPreview: (column: ColumnKey, width: number | null) => void
}

export function SortableHeader({
  column,
  width,
  onPreview,
}: SortableHeaderProps): React.JSX.Element {
  const sort = useListingStore((s) => s.sort)
  const sortBy = useListingStore((s) => s.sortBy)
  const { label, className } = COLUMNS[column]
  const sorted = sort.key === column
  const Icon = !sorted ? ArrowUpDown : sort.direction === 'asc' ? ArrowUp : ArrowDown
  return (
    <th
      scope="col"
      className={className}
      aria-labelledby={`column-${column}`}
      aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      {column !== 'name' && (
        <ColumnResizer
          column={column}
          width={width}
          onPreview={(preview) => onPreview(column, preview)}
        />
      )}
      <button type="button" className="sort-button" onClick={() => sortBy(column)}>
        <span className="sort-button__label" id={`column-${column}`}>
          {label}
        </span>
        <Icon aria-hidden="true" className={sorted ? 'sort-icon sort-icon--active' : 'sort-icon'} />
      </button>
    </th>
  )
}
