/**
 * What "our own page" is: app://safehold/ in every build, and the Vite dev server only in an
 * unpackaged development run. Navigation guards, the IPC sender check and the protocol handler
 * all ask this one file, so they cannot disagree. Plain Node: no electron import.
 */

export const APP_SCHEME = 'app'
export const APP_HOST = 'safehold'
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/`

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/** True for app://safehold/… exactly: no user info, no port, no look-alike host. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url)
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  )
}

/**
 * The predicate for "this URL is our page". `devServerUrl` is the Vite dev server, passed only
 * when not packaged; its origin (scheme, host and port) is then ours too.
 */
export function ownPageMatcher(devServerUrl: string | null): (url: string) => boolean {
  const devOrigin = devServerUrl === null ? null : (parse(devServerUrl)?.origin ?? null)
  return (url) => {
    if (isAppUrl(url)) return true
    if (devOrigin === null || devOrigin === 'null') return false
    return parse(url)?.origin === devOrigin
  }
}
