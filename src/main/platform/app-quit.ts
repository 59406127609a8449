/**
 * However Safehold is quit (the menu, Cmd/Ctrl+Q, the last window closing, SIGINT/SIGTERM/SIGHUP),
 * the process ends, and only after the clean-up (a copied value cleared from the clipboard) has
 * finished or run out of patience. Electron comes in as parameters, so this runs in plain Node.
 */

interface PreventableEvent {
  preventDefault(): void
}

export interface QuittingApp {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown
  quit(): void
}

/** Waits for `work`, but never longer than `ms`: a clipboard that does not answer ends nothing. */
function settledWithin(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    work
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer)
        resolve()
      })
  })
}

/**
 * Every quit path emits before-quit first. The first one is held back while `cleanUp` runs; then
 * the quit is asked for again, and goes through. That second quit is made from a new task: asked
 * for from this handler's own promises, it would reach Electron while Electron is still inside
 * the first quit, and be ignored (electron/electron#33643) — the process would then live on,
 * holding the single-instance lock, and every later launch would show nothing. The same happens
 * to a will-quit that is prevented and quit again, which is why will-quit is left alone.
 */
export function quitAfterCleanUp(
  app: QuittingApp,
  cleanUp: () => Promise<void>,
  patienceMs = 1000,
): void {
  let stage: 'running' | 'cleaning' | 'clean' = 'running'
  app.on('before-quit', (event) => {
    if (stage === 'clean') return
    event.preventDefault()
    // A second request (another Ctrl-C, the last window) joins the quit already under way.
    if (stage === 'cleaning') return
    stage = 'cleaning'
    void settledWithin(cleanUp(), patienceMs).then(() => {
      stage = 'clean'
      setImmediate(() => app.quit())
    })
  })
}

/**
 * After ready. Chromium's own handler asks for one graceful quit, then puts back the default
 * action (electron/electron shell/browser/electron_browser_main_parts_posix.cc: "one shot at
 * graceful shutdown"), so a second Ctrl-C — a terminal, npm and electron-vite each pass one on —
 * would kill the process before the clipboard is cleared. Installed after ready, this handler
 * replaces it: every signal is one more request for the same quit.
 */
export function quitOnSignals(
  app: Pick<QuittingApp, 'quit'>,
  proc: NodeJS.Process = process,
): void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  for (const signal of signals) proc.on(signal, () => app.quit())
}
