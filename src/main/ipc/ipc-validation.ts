/**
 * What a request that fails its schema is told: the first bad path and what is wrong with it, in
 * words. Built from the schema's side of each issue only (path, expected type, limits), never
 * from zod's own messages or the input, so no value the page sent is ever echoed back.
 */
import type { z } from 'zod'
import { SafeholdError } from '../../shared/errors'

type Issue = z.core.$ZodIssue

// A path segment is shown only when it looks like a field name; a record key could be anything.
const SHOWABLE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/

function showPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the request'
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`
      if (typeof key === 'string' && SHOWABLE_KEY.test(key)) return index === 0 ? key : `.${key}`
      return '[…]'
    })
    .join('')
}

/** The input field an error belongs to: `fields.headerName` → headerName, `scope.kind` → scope. */
function fieldOf(path: readonly PropertyKey[]): string | undefined {
  const [first, second] = path
  const field = first === 'fields' && typeof second === 'string' ? second : first
  return typeof field === 'string' && SHOWABLE_KEY.test(field) ? field : undefined
}

function isMissing(payload: unknown, path: readonly PropertyKey[]): boolean {
  let node = payload
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return true
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return node === undefined
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
}

function problem(issue: Issue, payload: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length > 0 && isMissing(payload, issue.path)) return 'is missing'
      return `must be ${TYPE_WORDS[issue.expected] ?? `of type ${issue.expected}`}`
    case 'too_big':
      return issue.origin === 'array'
        ? `has too many items (at most ${Number(issue.maximum)})`
        : `is too long (at most ${Number(issue.maximum)} characters)`
    case 'too_small':
      return Number(issue.minimum) <= 1 ? 'must not be empty' : 'is too short'
    case 'invalid_value': {
      const allowed = issue.values.filter((v): v is string => typeof v === 'string')
      return allowed.length > 0 && allowed.length <= 6
        ? `must be ${allowed.map((v) => `"${v}"`).join(' or ')}`
        : 'is not one of the allowed values'
    }
    case 'unrecognized_keys':
      return 'has a field it does not take'
    case 'invalid_format':
      return 'is not in the expected format'
    case 'invalid_key':
      return 'has a key that is not allowed'
    default:
      return 'is not valid'
  }
}

export function invalidRequest(error: z.ZodError, payload: unknown): SafeholdError {
  const issue = error.issues[0]
  if (issue === undefined) return new SafeholdError('INVALID_INPUT', 'The request is not valid.')
  const message = `The request is not valid: ${showPath(issue.path)} ${problem(issue, payload)}.`
  return new SafeholdError('INVALID_INPUT', message, fieldOf(issue.path))
}
