/**
 * A call refused because the vault is not open (watched-bridge.ts) is told to whoever listens —
 * the window's vault state, which then asks main where the vault stands. Kept apart so the
 * stores that make calls need not know about the screens that follow the vault.
 */
const listeners = new Set<() => void>()

export function onRefusal(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function reportRefusal(): void {
  for (const listener of listeners) listener()
}
