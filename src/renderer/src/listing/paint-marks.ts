/**
 * Performance marks for the renderer bench (DESIGN §8): `secrets:data` → `secrets:table-painted`
 * (10,000 rows listed) and `search:input` → `search:painted` (a keystroke repainted). A mark is
 * taken after the frame that shows the new rows has been painted, not merely rendered.
 */
import { useEffect } from 'react'

let searchPending = false

/** Called on every keystroke in the search box. */
export function markSearchInput(): void {
  searchPending = true
  performance.mark('search:input')
}

function afterPaint(callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback, 0)
  })
  return () => {
    cancelAnimationFrame(frame)
    if (timer !== undefined) clearTimeout(timer)
  }
}

/** Marks the first paint of each new list of secrets, and of each search result. */
export function usePaintMarks(secrets: unknown, rows: unknown): void {
  useEffect(() => afterPaint(() => performance.mark('secrets:table-painted')), [secrets])
  useEffect(() => {
    if (!searchPending) return
    return afterPaint(() => {
      searchPending = false
      performance.mark('search:painted')
    })
  }, [rows])
}
