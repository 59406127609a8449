/** A sticky column header whose button sorts by its column; aria-sort says how it is sorted. */
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react'
import { useListingStore } from './listing-store'
import type { Column } from './table-columns'

export function SortableHeader({ column }: { column: Column }): React.JSX.Element {
  const sort = useListingStore((s) => s.sort)
  const sortBy = useListingStore((s) => s.sortBy)
  const sorted = sort.key === column.key
  const Icon = !sorted ? ArrowUpDown : sort.direction === 'asc' ? ArrowUp : ArrowDown
  return (
    <th
      scope="col"
      className={column.className}
      aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => sortBy(column.key)}>
        <span>{column.label}</span>
        <Icon aria-hidden="true" className={sorted ? 'sort-icon sort-icon--active' : 'sort-icon'} />
      </button>
    </th>
  )
}
