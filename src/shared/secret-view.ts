/**
 * What anyone outside the vault may know about a secret: metadata, never a value. This is the
 * shape of `safehold list/show --json` and of what the renderer receives.
 */
import type { CertificateFacts, CredentialType, Role, SecretStatus } from './domain'

export interface UsageView {
  consumer: string
  firstUsedAt: string
  lastUsedAt: string
  count: number
}

export interface SecretSummary {
  id: string
  name: string
  type: CredentialType
  /** organization | workspace:NAME | personal */
  scope: string
  /** organization | spot:SPOT for organization secrets, else null */
  availability: string | null
  createdAt: string
  updatedAt: string
  lastUsedAt: string | null
  expiresAt: string | null
  status: SecretStatus
  deletesAt: string | null
  usages: UsageView[]
}

export interface SecretDetails extends SecretSummary {
  /** Non-secret fields: headerName, clientId, url. */
  fields: Record<string, string>
  /** Key/Value: the keys (their values stay in the vault). */
  keys: string[]
  certificate: CertificateFacts | null
  hasPrivateKey: boolean
  /** First 8 hex characters of an HMAC of the values under a vault-internal key (§1.3). */
  fingerprint: string
}

export interface ProfileView {
  organization: string
  user: string
  role: Role
  workspaces: string[]
  /** What protects the vault key: "Key in GNOME Keyring", "Passphrase". */
  protection: string
}
