/**
 * Where the window should go next, asked for by the main process (a notification clicked, the
 * tray's "Upcoming") and read once by the page when it loads or gains focus. The latest request
 * wins: the window goes where the user last asked, and a request is never acted on twice.
 */
export type NavigationRequest = { secretId: string } | { view: 'upcoming' }

export interface Navigation {
  secretId: string | null
  view: 'upcoming' | null
}

export interface NavigationQueue {
  push(request: NavigationRequest): void
  /** What is pending, then nothing until the next push. */
  take(): Navigation
}

const NOWHERE: Navigation = { secretId: null, view: null }

export function createNavigationQueue(): NavigationQueue {
  let pending: Navigation = NOWHERE
  return {
    push(request) {
      pending =
        'secretId' in request
          ? { secretId: request.secretId, view: null }
          : { secretId: null, view: request.view }
    },
    take() {
      const taken = pending
      pending = NOWHERE
      return taken
    },
  }
}
