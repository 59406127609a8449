/**
 * One vault call at a time in this process: the router's calls, and the session's lock and
 * unlock, wait their turn here, so a lock never cuts a transaction in half and nothing reads the
 * vault while it is being opened or closed. A failed call does not stop the ones after it.
 */
export class VaultQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work)
    this.tail = next.catch(() => undefined)
    return next
  }
}
