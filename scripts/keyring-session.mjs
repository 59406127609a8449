// A throwaway gnome-keyring on a private D-Bus session, every XDG folder in a fresh temp dir, so
// the user's own keyring is never read, unlocked or written. Used by `npm test` and `npm run bench`.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

const KEYRING_WRAPPER = [
  'set -e',
  'export HOME="$SAFEHOLD_KEYRING_HOME"',
  'eval "$(printf %s "$SAFEHOLD_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets | sed "s/^/export /")"',
  'export HOME="$SAFEHOLD_REAL_HOME"',
  'exec "$@"',
].join('\n')

export function onPath(command) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((folder) => folder && existsSync(join(folder, command)))
}

/** `{ env, wrap(command, args) → [command, args] inside the session, cleanup() }` */
export function privateKeyringSession(label) {
  const base = mkdtempSync(join(tmpdir(), `safehold-${label}-keyring-`))
  const folders = {}
  for (const name of ['data', 'config', 'cache', 'runtime', 'home']) {
    folders[name] = join(base, name)
    mkdirSync(folders[name], { mode: 0o700 })
  }
  const env = { ...process.env }
  // Nothing may lead gnome-keyring or libsecret back to the user's own session.
  for (const key of ['DBUS_SESSION_BUS_ADDRESS', 'GNOME_KEYRING_CONTROL', 'GNOME_KEYRING_PID']) {
    delete env[key]
  }
  Object.assign(env, {
    XDG_DATA_HOME: folders.data,
    XDG_CONFIG_HOME: folders.config,
    XDG_CACHE_HOME: folders.cache,
    XDG_RUNTIME_DIR: folders.runtime,
    SAFEHOLD_KEYRING_HOME: folders.home,
    SAFEHOLD_REAL_HOME: process.env.HOME ?? folders.home,
    SAFEHOLD_KEYRING_PASSWORD: `safehold-${label}`,
  })
  return {
    env,
    wrap: (command, args) => [
      'dbus-run-session',
      ['--', 'bash', '-c', KEYRING_WRAPPER, 'bash', command, ...args],
    ],
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  }
}
