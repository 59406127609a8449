/** One rule applied to one input: its output, or INVALID_INPUT naming the field with the rule's message. */
import type { z } from 'zod'
import { SafeholdError } from '../../shared/errors'

export function check<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw new SafeholdError(
    'INVALID_INPUT',
    result.error.issues[0]?.message ?? `${field} is not valid.`,
    field,
  )
}
