/**
 * What callers (CLI, IPC) ask of the secrets service. Values travel only inward. The types are
 * the outputs of the contract's request schemas, except where main's form truly differs from
 * what crosses IPC: files arrive in main as bytes (the CLI reads them from disk, the IPC layer
 * decodes the page's base64 once, at the boundary), and an edit names its secret by a SecretRef,
 * because the CLI finds secrets by name where the app has their id.
 */
import type { z } from 'zod'
import type {
  editRequestSchema,
  fileInputSchema,
  pairSchema,
  registerRequestSchema,
} from './ipc-contract'

/** A certificate or key file as main holds it: its bytes, not the page's base64. */
export type FileInput = Omit<z.output<typeof fileInputSchema>, 'dataBase64'> & {
  data: Uint8Array
}

export type KeyValuePair = z.output<typeof pairSchema>

/** A request whose file fields hold bytes. */
type WithFiles<T> = Omit<T, 'certificate' | 'privateKey'> & {
  certificate?: FileInput
  privateKey?: FileInput
}

/**
 * `availability` is for organization scope only and defaults to the entire organization;
 * `expiresAt` (`YYYY-MM-DD` or an ISO instant) is not for certificates, whose expiry comes from
 * the file; `fields` holds the typed fields by key (headerName, value, clientId, …).
 */
export type RegisterRequest = WithFiles<z.output<typeof registerRequestSchema>>

/**
 * A secret by id (the app), or by name (the CLI), where `scope` (organization | workspace:NAME |
 * personal) settles a name used in several scopes.
 */
export type SecretRef = { id: string } | { name: string; scope?: string }

/**
 * A secret field given as '' keeps its current value, as does a Key/Value pair given with '';
 * `removeKeys` (each must exist) applies before `pairs`; `expiresAt` null clears the date and
 * undefined keeps it.
 */
export type EditRequest = WithFiles<Omit<z.output<typeof editRequestSchema>, 'id'>> & {
  ref: SecretRef
}
