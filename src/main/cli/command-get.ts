/** `safehold get`: prints one value, recorded as a use. Kept apart so it loads little. */
import { useSecret } from '../usage/secret-use'
import type { CliContext } from './cli-context'

export async function get(
  context: CliContext,
  args: string[],
  options: { field?: string; as: string; scope?: string },
): Promise<void> {
  const { store, clock } = await context.servicesFor(args[0]!)
  const { value, secret, reactivated } = await useSecret(store, clock, {
    ref: { name: args[0]!, ...(options.scope === undefined ? {} : { scope: options.scope }) },
    consumer: options.as,
    ...(options.field === undefined ? {} : { field: options.field }),
  })
  if (reactivated)
    context.err.write(`"${secret.name}" was used again; its deletion was cancelled.\n`)
  context.out.write(value.endsWith('\n') ? value : value + '\n')
}
