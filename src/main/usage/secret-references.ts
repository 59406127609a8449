/**
 * References to values in `.env` templates and `inject` templates (DESIGN §6.1):
 * `safehold://NAME`, `safehold://NAME/FIELD`, and, where a name is used in several scopes,
 * `safehold://SCOPE/NAME[/FIELD]` (`organization`, `workspace:WS`, `personal`). A first part that
 * is a scope is read as one: `safehold://personal/x` is the secret x of Personal.
 */
import { SafeholdError } from '../../shared/errors'
import type { UseRequest } from './secret-use'

const PREFIX = 'safehold://'
/** `{{ safehold://… }}` in a template, spaces inside the braces allowed. */
export const REFERENCE_IN_TEMPLATE = /\{\{\s*(safehold:\/\/[^\s{}]*)\s*\}\}/g

const isScope = (part: string): boolean =>
  part === 'organization' ||
  part === 'personal' ||
  (part.startsWith('workspace:') && part.length > 'workspace:'.length)

/** The request a reference makes; `where` names it in an error ("entry 3 of --env-file"). */
export function parseReference(reference: string, where: string): UseRequest {
  const parts = reference.startsWith(PREFIX) ? reference.slice(PREFIX.length).split('/') : []
  const invalid = (): SafeholdError =>
    new SafeholdError(
      'INVALID_INPUT',
      `The ${where} is not a reference of the form safehold://NAME, safehold://NAME/FIELD or safehold://SCOPE/NAME/FIELD.`,
      'reference',
    )
  if (parts.length === 0 || parts.length > 3 || parts.some((part) => part === '')) throw invalid()
  const scoped = parts.length === 3 || (parts.length === 2 && isScope(parts[0]!))
  if (parts.length === 3 && !isScope(parts[0]!)) throw invalid()
  const [scope, name, field] = scoped
    ? [parts[0], parts[1]!, parts[2]]
    : [undefined, parts[0]!, parts[1]]
  return {
    ref: scope === undefined ? { name } : { name, scope },
    ...(field === undefined ? {} : { field }),
  }
}
