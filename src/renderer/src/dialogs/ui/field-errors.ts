/**
 * Errors beside the field they belong to (DESIGN.md §6.4). Keys are the camelCase field keys of
 * the contract (`name`, `headerName`, `pairs`, `certificatePassword`, …); `form` is the top of the
 * current step, where an error goes that names no field on screen.
 */
import type { z } from 'zod'
import type { ErrorInfo } from '../../../../shared/errors'

export type FieldErrors = Partial<Record<string, string>>

export const FORM = 'form'

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((message) => message !== undefined)
}

/** The first message of a zod check, or undefined when the value passes. */
export function ruleError<T>(schema: z.ZodType<T>, value: unknown): string | undefined {
  const result = schema.safeParse(value)
  return result.success
    ? undefined
    : (result.error.issues[0]?.message ?? 'This value is not valid.')
}

/** Main's error beside its field when the form shows that field, else at the top. */
export function routeError(error: ErrorInfo, shown: readonly string[]): FieldErrors {
  const field = error.field
  if (field !== undefined && shown.includes(field)) return { [field]: error.message }
  return { [FORM]: error.message }
}

/** Drops the errors of the given fields, for when the user changes them. */
export function without(errors: FieldErrors, ...fields: string[]): FieldErrors {
  if (!fields.some((field) => errors[field] !== undefined)) return errors
  const next = { ...errors }
  for (const field of fields) delete next[field]
  return next
}
