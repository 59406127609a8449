/**
 * The handle on a column header's left edge that changes the column's width, by pointer (drag;
 * a double click returns the default) and by keyboard (a focusable separator: ArrowLeft widens,
 * ArrowRight narrows, as the edge moves; Home returns the default). The name column to the left
 * takes up or gives back the difference, so the edge follows the pointer. A drag is shown as it
 * moves and remembered once, when it ends.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import { useListingStore } from './listing-store'
import { COLUMNS, MAX_COLUMN_WIDTH, type ColumnKey } from './table-columns'

const STEP = 16

interface ColumnResizerProps {
  column: ColumnKey
  /** The width the column is drawn at now. */
  width: number
  /** Shows a width while a drag is under way (null when it ends). */
  onPreview: (width: number | null) => void
}

function clamp(column: ColumnKey, width: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(COLUMNS[column].minWidth, width)))
}

export function ColumnResizer({ column, width, onPreview }: ColumnResizerProps): React.JSX.Element {
  const setColumnWidth = useListingStore((s) => s.setColumnWidth)
  const drag = useRef<{ x: number; width: number; last: number } | null>(null)
  const [dragging, setDragging] = useState(false)
  const label = COLUMNS[column].label

  function onPointerDown(event: PointerEvent<HTMLDivElement>): void {
    if (event.button !== 0) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { x: event.clientX, width, last: width }
    setDragging(true)
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>): void {
    const start = drag.current
    if (!start) return
    // The handle is on the left edge: moving it left widens the column.
    start.last = clamp(column, start.width - (event.clientX - start.x))
    onPreview(start.last)
  }

  function onPointerEnd(): void {
    const start = drag.current
    if (!start) return
    drag.current = null
    setDragging(false)
    onPreview(null)
    if (start.last !== start.width) setColumnWidth(column, start.last)
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const moves: Record<string, number | null> = {
      ArrowLeft: width + STEP,
      ArrowRight: width - STEP,
      Home: null,
    }
    if (!(event.key in moves)) return
    event.preventDefault()
    event.stopPropagation()
    const next = moves[event.key]
    setColumnWidth(column, next === undefined || next === null ? null : clamp(column, next))
  }

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${label} column`}
      aria-valuenow={width}
      aria-valuemin={COLUMNS[column].minWidth}
      aria-valuemax={MAX_COLUMN_WIDTH}
      aria-valuetext={`${width} pixels wide`}
      tabIndex={0}
      title={`Drag to resize ${label}; double-click for its default width`}
      className={dragging ? 'column-resizer column-resizer--dragging' : 'column-resizer'}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onDoubleClick={() => setColumnWidth(column, null)}
      onKeyDown={onKeyDown}
      onClick={(event) => event.stopPropagation()}
    />
  )
}
