/**
 * What a connection test will do, decided before anything is used or sent: the inputs checked
 * without the vault (the address's form, the CA file's certificates), then, against the secret,
 * whether and how it can be tested there. Reads no value out of the secret: a value is looked at
 * only to see that an HTTP header can carry it.
 */
import { CREDENTIAL_TYPE_LABELS } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import type { StoredSecret } from '../vault/vault-state'
import { parseTestUrl, readTrustedCa, type TestTarget } from './connection-target'
import { readField } from './secret-use'

/** How the caller names its inputs in messages: `--url` and `the file given to --ca` on the CLI. */
export interface TestWords {
  url: string
  ca: string
}

export interface TestRequest {
  url?: string | undefined
  ca?: Uint8Array | undefined
}

export interface CheckedRequest {
  target: TestTarget | null
  ca: string[] | null
  words: TestWords
}

/** The inputs, checked without the vault: the address's form and the CA file's certificates. */
export function checkTestRequest(request: TestRequest, words: TestWords): CheckedRequest {
  return {
    target: request.url === undefined ? null : parseTestUrl(request.url, words.url),
    ca: request.ca === undefined ? null : readTrustedCa(request.ca, words.ca),
    words,
  }
}

export type Plan =
  | { kind: 'header'; target: TestTarget; header: string; field: string; credential: string }
  | { kind: 'token'; target: TestTarget }
  | { kind: 'mtls'; target: TestTarget }

/** Headers HTTP itself uses: a credential sent in one of them would break the request. */
const HTTP_OWN_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'keep-alive',
  'proxy-connection',
])

/** Visible ASCII, spaces and tabs: what a header value can carry unchanged (RFC 9110 §5.5). */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/

function refuse(message: string, field?: string): never {
  throw new SafeholdError('INVALID_INPUT', message, field)
}

/** How `secret` is tested with these inputs, or why it cannot be; reads no value out. */
export function planFor(secret: StoredSecret, checked: CheckedRequest): Plan {
  const { target, words } = checked
  const label = `"${secret.name}" is ${secret.type === 'api-key' ? 'an' : 'a'} ${CREDENTIAL_TYPE_LABELS[secret.type]}`
  const fields = secret.fields
  let plan: Plan
  switch (secret.type) {
    case 'key-value':
      return refuse(
        `${label}: a set of values with no connection of its own, so there is nothing to test. Connection tests are for API keys, bearer tokens, client credentials and certificates.`,
        'type',
      )
    case 'client-credentials': {
      if (target !== null)
        refuse(
          `${words.url} is not used for Client Credentials: they are tested against their own token endpoint URL. Change the secret's URL to test another endpoint.`,
          'url',
        )
      plan = { kind: 'token', target: parseTestUrl(fields['url'] ?? '', 'The secret’s URL') }
      break
    }
    case 'certificate': {
      if (!Object.hasOwn(secret.values, 'privateKey'))
        refuse(
          `${label} without its private key, and a mutual-TLS test must present the key. Edit the secret to add its key.`,
          'privateKey',
        )
      if (target === null)
        refuse(
          `${words.url} is needed: a certificate is tested by a TLS handshake with a server, given as host:port or https://host[:port].`,
          'url',
        )
      if (target.url.protocol !== 'https:')
        refuse(
          `${words.url} must be https:// or host:port: a certificate is tested over TLS.`,
          'url',
        )
      plan = { kind: 'mtls', target }
      break
    }
    default: {
      if (target === null)
        refuse(
          `${words.url} is needed: ${label}, tested by a request to an address of the API it belongs to (e.g. https://api.example.com/v1/me).`,
          'url',
        )
      if (target.bare)
        refuse(`${words.url} must be a full address for this test: https://host/path.`, 'url')
      const header = fields['headerName'] ?? ''
      const field = secret.type === 'api-key' ? 'value' : 'headerValue'
      if (HTTP_OWN_HEADERS.has(header.toLowerCase()))
        refuse(
          `${label} sent in the "${header}" header, which HTTP itself uses; it cannot be tested.`,
        )
      if (!HEADER_VALUE.test(readField(secret, field)))
        refuse(
          `The value of "${secret.name}" holds characters an HTTP header cannot carry (line breaks, control or non-ASCII characters), so it cannot be sent as a header.`,
        )
      const credential = secret.type === 'api-key' ? 'the API key' : 'the bearer token'
      plan = { kind: 'header', target, header, field, credential }
    }
  }
  if (checked.ca !== null && plan.target.url.protocol !== 'https:')
    refuse(`${capital(words.ca)} is for https:// addresses; this test speaks plain http://.`, 'ca')
  return plan
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
