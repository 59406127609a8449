/**
 * Where the window should go next, asked for by the main process (a notification clicked, the
 * tray's "Upcoming", the menu's "Import .env…") and read once by the page: when it loads, when it
 * gains focus, and every couple of seconds. The latest request wins: the window goes where the
 * user last asked, and a request is never acted on twice.
 */
export type NavigationView = 'upcoming' | 'import-env'

export type NavigationRequest = { secretId: string } | { view: NavigationView }

export interface Navigation {
  secretId: string | null
  view: NavigationView | null
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
