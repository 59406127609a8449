/**
 * Which open forms hold data the user typed. A dialog with typed data asks before it closes
 * (Escape, Close, Cancel), and "Lock now" asks before it closes them; an automatic lock (idle, the
 * OS locking) does not wait for an answer nobody is there to give.
 */
import { useEffect, useId } from 'react'

const dirtyForms = new Set<string>()

/** Marks the calling form as holding typed data while `dirty` is true and it is mounted. */
export function useDirtyForm(dirty: boolean): void {
  const id = useId()
  useEffect(() => {
    if (!dirty) return
    dirtyForms.add(id)
    return () => {
      dirtyForms.delete(id)
    }
  }, [dirty, id])
}

export function hasDirtyForm(): boolean {
  return dirtyForms.size > 0
}
