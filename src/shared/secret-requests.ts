/** What callers (CLI, IPC) ask of the secrets service. Values travel only inward. */
import type { Availability, CredentialType, Scope } from './domain'

export interface FileInput {
  fileName: string
  data: Uint8Array
  /** PKCS#12 password, or the passphrase of an encrypted private key. */
  password?: string
}

export interface KeyValuePair {
  key: string
  value: string
}

export interface RegisterRequest {
  type: CredentialType
  name: string
  scope: Scope
  /** Organization scope only; defaults to the entire organization. */
  availability?: Availability | null
  /** `YYYY-MM-DD` or an ISO instant; not for certificates, whose expiry comes from the file. */
  expiresAt?: string | null
  /** Typed fields by key: headerName, value, headerValue, clientId, url, clientSecret. */
  fields?: Record<string, string>
  pairs?: KeyValuePair[]
  certificate?: FileInput
  privateKey?: FileInput
}

/**
 * A secret by id (the app), or by name (the CLI), where `scope` (organization | workspace:NAME |
 * personal) settles a name used in several scopes.
 */
export type SecretRef = { id: string } | { name: string; scope?: string }

export interface EditRequest {
  ref: SecretRef
  /** A secret field given as '' keeps its current value. */
  fields?: Record<string, string>
  /** Key/Value: pairs to set or add; a '' value keeps the current one. */
  pairs?: KeyValuePair[]
  /** Key/Value: replace all pairs with these. */
  replacePairs?: KeyValuePair[]
  /** Key/Value: keys to remove (each must exist); applied before `pairs`. */
  removeKeys?: string[]
  /** A date sets it, null clears it, undefined keeps it. */
  expiresAt?: string | null
  certificate?: FileInput
  privateKey?: FileInput
}
