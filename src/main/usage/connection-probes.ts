/**
 * The HTTP connection tests. API key and bearer token: one GET with the secret's header, whose
 * body is never read. Client credentials: an OAuth 2.0 client_credentials token request (RFC 6749
 * §4.4) authenticated with client_secret_basic, then, when that is refused with 401,
 * client_secret_post (§2.3.1). The token endpoint's answer is read within 64 KiB, and of it only
 * the token's type and lifetime are kept: the access token (and any refresh token) is dropped
 * where it is parsed, so no result, message or log can hold it.
 */
import { statusText, explainStatus, ProbeFailure } from './connection-words'
import type { Deadline, HttpAnswer } from './http-exchange'
import { exchange } from './http-exchange'
import type { ServerFacts } from './tls-probe'

/** A token endpoint's answer is a small JSON object; anything larger is not one. */
export const TOKEN_RESPONSE_LIMIT = 64 * 1024

const USER_AGENT = 'Safehold-connection-test'

export interface ProbeSuccess {
  message: string
  httpStatus: number | null
  server: ServerFacts | null
  token: {
    type: string
    expiresInSeconds: number | null
    authMethod: 'client_secret_basic' | 'client_secret_post'
  } | null
}

/**
 * A 3xx is reported, never followed: the credential stays with the address the user named. Where
 * it points is told only as "this server" or "another": the server chose that address after it
 * saw the credential, and could have written the credential into it.
 */
function redirectFailure(answer: HttpAnswer, url: URL): ProbeFailure {
  const location = answer.headers.location
  let where = ''
  if (typeof location === 'string' && location.length <= 2048 && URL.canParse(location, url.href)) {
    const next = new URL(location, url)
    where =
      next.origin === url.origin ? ' to another path on the same server' : ' to another server'
  }
  return new ProbeFailure(
    'redirect',
    `The server answered ${statusText(answer.status)}, a redirect${where}. Safehold does not follow redirects, so the credential was not sent on; test the address it points to instead.`,
    answer.status,
  )
}

/** API key and bearer token: GET `url` with `header: value`; 2xx works. */
export async function headerProbe(spec: {
  url: URL
  header: string
  value: string
  credential: string
  ca: string[] | null
  deadline: Deadline
}): Promise<ProbeSuccess> {
  const answer = await exchange({
    url: spec.url,
    method: 'GET',
    headers: { [spec.header]: spec.value, 'User-Agent': USER_AGENT, Accept: '*/*' },
    ca: spec.ca,
    deadline: spec.deadline,
    bodyLimit: 0,
  })
  if (answer.status >= 300 && answer.status < 400) throw redirectFailure(answer, spec.url)
  if (answer.status < 200 || answer.status >= 300)
    throw explainStatus(answer.status, spec.credential)
  return {
    message: `Connection works: the server answered ${statusText(answer.status)} to a request with ${spec.credential} in the "${spec.header}" header.`,
    httpStatus: answer.status,
    server: answer.server,
    token: null,
  }
}

/** RFC 6749 §2.3.1: the id and secret are form-urlencoded before they become Basic's user:password. */
const formEncode = (text: string): string => new URLSearchParams([['', text]]).toString().slice(1)

type AuthMethod = 'client_secret_basic' | 'client_secret_post'

function tokenRequest(
  method: AuthMethod,
  client: { id: string; secret: string },
): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
    'User-Agent': USER_AGENT,
  }
  const form = new URLSearchParams({ grant_type: 'client_credentials' })
  if (method === 'client_secret_basic') {
    const pair = `${formEncode(client.id)}:${formEncode(client.secret)}`
    headers['Authorization'] = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`
  } else {
    form.set('client_id', client.id)
    form.set('client_secret', client.secret)
  }
  return { headers, body: form.toString() }
}

/** The parsed JSON object of a body, or null; `__proto__` and friends are plain own keys. */
function jsonObject(body: Buffer | null): Record<string, unknown> | null {
  if (body === null) return null
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

const own = (object: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined

/** RFC 6749 §5.2's error codes (and RFC 6750's): the only words of the server's a message repeats. */
const OAUTH_ERRORS = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'access_denied',
  'server_error',
  'temporarily_unavailable',
  'invalid_token',
  'insufficient_scope',
])

/** The answer's OAuth error code, if it is a known one; anything else is dropped unread. */
function errorCode(answer: HttpAnswer): string | null {
  const error = own(jsonObject(answer.body) ?? {}, 'error')
  return typeof error === 'string' && OAUTH_ERRORS.has(error) ? error : null
}

/** Registered token types (RFC 6750, RFC 9449, IANA), as they are usually written. */
const TOKEN_TYPES = new Map(
  ['Bearer', 'DPoP', 'MAC', 'N_A', 'PoP'].map((type) => [type.toLowerCase(), type]),
)

/** The token's type and lifetime; the token itself is looked at only to see that there is one. */
function tokenFacts(answer: HttpAnswer): { type: string; expiresInSeconds: number | null } | null {
  const object = jsonObject(answer.body)
  if (object === null) return null
  const token = own(object, 'access_token')
  if (typeof token !== 'string' || token.trim() === '') return null
  const type = own(object, 'token_type')
  const lifetime = own(object, 'expires_in')
  const seconds =
    typeof lifetime === 'string' && /^\d{1,10}$/.test(lifetime) ? Number(lifetime) : lifetime
  return {
    // Any other text is not shown: a server could write anything there, the token included.
    type: (typeof type === 'string' && TOKEN_TYPES.get(type.toLowerCase())) || 'unknown',
    expiresInSeconds:
      typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 && seconds < 2 ** 31
        ? seconds
        : null,
  }
}

/** `3600 s (1 hour)`: a lifetime as a person reads it. */
export function lifetimeText(seconds: number | null): string {
  if (seconds === null) return 'no stated lifetime'
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ]
  const unit = units.find(([size]) => seconds >= size && seconds % size === 0)
  if (unit === undefined) return `a lifetime of ${seconds} s`
  const count = seconds / unit[0]
  return `a lifetime of ${seconds} s (${count} ${unit[1]}${count === 1 ? '' : 's'})`
}

/** RFC 6749 §5.2: invalid_client, which a server answers with 401 (or, against the RFC, 400). */
function clientRefused(answer: HttpAnswer): boolean {
  return answer.status === 401 || (answer.status === 400 && errorCode(answer) === 'invalid_client')
}

function tokenFailure(answer: HttpAnswer, tried: AuthMethod[]): ProbeFailure {
  const code = errorCode(answer)
  const said = `${statusText(answer.status)}${code === null ? '' : `, ${code}`}`
  if (clientRefused(answer))
    return new ProbeFailure(
      'refused',
      `The token endpoint refused the client ID and secret (${said}), sent ${tried.length > 1 ? 'both as HTTP Basic (client_secret_basic) and in the request body (client_secret_post)' : `by ${tried[0]}`}: the client secret is wrong, expired or revoked, or the client ID is unknown.`,
      answer.status,
    )
  if (code === 'unauthorized_client')
    return new ProbeFailure(
      'refused',
      `The token endpoint knows the client but does not allow it the client_credentials grant (${said}).`,
      answer.status,
    )
  if (code === 'unsupported_grant_type')
    return new ProbeFailure(
      'http-error',
      `The token endpoint does not offer the client_credentials grant (${said}).`,
      answer.status,
    )
  if (answer.status === 400)
    return new ProbeFailure(
      'http-error',
      `The token endpoint refused the request (${said}): it may need a scope or an audience, which this test does not send.`,
      answer.status,
    )
  return explainStatus(answer.status, 'the client secret')
}

/** Client credentials: a token request, client_secret_basic first, client_secret_post on a 401. */
export async function tokenProbe(spec: {
  url: URL
  clientId: string
  clientSecret: string
  ca: string[] | null
  deadline: Deadline
}): Promise<ProbeSuccess> {
  const client = { id: spec.clientId, secret: spec.clientSecret }
  const tried: AuthMethod[] = []
  let answer: HttpAnswer | null = null
  for (const method of ['client_secret_basic', 'client_secret_post'] as const) {
    tried.push(method)
    answer = await exchange({
      url: spec.url,
      method: 'POST',
      ...tokenRequest(method, client),
      ca: spec.ca,
      deadline: spec.deadline,
      bodyLimit: TOKEN_RESPONSE_LIMIT,
      bodyName: 'the token endpoint’s answer',
    })
    if (!clientRefused(answer)) break
  }
  const last = answer!
  if (last.status >= 300 && last.status < 400) throw redirectFailure(last, spec.url)
  if (last.status < 200 || last.status >= 300) throw tokenFailure(last, tried)
  const token = tokenFacts(last)
  if (token === null)
    throw new ProbeFailure(
      'bad-response',
      `The server answered ${statusText(last.status)}, but not with an OAuth 2.0 token (a JSON object with an access_token): is the URL the token endpoint?`,
      last.status,
    )
  const method = tried[tried.length - 1]!
  return {
    message: `Token endpoint works: it issued a token of type ${token.type} with ${lifetimeText(token.expiresInSeconds)}, for the client authenticated by ${method}. The token itself is not shown.`,
    httpStatus: last.status,
    server: last.server,
    token: { ...token, authMethod: method },
  }
}
