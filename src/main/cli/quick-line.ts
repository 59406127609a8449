/**
 * The plain command lines of the commands programs call most, `get` and `run`, read without
 * commander: loading and setting up commander costs such a process about as much as the vault
 * work it does. Only lines this reader knows for certain are taken: anything else (an unknown or
 * repeated option, a value that looks like an option, --help, `run` without "--") goes to
 * commander, which reads every line and says what is wrong. So a line read here is one commander
 * reads the same way, and every mistake is still told by commander, in its words.
 */
import type { GlobalOptions } from './cli-context'

/** The options as commander hands them to get's and run's actions. */
export type QuickLine =
  | {
      command: 'get'
      args: string[]
      options: GlobalOptions & { as: string; field?: string; scope?: string }
    }
  | {
      command: 'run'
      args: string[]
      options: GlobalOptions & { as: string; env?: string[]; envFile?: string; masking: boolean }
    }

type Read = Record<string, string | string[] | boolean>

interface Spec {
  values: readonly string[]
  lists: readonly string[]
  /** `--no-X` options: X is true unless given. */
  negated: readonly string[]
}

const GLOBAL_VALUES = ['vault'] as const
const GLOBAL_FLAGS = ['passphrase-stdin', 'json'] as const
const SPECS: Record<QuickLine['command'], Spec> = {
  get: { values: ['as', 'field', 'scope'], lists: [], negated: [] },
  run: { values: ['as', 'env-file'], lists: ['env'], negated: ['masking'] },
}

const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

/** `argv` without node and the script; null when commander should read it. */
export function readQuickLine(argv: readonly string[]): QuickLine | null {
  const options: Read = {}
  const seen = new Set<string>()
  let at = 0
  /** One option at `at` of the given kinds; false when it is none of them. */
  const option = (values: readonly string[], flags: readonly string[], spec?: Spec): boolean => {
    const token = argv[at]!
    if (!token.startsWith('--') || token === '--') return false
    const eq = token.indexOf('=')
    const name = token.slice(2, eq === -1 ? undefined : eq)
    const inline = eq === -1 ? undefined : token.slice(eq + 1)
    const isList = spec?.lists.includes(name) === true
    if (values.includes(name) || isList) {
      const value = inline ?? argv[at + 1]
      if (value === undefined || value.startsWith('-')) return false
      if (isList) {
        const list = (options[camel(name)] as string[] | undefined) ?? []
        options[camel(name)] = [...list, value]
      } else {
        if (seen.has(name)) return false
        options[camel(name)] = value
      }
      seen.add(name)
      at += inline === undefined ? 2 : 1
      return true
    }
    const negated = name.startsWith('no-') ? name.slice(3) : null
    if (inline === undefined && (flags.includes(name) || spec?.negated.includes(negated ?? ''))) {
      if (seen.has(name)) return false
      seen.add(name)
      options[camel(negated ?? name)] = negated === null
      at += 1
      return true
    }
    return false
  }

  while (at < argv.length && option(GLOBAL_VALUES, GLOBAL_FLAGS)) continue
  const command = argv[at]
  if (command !== 'get' && command !== 'run') return null
  const spec = SPECS[command]
  for (const name of spec.negated) options[camel(name)] = true
  at += 1
  const args: string[] = []
  while (at < argv.length) {
    if (argv[at] === '--') {
      if (command !== 'run') return null
      args.push(...argv.slice(at + 1))
      at = argv.length
      break
    }
    if (option(spec.values, [], spec)) continue
    const token = argv[at]!
    // A positional: get's name. Anything that looks like an option is commander's to judge.
    if (token.startsWith('-') || command === 'run') return null
    args.push(token)
    at += 1
  }
  if (command === 'get' && args.length !== 1) return null
  if (command === 'run' && !argv.includes('--')) return null
  if (typeof options['as'] !== 'string') return null
  // Each key was set above from its command's spec, with the type commander gives it.
  return { command, args, options } as unknown as QuickLine
}
