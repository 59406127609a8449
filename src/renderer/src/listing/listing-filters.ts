/**
 * The filter menus' rule (Type, Status, Tags): within one menu any ticked choice lets a secret
 * through, across menus every menu must; a menu with nothing ticked lets every secret through.
 * Pure: unit tests import it.
 */
import type { CredentialType, SecretStatus } from '../../../shared/domain'
import type { SecretSummary } from '../../../shared/secret-view'

export interface ListingFilters {
  types: readonly CredentialType[]
  statuses: readonly SecretStatus[]
  tags: readonly string[]
}

export function isFiltered(filters: ListingFilters): boolean {
  return filters.types.length > 0 || filters.statuses.length > 0 || filters.tags.length > 0
}

export function passesFilters(secret: SecretSummary, filters: ListingFilters): boolean {
  const { types, statuses, tags } = filters
  return (
    (types.length === 0 || types.includes(secret.type)) &&
    (statuses.length === 0 || statuses.includes(secret.status)) &&
    (tags.length === 0 || tags.some((tag) => secret.tags.includes(tag)))
  )
}
