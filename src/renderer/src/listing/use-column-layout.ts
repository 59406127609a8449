/**
 * The listing's column layout for the width it has now: measured before the first paint and again
 * whenever the listing changes size (the drawer opening, the window resized), then fitted by
 * column-fit.ts. The name's minimum is 24 characters of the table's own font, measured once.
 */
import { useLayoutEffect, useMemo, useState, type RefObject } from 'react'
import { fitColumns, type ColumnLayout } from './column-fit'
import { useListingStore } from './listing-store'
import type { ColumnKey } from './table-columns'

/** DESIGN: a secret name keeps at least this many characters in view. */
export const NAME_CHARACTERS = 24
// Characters secret names are made of (DESIGN §1.1), so the average is that of real names.
const SAMPLE = 'abcdefghijklmnopqrstuvwxyz-0123456789_ABCDEFGHIJKLMNOPQRSTUVWXYZ.'
// A name of wider characters than the average still keeps its 24 in view.
const MARGIN = 1.05
/** Cell padding (16 + 10) and the favourite star beside the name (20 + 6 gap). */
const NAME_CHROME = 52
// The name's weight in secrets-table.css, at the table's size and family.
const NAME_WEIGHT = 600

let measured: { font: string; width: number } | null = null

function nameMinWidth(element: HTMLElement): number {
  const style = getComputedStyle(element)
  const font = `${NAME_WEIGHT} ${style.fontSize} ${style.fontFamily}`
  if (measured?.font !== font) {
    const context = document.createElement('canvas').getContext('2d')
    let perCharacter = 8
    if (context) {
      context.font = font
      perCharacter = context.measureText(SAMPLE).width / SAMPLE.length
    }
    measured = { font, width: Math.ceil(perCharacter * NAME_CHARACTERS * MARGIN) + NAME_CHROME }
  }
  return measured.width
}

/** A column's width shown while it is being dragged, before it is remembered. */
export type WidthPreview = { key: ColumnKey; width: number } | null

export function useColumnLayout(
  scrollRef: RefObject<HTMLElement | null>,
  columns: readonly ColumnKey[],
  preview: WidthPreview,
): ColumnLayout {
  const stored = useListingStore((s) => s.widths)
  const widths = useMemo(
    () => (preview === null ? stored : { ...stored, [preview.key]: preview.width }),
    [stored, preview],
  )
  const [space, setSpace] = useState({ available: 0, nameMin: 0 })

  useLayoutEffect(() => {
    const element = scrollRef.current
    if (!element) return
    const measure = (): void => {
      const next = { available: element.clientWidth, nameMin: nameMinWidth(element) }
      setSpace((current) =>
        current.available === next.available && current.nameMin === next.nameMin ? current : next,
      )
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [scrollRef])

  return useMemo(
    () => fitColumns({ available: space.available, columns, nameMin: space.nameMin, widths }),
    [space, columns, widths],
  )
}
