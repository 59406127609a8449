/** What the crash tests and their child process (vault-crash-child.ts) agree on. */

/** The value every crash-test secret holds, so a reader can tell a whole record from a damaged one. */
export const crashValueOf = (name: string): string => `value-of-${name}`

export interface ChildSettings {
  dir: string
  vaultId: string
  /** The raw vault key; passed in the environment only by tests. */
  key: Buffer
  mode: 'register' | 'hold-lock'
  prefix?: string
  count?: number
  /** After every N registrations, register one more secret and delete it (a compaction). */
  deleteEvery?: number
  /** Wait up to this many ms (at random) between registrations, as a less hurried writer would. */
  pauseMs?: number
  /** Load, then wait for RunningChild.go() before opening the vault. */
  awaitGo?: boolean
}

export function childEnvironment(settings: ChildSettings): Record<string, string> {
  return {
    VAULT_CHILD_DIR: settings.dir,
    VAULT_CHILD_ID: settings.vaultId,
    VAULT_CHILD_KEY: settings.key.toString('base64'),
    VAULT_CHILD_MODE: settings.mode,
    VAULT_CHILD_PREFIX: settings.prefix ?? 'child',
    VAULT_CHILD_COUNT: String(settings.count ?? 0),
    VAULT_CHILD_DELETE_EVERY: String(settings.deleteEvery ?? 0),
    VAULT_CHILD_PAUSE_MS: String(settings.pauseMs ?? 0),
    VAULT_CHILD_AWAIT_GO: settings.awaitGo ? '1' : '0',
  }
}
