/**
 * The listing: a real <table> whose body is virtualised (only the rows in view are in the DOM,
 * between two aria-hidden spacer rows), so 10,000 secrets scroll smoothly while the table keeps
 * native table semantics, aria-rowcount/aria-rowindex and sticky, sortable headers.
 * Keyboard: one row is in the tab order; arrows, Home/End and PageUp/PageDown move, Enter opens
 * the details drawer, Escape closes it.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import type { SecretSummary } from '../../../shared/secret-view'
import { useNow } from '../components/use-now'
import { useSecretsStore } from '../store/secrets-store'
import { openDetails, registerRowRevealer } from './row-focus'
import { SecretRow } from './secret-row'
import { SortableHeader } from './sortable-header'
import { COLUMNS } from './table-columns'
import './secrets-table.css'

const ROW_HEIGHT = 36
const HEADER_HEIGHT = 34

interface SecretsTableProps {
  rows: readonly SecretSummary[]
  /** The table's accessible name, e.g. "Secrets in Organization". */
  label: string
  /** Shown in the body when `rows` is empty. */
  empty: React.ReactNode
}

export function SecretsTable({ rows, label, empty }: SecretsTableProps): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null)
  const selectedId = useSecretsStore((s) => s.selectedId)
  const now = useNow()
  const [activeIndex, setActiveIndex] = useState(0)
  const focusPending = useRef(false)

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: 12,
  })

  const clampedActive = Math.min(activeIndex, Math.max(rows.length - 1, 0))

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
    virtualizer.scrollToIndex(next, { align: 'auto' })
    focusPending.current = true
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>, index: number): void {
    const page = Math.max(
      1,
      Math.floor(((scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT) - 1,
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
    }
  }

  const items = virtualizer.getVirtualItems()
  const first = items[0]
  const last = items[items.length - 1]
  const paddingTop = first ? first.start - HEADER_HEIGHT : 0
  const paddingBottom = last ? virtualizer.getTotalSize() - last.end : 0

  return (
    <div className="table-scroll" ref={scrollRef}>
      <table className="secrets-table" aria-label={label} aria-rowcount={rows.length + 1}>
        <colgroup>
          {COLUMNS.map((column) => (
            <col key={column.key} className={column.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((column) => (
              <SortableHeader key={column.key} column={column} />
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
              <td colSpan={COLUMNS.length} style={{ height: paddingTop }} />
            </tr>
          )}
          {items.map((item) => {
            const secret = rows[item.index]
            if (!secret) return null
            return (
              <SecretRow
                key={secret.id}
                secret={secret}
                index={item.index}
                focusable={item.index === clampedActive}
                selected={secret.id === selectedId}
                now={now}
                onActivate={activate}
              />
            )
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS.length} style={{ height: paddingBottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && empty}
    </div>
  )
}
