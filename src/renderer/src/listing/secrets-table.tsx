/**
 * The listing: a real <table> whose body is virtualised (only the rows in view are in the DOM,
 * between two aria-hidden spacer rows), so 10,000 secrets scroll smoothly while the table keeps
 * native table semantics, aria-rowcount/aria-rowindex and sticky, sortable, resizable headers.
 * Its columns are fitted to the width it has (use-column-layout.ts): it never scrolls sideways
 * unless the name and Status alone are too wide, and then Status stays pinned in view.
 * Keyboard: one row is in the tab order; arrows, Home/End and PageUp/PageDown move, Enter opens
 * the details drawer, Escape closes it, F stars or unstars the row's secret.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import type { SecretSummary } from '../../../shared/secret-view'
import { useNow } from '../components/use-now'
import { useSecretsStore } from '../store/secrets-store'
import { useListingStore } from './listing-store'
import { openDetails, registerRowRevealer } from './row-focus'
import { SecretRow } from './secret-row'
import { SortableHeader } from './sortable-header'
import { columnsFor, TYPE_LABEL_WIDTH, type ColumnKey } from './table-columns'
import { useColumnLayout, type WidthPreview } from './use-column-layout'
import './secrets-table.css'

const ROW_HEIGHT = 36
/** A search hit found outside its name has a second line that says where. */
const SEARCH_ROW_HEIGHT = 48
const HEADER_HEIGHT = 34

interface SecretsTableProps {
  rows: readonly SecretSummary[]
  /** The table's accessible name, e.g. "Secrets in Organization". */
  label: string
  /** Which columns say something: Availability in Organization, Scope in search results. */
  context: 'organization' | 'scope' | 'search'
  /** The normalized search text, '' outside a search. */
  needle: string
  /** Shown in the body when `rows` is empty. */
  empty: React.ReactNode
}

const toggleFavourite = (id: string, favourite: boolean): void =>
  void useListingStore.getState().setFavourite(id, favourite)

export function SecretsTable({
  rows,
  label,
  context,
  needle,
  empty,
}: SecretsTableProps): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null)
  const selectedId = useSecretsStore((s) => s.selectedId)
  const now = useNow()
  const [activeIndex, setActiveIndex] = useState(0)
  const focusPending = useRef(false)
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const [preview, setPreview] = useState<WidthPreview>(null)
  const columns = useMemo(() => columnsFor(context), [context])
  const layout = useColumnLayout(scrollRef, columns, preview)
  const rowHeight = context === 'search' ? SEARCH_ROW_HEIGHT : ROW_HEIGHT
  const onPreview = useCallback(
    (key: ColumnKey, width: number | null) => setPreview(width === null ? null : { key, width }),
    [],
  )

  // A new key function makes the virtualiser measure every row again: rows change height between
  // a scope's listing and search results, without remounting the table.
  const getItemKey = useCallback((index: number) => index, [rowHeight])

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: 6,
  })

  const clampedActive = Math.min(activeIndex, Math.max(rows.length - 1, 0))

  // Search results and a scope's listing are different lists: each starts at its top.
  const shownContext = useRef(context)
  useLayoutEffect(() => {
    if (shownContext.current === context) return
    shownContext.current = context
    setActiveIndex(0)
    // The virtualiser knows the offset from scroll events: asking the element would lay it out.
    if ((virtualizer.scrollOffset ?? 0) > 0) virtualizer.scrollToOffset(0)
  }, [context, virtualizer])

  // Move keyboard focus to the active row once the virtualiser has rendered it.
  useEffect(() => {
    if (!focusPending.current) return
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${clampedActive}"]`)
    if (row) {
      focusPending.current = false
      row.focus({ preventScroll: true })
    }
  })

  // The drawer asks the table to bring a row back into view and focus it when it closes.
  useLayoutEffect(
    () =>
      registerRowRevealer((id, focus) => {
        const index = rows.findIndex((row) => row.id === id)
        if (index < 0) return false
        setActiveIndex(index)
        virtualizer.scrollToIndex(index, { align: 'auto' })
        focusPending.current = focus
        return true
      }),
    [rows, virtualizer],
  )

  const activate = useCallback((id: string, index: number) => {
    setActiveIndex(index)
    openDetails(id, { focusDrawer: false })
  }, [])

  function moveTo(index: number): void {
    if (rows.length === 0) return
    const next = Math.max(0, Math.min(rows.length - 1, index))
    setActiveIndex(next)
    // The focused row may not be the active one: a render even when `next` is already active,
    // so the effect above moves focus.
    rerender()
    virtualizer.scrollToIndex(next, { align: 'auto' })
    focusPending.current = true
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>, index: number): void {
    const page = Math.max(
      1,
      Math.floor(((scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / rowHeight) - 1,
    )
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: rows.length - 1,
    }
    const target = moves[event.key]
    if (target !== undefined) {
      event.preventDefault()
      moveTo(target)
      return
    }
    const row = rows[index]
    if (!row) return
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      openDetails(row.id, { focusDrawer: true })
    } else if (event.key === 'Escape' && selectedId !== null) {
      event.preventDefault()
      useSecretsStore.getState().select(null)
    } else if (
      event.key.toLowerCase() === 'f' &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey
    ) {
      event.preventDefault()
      toggleFavourite(row.id, !row.favourite)
    }
  }

  const items = virtualizer.getVirtualItems()
  const first = items[0]
  const last = items[items.length - 1]
  const paddingTop = first ? first.start - HEADER_HEIGHT : 0
  const paddingBottom = last ? virtualizer.getTotalSize() - last.end : 0

  const overflow = layout.total > layout.available
  const typeIconOnly = (layout.widths.type ?? 0) < TYPE_LABEL_WIDTH
  const span = layout.keys.length

  return (
    <div className="table-scroll" ref={scrollRef}>
      <table
        className={overflow ? 'secrets-table secrets-table--overflow' : 'secrets-table'}
        aria-label={label}
        aria-rowcount={rows.length + 1}
        style={{ width: layout.total }}
      >
        <colgroup>
          {layout.keys.map((key) => (
            <col key={key} style={{ width: layout.widths[key] ?? 0 }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {layout.keys.map((key) => (
              <SortableHeader
                key={key}
                column={key}
                width={layout.widths[key] ?? 0}
                onPreview={onPreview}
              />
            ))}
          </tr>
        </thead>
        <tbody
          onKeyDown={(event) => {
            const index = Number((event.target as HTMLElement).dataset.rowIndex)
            if (Number.isInteger(index)) onKeyDown(event, index)
          }}
        >
          {paddingTop > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={span} style={{ height: paddingTop }} />
            </tr>
          )}
          {items.map((item) => {
            const secret = rows[item.index]
            if (!secret) return null
            // Keyed by position, so a row's elements are reused for whichever secret comes to
            // stand there: a keystroke or a sort updates the rows in view instead of replacing them.
            return (
              <SecretRow
                key={item.index}
                secret={secret}
                index={item.index}
                focusable={item.index === clampedActive}
                selected={secret.id === selectedId}
                now={now}
                columns={layout.keys}
                typeIconOnly={typeIconOnly}
                needle={needle}
                onActivate={activate}
                onFavourite={toggleFavourite}
              />
            )
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={span} style={{ height: paddingBottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && empty}
    </div>
  )
}
