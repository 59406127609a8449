/**
 * A long list that stays fast (@tanstack/react-virtual): only the items in view, and a few either
 * side, are in the DOM, each placed where it belongs in a box as tall as the whole list, and
 * measured as drawn, so an item that wraps takes the room it needs. Each item says its place in
 * the whole (aria-posinset, aria-setsize), so assistive technology still counts them all. The
 * list scrolls in a region of its own, which takes focus so the keyboard can scroll it.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useRef, type ReactNode } from 'react'
import './virtual-list.css'

interface VirtualListProps<T> {
  items: readonly T[]
  /** The list's accessible name ("History entries"). */
  label: string
  /** A typical item's height in pixels, before it is measured. */
  estimateSize: number
  itemKey: (item: T, index: number) => string
  renderItem: (item: T, index: number) => ReactNode
  className?: string
}

export function VirtualList<T>({
  items,
  label,
  estimateSize,
  itemKey,
  renderItem,
  className,
}: VirtualListProps<T>): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null)
  const getItemKey = useCallback((index: number) => itemKey(items[index]!, index), [items, itemKey])
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    getItemKey,
    overscan: 8,
  })
  return (
    <div
      ref={scrollRef}
      className={['virtual-list', className].filter(Boolean).join(' ')}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      <ol
        className="virtual-list__items"
        aria-label={label}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => (
          <li
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            className="virtual-list__item"
            aria-posinset={row.index + 1}
            aria-setsize={items.length}
            style={{ transform: `translateY(${row.start}px)` }}
          >
            {renderItem(items[row.index]!, row.index)}
          </li>
        ))}
      </ol>
    </div>
  )
}
