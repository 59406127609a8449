/**
 * Who may call main: only our own page. A sender counts as ours when its URL has exactly our
 * page's scheme and host (and no user info), so look-alikes such as `app://safehold.evil/`,
 * `app://safehold@evil/` or `http://127.0.0.1:PORT.evil.example/` are strangers.
 */

export type SenderCheck = (url: string) => boolean

export function sameOriginAs(ownPage: string): SenderCheck {
  const own = new URL(ownPage)
  return (url) => {
    let sender: URL
    try {
      sender = new URL(url)
    } catch {
      return false // no URL (a destroyed frame) or an unparsable one: not ours
    }
    return (
      sender.protocol === own.protocol &&
      sender.host === own.host &&
      sender.username === '' &&
      sender.password === ''
    )
  }
}
